import Foundation
import GRDB

/// The one value that owns the database: a WAL `DatabasePool` with foreign keys and a busy
/// timeout, migrated on open, plus read-only connections for the request path. Its connections
/// are its own: everything else reads and writes through `read` and `write`.
public final class AppDatabase: Sendable {
    /// Writes, migrations and backups.
    private let pool: DatabasePool
    /// Reads, on connections of their own (see `ReaderSlots` for the measurement).
    private let readers: ReaderSlots

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
        pool = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(pool)
        self.readers = try ReaderSlots(path: path, count: max(readers, 2))
    }

    /// A read on a connection of its own, in one transaction: every statement of `block` sees
    /// the same state of the database, whatever commits meanwhile.
    public func read<T>(_ block: (Database) throws -> T) throws -> T {
        try readers.read(block)
    }

    /// Changes in one transaction, committed when `block` returns and rolled back when it
    /// throws. One writer at a time (SQLite's rule), behind WAL so reads never wait for it.
    public func write<T>(_ block: (Database) throws -> T) throws -> T {
        try pool.write(block)
    }

    /// Applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read { db in try Migrations.migrator.appliedIdentifiers(db).sorted() }
    }

    /// A cheap query that proves the file is readable (for `/healthz`).
    public func check() throws {
        _ = try read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM sqlite_master LIMIT 1")) }
    }

    /// A consistent copy through SQLite's online backup API, safe while the server is writing.
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try pool.backup(to: destination)
        try destination.close()
    }
}
