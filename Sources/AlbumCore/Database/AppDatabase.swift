import Foundation
import GRDB

/// The one value that owns the database: a WAL `DatabasePool` with foreign keys and a busy
/// timeout, migrated on open, plus read-only connections for the request path; or, for tests,
/// one in-memory connection. Its connections are its own: everything else reads and writes
/// through `read` and `write`.
public final class AppDatabase: Sendable {
    private enum Connections {
        /// Writes, migrations and backups on the pool; reads on connections of their own (see
        /// `ReaderSlots` for the measurement).
        case file(pool: DatabasePool, readers: ReaderSlots)
        /// One connection that is the database: gone when the value is.
        case memory(DatabaseQueue)
    }

    private let connections: Connections

    /// Opens (creating if needed) and migrates the database at `path`.
    /// - Parameter readers: at least the number of worker threads, so none waits for a reader.
    public init(path: String, readers: Int = 4) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = max(readers, 2)
        configuration.prepareDatabase { db in
            // NORMAL is durable across application crashes in WAL mode and much faster than FULL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(pool)
        connections = .file(pool: pool, readers: try ReaderSlots(path: path, count: max(readers, 2)))
    }

    /// A migrated database in memory, for tests that need no file: the same schema, triggers
    /// and foreign keys, without WAL or reader connections.
    public init(inMemory: Void = ()) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: configuration)
        try Migrations.migrator.migrate(queue)
        connections = .memory(queue)
    }

    /// An in-memory database (`init(inMemory:)`).
    public static func inMemory() throws -> AppDatabase { try AppDatabase(inMemory: ()) }

    /// A read on a connection of its own, in one transaction: every statement of `block` sees
    /// the same state of the database, whatever commits meanwhile.
    public func read<T>(_ block: (Database) throws -> T) throws -> T {
        switch connections {
        case .file(_, let readers): try readers.read(block)
        case .memory(let queue): try queue.read(block)
        }
    }

    /// Changes in one transaction, committed when `block` returns and rolled back when it
    /// throws. One writer at a time (SQLite's rule), behind WAL so reads never wait for it.
    public func write<T>(_ block: (Database) throws -> T) throws -> T {
        switch connections {
        case .file(let pool, let readers):
            defer { readers.wrote() }
            return try pool.write(block)
        case .memory(let queue): return try queue.write(block)
        }
    }

    /// Runs `body` (a request) with all its reads in one transaction on a connection it holds,
    /// begun anew after any write of this process (`ReaderSlots.holding`).
    public func reading<T>(_ body: () throws -> T) rethrows -> T {
        switch connections {
        case .file(_, let readers): try readers.holding(body)
        case .memory: try body()
        }
    }

    /// Applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read { db in
            let applied = try Migrations.migrator.appliedIdentifiers(db)
            return Migrations.migrator.migrations.filter(applied.contains)  // "v10" sorts before "v2"
        }
    }

    /// A cheap query that proves the file is readable (for `/healthz`).
    public func check() throws {
        _ = try read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM sqlite_master LIMIT 1")) }
    }

    /// A consistent copy through SQLite's online backup API, safe while the server is writing.
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        switch connections {
        case .file(let pool, _): try pool.backup(to: destination)
        case .memory(let queue): try queue.backup(to: destination)
        }
        try destination.close()
    }
}
