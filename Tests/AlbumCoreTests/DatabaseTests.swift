import Foundation
import GRDB
import Synchronization
import Testing

@testable import AlbumCore

func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "albumcore-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct DatabaseTests {
    let domainTables = [
        "album_links", "album_sizes", "albums", "api_keys", "blobs", "derivatives", "group_members", "groups",
        "inbox_sizes", "library_versions",
        "media",
        "media_details", "media_labels", "media_search", "media_search_config", "media_search_content",
        "media_search_data", "media_search_docsize", "media_search_idx", "media_tags",
        "plans", "sessions", "share_views", "shares", "storage_copies", "storage_location", "subscriptions",
        "timeline_months", "tokens", "upload_results",
        "users", "webhook_attempts", "webhook_events", "webhooks",
    ]

    static let migrations = [
        "v1-domain", "v2-ids-never-reused", "v3-shared-albums", "v4-library-versions", "v5-album-links",
        "v6-library", "v7-pictures", "v8-labeled-albums", "v9-storage", "v10-scale", "v11-page-versions",
        "v12-ordered-lists", "v13-inbox-sizes",
    ]

    @Test func migratesAnEmptyDatabaseToTheWholeDomain() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/a.sqlite")
        #expect(try database.appliedMigrations() == Self.migrations)
        let tables = try database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'sqlite_%' ORDER BY name
                    """)
        }
        #expect(tables == domainTables)
        let journal = try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        let foreignKeys = try database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
    }

    /// Records read rows by position: each table's columns must be its record's `columnOrder`,
    /// and a row of another shape is refused rather than read into the wrong fields.
    @Test func recordsAreReadByTheirTablesColumnOrder() throws {
        let database = try AppDatabase.inMemory()
        let records: [(table: String, record: any PositionalRecord.Type)] = [
            ("media", MediaItem.self), ("users", User.self), ("sessions", AuthSession.self), ("albums", Album.self),
        ]
        for (table, record) in records {
            let columns = try database.read { db in try db.columns(in: table).map(\.name) }
            #expect(columns == record.columnOrder, "\(table)")
            #expect(throws: DatabaseError.self, "\(table)") {
                try database.read { db in _ = try record.fetchOne(db, sql: "SELECT 1 AS uuid, 2 AS id") }
            }
        }
    }

    /// Dates are read by arithmetic when GRDB stored them (`yyyy-MM-dd HH:mm:ss.SSS`): the same
    /// instant as GRDB's own parser, across centuries, leap days and milliseconds; other forms
    /// are left to GRDB.
    @Test func storedDatesReadAsGRDBReadsThem() throws {
        let database = try AppDatabase.inMemory()
        var generator = SystemRandomNumberGenerator()
        let instants =
            [-62_135_596_800.0, -86_400, 0, 951_782_400, 951_868_799.999, 1_709_164_800.5, 4_102_444_799.999]
            + (0..<500).map { _ in
                Double(Int64.random(in: -5_000_000_000_000...5_000_000_000_000, using: &generator)) / 1000
            }
        try database.read { db in
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

    /// Dates bound as `Date.stored` are the text GRDB's `DateFormatter` writes, to the
    /// millisecond (rounded as ICU rounds, before and after 1970), in every year it can write; outside
    /// those years GRDB writes them itself.
    @Test func storedDatesWriteAsGRDBWritesThem() {
        var generator = SystemRandomNumberGenerator()
        let instants =
            [
                -12_219_292_800.0, -12_219_292_800.001, -1, -0.0005, 0, 0.0009, 0.9999, 951_782_400, 951_868_799.999,
                1_709_164_800.5, 253_402_300_799.999, 253_402_300_800, -62_135_596_800,
                Date.distantPast.timeIntervalSince1970,
                Date.distantFuture.timeIntervalSince1970,
            ]
            + (0..<2000).map { _ in
                Double(Int64.random(in: -12_000_000_000_000...253_402_300_799_999, using: &generator)) / 1000
            }
            + (0..<20000).map { _ in Double.random(in: -1e10...5e9, using: &generator) }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(date.stored == date.databaseValue, "\(instant)")
        }
        #expect(Date().stored.storage.value is String)
    }

    /// A request's reads (`reading`) share one transaction: a write by another process (the
    /// command line) stays unseen until the request ends, a write by this process is seen at
    /// the next read; a failed read does not spoil the next, nor does a read within a read;
    /// more requests than held connections still read.
    @Test func aRequestsReadsShareOneTransactionUntilThisProcessWrites() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/a.sqlite", readers: 2)
        let otherProcess = try AppDatabase(path: directory + "/a.sqlite")
        try database.write { db in try db.execute(sql: "CREATE TABLE probe (x); INSERT INTO probe VALUES (1)") }
        @Sendable func count() throws -> Int {
            try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe")! }
        }
        func insert(_ into: AppDatabase) throws {
            try into.write { db in try db.execute(sql: "INSERT INTO probe VALUES (1)") }
        }
        try database.reading { () throws -> Void in
            #expect(try count() == 1)
            try insert(otherProcess)
            #expect(try count() == 1)
            try insert(database)
            #expect(try count() == 3)
            try database.reading { () throws -> Void in #expect(try count() == 3) }
            // A read within a read goes to a connection of its own.
            #expect(try database.read { _ in try count() } == 3)
            #expect(throws: DatabaseError.self) {
                try database.read { db in try db.execute(sql: "SELECT * FROM nowhere") }
            }
            #expect(try count() == 3)
            try insert(database)
            #expect(try count() == 4)
        }
        try insert(otherProcess)
        #expect(try count() == 5)
        let counts = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 12) { _ in
            let seen = (try? database.reading { try count() + count() }) ?? -1
            counts.withLock { $0.append(seen) }
        }
        #expect(counts.withLock { $0 } == Array(repeating: 10, count: 12))
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
        #expect(try reopened.appliedMigrations() == Self.migrations)
        #expect(try Accounts(database: reopened).user(named: "alice") != nil)
    }

    @Test func schemaRefusesWhatTheDomainForbids() throws {
        let database = try AppDatabase.inMemory()
        let user = try Accounts(database: database).createUser(username: "bob", password: "12345678")
        let longName = String(repeating: "é", count: 128)  // 256 bytes of UTF-8
        #expect(throws: DatabaseError.self) {
            try database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO albums (uuid, owner_id, name, link_secret, created_at, updated_at)
                        VALUES ('u', ?, ?, 's', 0, 0)
                        """, arguments: [user.id, longName])
            }
        }
        // An album whose owner does not exist breaks a foreign key.
        #expect(throws: DatabaseError.self) {
            try database.write { db in
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

    /// Short codes encrypt ids: an id that a code has named must never name another row, even
    /// when the newest row is deleted (SQLite reuses the largest id without AUTOINCREMENT).
    @Test func idsOfDeletedNewestRowsAreNeverGivenAgain() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/a.sqlite")
        let user = try Accounts(database: database).createUser(username: "dan", password: "12345678")
        try database.write { db in
            let first = try Self.insertAlbumAndMedia(db, owner: user.id!, tag: "a")
            try db.execute(sql: "DELETE FROM media WHERE id = ?", arguments: [first.media])
            try db.execute(sql: "DELETE FROM albums WHERE id = ?", arguments: [first.album])
            let second = try Self.insertAlbumAndMedia(db, owner: user.id!, tag: "b")
            #expect(second.album > first.album)
            #expect(second.media > first.media)
        }
    }

    /// A database that was in use under v1 keeps every row, id, index and reference, and its next
    /// ids skip far past any deleted row whose code may be out there.
    @Test func anInUseDatabaseMigratesWithoutLosingRowsAndSkipsPastOldIds() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a.sqlite"
        var kept: (album: Int64, media: Int64) = (0, 0)
        do {
            let old = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(old, upTo: "v1-domain")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO users (uuid, username, password_hash, created_at) VALUES ('u1', 'eve', 'x', 0)
                        """)
                kept = try Self.insertAlbumAndMedia(db, owner: db.lastInsertedRowID, tag: "kept")
                try db.execute(
                    sql: "UPDATE albums SET cover_media_id = ? WHERE id = ?", arguments: [kept.media, kept.album])
                let gone = try Self.insertAlbumAndMedia(db, owner: 1, tag: "gone")
                try db.execute(sql: "DELETE FROM media WHERE id = ?", arguments: [gone.media])
                try db.execute(sql: "DELETE FROM albums WHERE id = ?", arguments: [gone.album])
            }
            try old.close()
        }
        let database = try AppDatabase(path: path)
        try database.write { db in
            let row = try #require(
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT albums.cover_media_id, media.album_id FROM albums JOIN media ON media.album_id = albums.id
                        WHERE albums.id = ?
                        """, arguments: [kept.album]))
            #expect(row[0] as Int64 == kept.media)
            #expect(
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE tbl_name = 'media' AND type = 'index' AND sql IS NOT NULL ORDER BY name"
                )
                    == [
                        "media_added", "media_album_position", "media_blob", "media_expires", "media_favourites",
                        "media_owner_created", "media_owner_kept", "media_owner_shown", "media_owner_timeline",
                        "media_trashed",
                    ])
            let next = try Self.insertAlbumAndMedia(db, owner: 1, tag: "next")
            #expect(next.album > 1_000_000 && next.media > 1_000_000)
            // v4: album names may be null or empty, and the album indexes came through.
            for name in [nil, ""] as [String?] {
                try db.execute(
                    sql: """
                        INSERT INTO albums (uuid, owner_id, name, link_secret, created_at, updated_at)
                        VALUES (?, 1, ?, ?, 0, 0)
                        """, arguments: [UUID().uuidString, name, UUID().uuidString])
            }
            #expect(
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE tbl_name = 'albums' AND type = 'index' AND sql NOT NULL ORDER BY name"
                )
                    == ["albums_owner", "albums_owner_id", "albums_owner_updated"])
            #expect(try db.foreignKeyViolations().map { _ in 1 }.isEmpty)
        }
    }

    private static func insertAlbumAndMedia(_ db: Database, owner: Int64, tag: String) throws -> (
        album: Int64, media: Int64
    ) {
        try db.execute(
            sql: """
                INSERT INTO albums (uuid, owner_id, name, link_secret, created_at, updated_at)
                VALUES (?, ?, 'holiday', ?, 0, 0)
                """, arguments: ["album-" + tag, owner, "als-" + tag])
        let album = db.lastInsertedRowID
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO blobs (sha256, md5, size, mime, extension, created_at)
                VALUES ('s', 'm', 1, 'image/jpeg', 'jpg', 0)
                """)
        try db.execute(
            sql: """
                INSERT INTO media (uuid, owner_id, album_id, blob_id, kind, mime, size, link_secret, created_at, updated_at)
                VALUES (?, ?, ?, (SELECT id FROM blobs WHERE sha256 = 's'), 'image', 'image/jpeg', 1, ?, 0, 0)
                """, arguments: ["media-" + tag, owner, album, "mls-" + tag])
        return (album, db.lastInsertedRowID)
    }
}
