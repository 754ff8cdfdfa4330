import Foundation

/// How many ZIP downloads may stream at once: each holds a worker thread until its last byte
/// has left (`Response.stream`), so without a cap four slow downloads stall every page. One per
/// user and `total` site-wide (two by default, leaving the other workers to the pages); past
/// either, 429 with `Retry-After`. A slot is released when its `Held` token goes — with the
/// response that captured it, streamed or not (a HEAD, a failure), so none can leak.
final class DownloadSlots: @unchecked Sendable {
    let total: Int
    private let lock = NSLock()
    private var byUser: [Int64: Int] = [:]
    private var running = 0

    init(total: Int = 2) { self.total = total }

    final class Held: Sendable {
        private let release: @Sendable () -> Void
        fileprivate init(_ release: @escaping @Sendable () -> Void) { self.release = release }
        deinit { release() }
    }

    /// A slot for `user`, or `RateLimited` when they have a download running or all are taken.
    func take(_ user: Int64) throws -> Held {
        let taken = lock.withLock {
            guard byUser[user] == nil, running < total else { return false }
            byUser[user] = 1
            running += 1
            return true
        }
        guard taken else { throw RateLimited(retryAfter: 10, reason: .downloadsInProgress) }
        return Held { [self] in
            lock.withLock {
                byUser[user] = nil
                running -= 1
            }
        }
    }
}
