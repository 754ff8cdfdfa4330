import Foundation
import GRDB

/// The one value that owns the database: a WAL `DatabasePool` with foreign keys and a busy
/// timeout, migrated on open. Everything else reads and writes through it.
public final class AppDatabase: Sendable {
    public let pool: DatabasePool

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
    }

    /// Applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Migrations.migrator.appliedIdentifiers(db).sorted() }
    }

    /// A cheap query that proves the file is readable (for `/healthz`).
    public func check() throws {
        _ = try pool.read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT 1")) }
    }

    /// A consistent copy through SQLite's online backup API, safe while the server is writing.
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try pool.backup(to: destination)
        try destination.close()
    }
}
