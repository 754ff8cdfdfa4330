import Foundation

/// A small thread-safe memo for pure functions that are costly per call and asked the same
/// question often: short codes and media signatures for every tile of a page. When it holds
/// `capacity` answers it starts again empty (simpler than LRU, and the hot set refills at once).
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Key: Value] = [:]
    private let capacity: Int

    public init(capacity: Int = 50_000) { self.capacity = capacity }

    public func value(_ key: Key, _ compute: (Key) -> Value) -> Value {
        if let known = lock.withLock({ answers[key] }) { return known }
        let value = compute(key)
        store(key, value)
        return value
    }

    /// The answer for `key`, computed afresh (and kept) when there is none or the one kept is
    /// `stale` — for answers that depend on more than their key, such as the hour.
    public func value(_ key: Key, unless stale: (Value) -> Bool, _ compute: (Key) -> Value) -> Value {
        if let known = lock.withLock({ answers[key] }), !stale(known) { return known }
        let value = compute(key)
        store(key, value)
        return value
    }

    /// Replaces the answer for `key`.
    public func store(_ key: Key, _ value: Value) {
        lock.withLock {
            if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = value
        }
    }
}
