import Foundation
import GRDB
import Synchronization

/// Read-only connections for request-path reads, each behind its own lock.
///
/// A reader takes the first free slot with a trylock (one atomic operation when uncontended)
/// and runs on that connection's own serial queue, which nobody else holds, so reads never
/// queue behind each other. `DatabasePool.read` serialised our worker threads on its shared
/// pool lock instead: at 14k req/s a sixth of the CPU went to context switches there.
///
/// A request can also hold a connection for all its reads (`holding`): one transaction from
/// its first read on, instead of a transaction per read. Each read transaction costs a BEGIN,
/// a COMMIT, two `fcntl` locks on the WAL index and a hop onto the connection's queue; the
/// album page made seven of them. Held connections are slots of their own, taken only when
/// one is free, so a held slot never makes another thread wait (a request waiting for a job
/// that reads cannot deadlock), and every write of this process ends the held transactions
/// at their next read (`wrote`): a request sees what it, or anyone in the process, wrote.
final class ReaderSlots: Sendable {
    private final class Slot: Sendable {
        let lock = NSLock()
        let connection: DatabaseQueue
        init(_ connection: DatabaseQueue) { self.connection = connection }
    }

    /// The connection a thread holds, and the write count its transaction began after (nil
    /// when none is open). Used by its own thread only.
    private final class Hold {
        let owner: ReaderSlots
        let slot: Slot
        var began: Int?
        /// Inside a read on the held connection: a read within it goes to another connection
        /// (GRDB's queues are not reentrant).
        var reading = false
        init(owner: ReaderSlots, slot: Slot) {
            self.owner = owner
            self.slot = slot
        }
    }

    private let slots: [Slot]
    private let heldSlots: [Slot]
    /// Writes this process has committed: a held transaction older than the last one ends.
    private let writes = Atomic<Int>(0)
    private static let holdKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    init(path: String, count: Int) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        // 16 MB of pages per connection (SQLite's default is 2 MB): on a library of a million
        // items an album page's rows sit deeper in a 1 GB file.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -16384") }
        slots = try (0..<max(count, 1)).map { _ in Slot(try DatabaseQueue(path: path, configuration: configuration)) }
        // A held connection's transaction outlives each access to it, deliberately.
        configuration.allowsUnsafeTransactions = true
        heldSlots = try (0..<max(count, 1)).map { _ in
            Slot(try DatabaseQueue(path: path, configuration: configuration))
        }
    }

    /// Runs `block` on a free connection, in one deferred transaction (a snapshot from its
    /// first statement on, so a read of several statements never sees half a write). BEGIN and
    /// COMMIT are cached statements: `Database.inTransaction` prepares both anew each time,
    /// which took `/healthz` from 0.82 to 0.70 of the C hello and a signed-in page from 0.20
    /// to 0.16. On a thread that holds a connection, the read joins its transaction.
    func read<T>(_ block: (Database) throws -> T) throws -> T {
        if let hold = Self.currentHold(), hold.owner === self, !hold.reading { return try read(in: hold, block) }
        return try onConnection { db in
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

    /// Runs `body` with every read of this thread on one held connection, when one is free
    /// (otherwise as usual); its transaction ends with `body`.
    func holding<T>(_ body: () throws -> T) rethrows -> T {
        guard Self.currentHold() == nil, let slot = heldSlots.first(where: { $0.lock.try() }) else {
            return try body()
        }
        let hold = Hold(owner: self, slot: slot)
        pthread_setspecific(Self.holdKey, Unmanaged.passUnretained(hold).toOpaque())
        defer {
            pthread_setspecific(Self.holdKey, nil)
            if hold.began != nil {
                _ = try? slot.connection.inDatabase { db in try db.cachedStatement(sql: "COMMIT").execute() }
            }
            slot.lock.unlock()
        }
        return try body()
    }

    /// Called after each committed write: held transactions begin anew at their next read.
    func wrote() {
        writes.add(1, ordering: .releasing)
    }

    private func read<T>(in hold: Hold, _ block: (Database) throws -> T) throws -> T {
        try hold.slot.connection.inDatabase { db in
            let written = writes.load(ordering: .acquiring)
            if hold.began != written {
                if hold.began != nil { try db.cachedStatement(sql: "COMMIT").execute() }
                hold.began = nil
                try db.cachedStatement(sql: "BEGIN DEFERRED").execute()
                hold.began = written
            }
            hold.reading = true
            defer { hold.reading = false }
            do {
                return try block(db)
            } catch {
                // Whatever failed, the next read starts afresh.
                try? db.cachedStatement(sql: "ROLLBACK").execute()
                hold.began = nil
                throw error
            }
        }
    }

    private static func currentHold() -> Hold? {
        pthread_getspecific(holdKey).map { Unmanaged<Hold>.fromOpaque($0).takeUnretainedValue() }
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
