import Foundation

/// A small thread-safe memo for pure functions that are costly per call and asked the same
/// question often: short codes, media signatures and tiles for every item of a page. When it
/// holds `capacity` answers it starts again empty (simpler than LRU, and the hot set refills
/// at once).
///
/// `@inlinable`, so callers in other modules get it specialised for their types: generic, each
/// lookup hashed and copied through witness tables (8 % of an album page).
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var answers: [Key: Value] = [:]
    @usableFromInline let capacity: Int

    public init(capacity: Int = 50_000) { self.capacity = capacity }

    @inlinable
    public func value(_ key: Key, _ compute: (Key) -> Value) -> Value {
        value(key, unless: { _ in false }, compute)
    }

    /// The answer for `key`, computed afresh (and kept) when there is none or the one kept is
    /// `stale` — for answers that depend on more than their key, such as the hour.
    @inlinable
    public func value(_ key: Key, unless stale: (Value) -> Bool, _ compute: (Key) -> Value) -> Value {
        if let known = known(key), !stale(known) { return known }
        let value = compute(key)
        store(key, value)
        return value
    }

    /// The answer kept for `key`, if any.
    @inlinable
    public func known(_ key: Key) -> Value? { lock.withLock { answers[key] } }

    /// Replaces the answer for `key`.
    @inlinable
    public func store(_ key: Key, _ value: Value) {
        lock.withLock {
            if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = value
        }
    }
}
