import AlbumCore
import Foundation

/// What one response tells the next of the same session, once: the secret of an API key just
/// made, shown on the page the browser is redirected to (redirect-after-post, so a reload never
/// makes a second key). Kept in memory for a few minutes (one process serves the site; a restart
/// forgetting it loses one showing, and the key can be revoked and made again). Keyed by a hash
/// of the session's secret, never the secret itself.
final class Flash: @unchecked Sendable {
    private struct Entry {
        let values: [String: String]
        let until: Date
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private let lifetime: TimeInterval = 5 * 60

    func put(_ values: [String: String], session: String, now: Date = Date()) {
        lock.withLock {
            if entries.count > 10_000 { entries = entries.filter { $0.value.until > now } }
            entries[Self.key(session)] = Entry(values: values, until: now.addingTimeInterval(lifetime))
        }
    }

    /// The values put for `session`, removed as they are read; nil when none or too old.
    func take(session: String?, now: Date = Date()) -> [String: String]? {
        guard let session else { return nil }
        return lock.withLock {
            guard !entries.isEmpty else { return nil }  // every page asks: no hashing when idle
            guard let entry = entries.removeValue(forKey: Self.key(session)), entry.until > now else { return nil }
            return entry.values
        }
    }

    private static func key(_ session: String) -> String { Secrets.hash(session) }
}
