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

/// How many uploads each user may have in progress at once: one person's batch script cannot
/// hold every worker thread while everyone else waits. In memory, like `RateLimiter`.
final class UploadSlots: @unchecked Sendable {
    /// 0 or less turns the cap off.
    let perUser: Int
    private let lock = NSLock()
    private var inProgress: [Int64: Int] = [:]

    init(perUser: Int) {
        self.perUser = perUser
    }

    /// Runs `body` in one of `user`'s slots; throws `RateLimited` when all are taken.
    func holding<T>(_ user: Int64, _ body: () throws -> T) throws -> T {
        guard perUser > 0 else { return try body() }
        let taken = lock.withLock {
            let count = inProgress[user, default: 0]
            guard count < perUser else { return false }
            inProgress[user] = count + 1
            return true
        }
        guard taken else { throw RateLimited(retryAfter: 5, reason: .uploadsInProgress(perUser)) }
        defer {
            lock.withLock {
                let left = inProgress[user, default: 1] - 1
                inProgress[user] = left > 0 ? left : nil
            }
        }
        return try body()
    }
}

/// A credential past a limit; each dialect answers 429 in its format, with `Retry-After`.
struct RateLimited: Error {
    enum Reason {
        /// `ALBUMEN_RATE_LIMIT` requests a minute.
        case requests
        /// `ALBUMEN_UPLOADS_PER_USER` uploads at once.
        case uploadsInProgress(Int)
    }

    let retryAfter: Int
    var reason = Reason.requests
}
