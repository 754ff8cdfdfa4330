import Foundation

/// Requests per credential: a token bucket per key that holds a minute's allowance and refills
/// evenly, so a client may burst up to its limit and then goes at the limit's pace. Kept in
/// memory (one process serves the site; a restart forgetting the buckets is fine for a brake).
final class RateLimiter: @unchecked Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    /// Requests a minute per key; 0 or less turns limiting off.
    let perMinute: Int
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Takes one request for `key`; nil when it may go, else the seconds until it may.
    func take(_ key: String, now: Date = Date()) -> Int? {
        guard perMinute > 0 else { return nil }
        let capacity = Double(perMinute)
        let rate = capacity / 60
        return lock.withLock {
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + now.timeIntervalSince(bucket.updated) * rate)
            bucket.updated = now
            defer {
                if buckets.count > 100_000 { buckets.removeAll() }
                buckets[key] = bucket
            }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up))) }
            bucket.tokens -= 1
            return nil
        }
    }
}

/// A credential past a limit; each dialect answers 429 in its format, with `Retry-After`.
struct RateLimited: Error {
    enum Reason {
        /// `ALBUMEN_RATE_LIMIT` requests a minute.
        case requests
        /// `ALBUMEN_UPLOADS_PER_USER` uploads at once.
        case uploadsInProgress(Int)
        /// A ZIP already streaming for this user, or as many as the site allows (`DownloadSlots`).
        case downloadsInProgress
        /// Wrong passwords of an album link (per link and per address).
        case wrongPasswords
    }

    let retryAfter: Int
    var reason = Reason.requests
}
