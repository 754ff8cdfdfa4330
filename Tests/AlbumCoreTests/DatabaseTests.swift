import Foundation
import GRDB
import Testing

@testable import AlbumCore

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

    /// Records read rows by position: each table's columns must be its record's `columnOrder`,
    /// and a row of another shape is refused rather than read into the wrong fields.
    @Test func recordsAreReadByTheirTablesColumnOrder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/a.sqlite")
        let records: [(table: String, record: any PositionalRecord.Type)] = [
            ("media", MediaItem.self), ("users", User.self), ("sessions", AuthSession.self), ("albums", Album.self),
        ]
        for (table, record) in records {
            let columns = try database.pool.read { db in try db.columns(in: table).map(\.name) }
            #expect(columns == record.columnOrder, "\(table)")
            #expect(throws: DatabaseError.self, "\(table)") {
                try database.pool.read { db in _ = try record.fetchOne(db, sql: "SELECT 1 AS uuid, 2 AS id") }
            }
        }
    }

    /// Dates are read by arithmetic when GRDB stored them (`yyyy-MM-dd HH:mm:ss.SSS`): the same
    /// instant as GRDB's own parser, across centuries, leap days and milliseconds; other forms
    /// are left to GRDB.
    @Test func storedDatesReadAsGRDBReadsThem() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/a.sqlite")
        var generator = SystemRandomNumberGenerator()
        let instants =
            [-62_135_596_800.0, -86_400, 0, 951_782_400, 951_868_799.999, 1_709_164_800.5, 4_102_444_799.999]
            + (0..<500).map { _ in
                Double(Int64.random(in: -5_000_000_000_000...5_000_000_000_000, using: &generator)) / 1000
            }
        try database.pool.read { db in
            for instant in instants {
                let stored = try Row.fetchOne(db, sql: "SELECT ?", arguments: [Date(timeIntervalSince1970: instant)])!
                let text: String = stored[0]
                // Years before 1583 (Julian in Foundation's calendar) are GRDB's to read.
                #expect((StoredDate.parse(text) == nil) == (text < "1583"), "\(text)")
                #expect(try stored.date(0) == Date.fromDatabaseValue(stored[0] as DatabaseValue), "\(text)")
            }
            for other in ["2024-02-29T10:00:00.000Z", "2024-02-29", "1709200800", "2024-13-01 00:00:00.000"] {
                #expect(StoredDate.parse(other) == nil, "\(other)")
                let row = try Row.fetchOne(db, sql: "SELECT ?", arguments: [other])!
                #expect((try? row.optionalDate(0)) == Date.fromDatabaseValue(row[0] as DatabaseValue), "\(other)")
            }
            #expect(try Row.fetchOne(db, sql: "SELECT NULL")!.optionalDate(0) == nil)
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
