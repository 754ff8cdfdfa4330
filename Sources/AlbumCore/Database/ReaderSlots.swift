import Foundation
import GRDB

/// Read-only connections for request-path reads, each behind its own lock.
///
/// A reader takes the first free slot with a trylock (one atomic operation when uncontended)
/// and runs on that connection's own serial queue, which nobody else holds, so reads never
/// queue behind each other. `DatabasePool.read` serialised our worker threads on its shared
/// pool lock instead: at 14k req/s a sixth of the CPU went to context switches there.
final class ReaderSlots: Sendable {
    private final class Slot: Sendable {
        let lock = NSLock()
        let connection: DatabaseQueue
        init(_ connection: DatabaseQueue) { self.connection = connection }
    }

    private let slots: [Slot]

    init(path: String, count: Int) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        slots = try (0..<max(count, 1)).map { _ in Slot(try DatabaseQueue(path: path, configuration: configuration)) }
    }

    /// Runs `block` on a free connection, in one deferred transaction (a snapshot from its
    /// first statement on, so a read of several statements never sees half a write). BEGIN and
    /// COMMIT are cached statements: `Database.inTransaction` prepares both anew each time,
    /// which took `/healthz` from 0.82 to 0.70 of the C hello and a signed-in page from 0.20
    /// to 0.16.
    func read<T>(_ block: (Database) throws -> T) throws -> T {
        try onConnection { db in
            try db.cachedStatement(sql: "BEGIN DEFERRED").execute()
            let result: T
            do {
                result = try block(db)
            } catch {
                try? db.cachedStatement(sql: "ROLLBACK").execute()
                throw error
            }
            try db.cachedStatement(sql: "COMMIT").execute()
            return result
        }
    }

    private func onConnection<T>(_ block: (Database) throws -> T) throws -> T {
        // Start at a per-thread slot so threads rarely collide.
        let start = Int(truncatingIfNeeded: UInt(bitPattern: pthread_self().hashValue) % UInt(slots.count))
        for offset in 0..<slots.count {
            let slot = slots[(start + offset) % slots.count]
            if slot.lock.try() {
                defer { slot.lock.unlock() }
                return try slot.connection.inDatabase(block)
            }
        }
        let slot = slots[start]
        return try slot.lock.withLock { try slot.connection.inDatabase(block) }
    }
}
