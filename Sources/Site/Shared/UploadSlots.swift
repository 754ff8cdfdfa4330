import Foundation

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
