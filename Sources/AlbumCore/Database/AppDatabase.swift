import Foundation
import GRDB

/// The one value that owns the database: a WAL `DatabasePool` with foreign keys and a busy
/// timeout, migrated on open, plus read-only connections for the request path. Everything
/// else reads and writes through it.
public final class AppDatabase: Sendable {
    /// Writes, migrations, backups, and reads that need one snapshot across statements.
    public let pool: DatabasePool
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

    /// A fast read for the request path, on a connection of its own. Each statement sees a
    /// consistent database; use `pool.read` when several statements must see the same one.
    public func read<T>(_ block: (Database) throws -> T) throws -> T {
        try readers.read(block)
    }

    /// Applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Migrations.migrator.appliedIdentifiers(db).sorted() }
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
