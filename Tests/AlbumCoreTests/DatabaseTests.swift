import AlbumCore
import Foundation
import GRDB
import Testing

func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "albumcore-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct DatabaseTests {
    let domainTables = [
        "albums", "api_keys", "blobs", "derivatives", "group_members", "groups", "media", "media_labels", "media_tags",
        "plans", "sessions", "share_views", "shares", "subscriptions", "tokens", "users",
    ]

    @Test func migratesAnEmptyDatabaseToTheWholeDomain() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/a.sqlite")
        #expect(try database.appliedMigrations() == ["v1-domain"])
        let tables = try database.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == domainTables)
        let journal = try database.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        let foreignKeys = try database.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
    }

    /// `MediaItem` reads rows by position: the table's columns must be `columnOrder`, and a row
    /// of another shape is refused rather than read into the wrong fields.
    @Test func mediaRowsAreReadByTheTablesColumnOrder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/a.sqlite")
        let columns = try database.pool.read { db in try db.columns(in: "media").map(\.name) }
        #expect(columns == MediaItem.columnOrder)
        #expect(throws: DatabaseError.self) {
            try database.pool.read { db in
                _ = try MediaItem.fetchOne(db, sql: "SELECT 1 AS uuid, 2 AS id")
            }
        }
    }

    @Test func reopeningAnExistingDatabaseKeepsItsData() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a.sqlite"
        do {
            let accounts = Accounts(database: try AppDatabase(path: path))
            try accounts.createUser(username: "alice", password: "correct horse")
        }
        let reopened = try AppDatabase(path: path)
        #expect(try reopened.appliedMigrations() == ["v1-domain"])
        #expect(try Accounts(database: reopened).user(named: "alice") != nil)
    }

    @Test func schemaRefusesWhatTheDomainForbids() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/a.sqlite")
        let user = try Accounts(database: database).createUser(username: "bob", password: "12345678")
        let longName = String(repeating: "é", count: 128)  // 256 bytes of UTF-8
        #expect(throws: DatabaseError.self) {
            try database.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO albums (uuid, owner_id, name, link_secret, created_at, updated_at)
                        VALUES ('u', ?, ?, 's', 0, 0)
                        """, arguments: [user.id, longName])
            }
        }
        // An album whose owner does not exist breaks a foreign key.
        #expect(throws: DatabaseError.self) {
            try database.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO albums (uuid, owner_id, name, link_secret, created_at, updated_at)
                        VALUES ('u', 999, 'x', 's', 0, 0)
                        """)
            }
        }
    }

    @Test func backupIsAConsistentReadableCopy() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/a.sqlite")
        try Accounts(database: database).createUser(username: "carol", password: "12345678")
        try database.backup(to: directory + "/copy.sqlite")
        let copy = try AppDatabase(path: directory + "/copy.sqlite")
        #expect(try Accounts(database: copy).user(named: "carol")?.username == "carol")
    }
}
