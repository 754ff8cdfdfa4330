import Foundation
import GRDB
import Testing

@testable import AlbumCore

/// The hot listings read `media` through an index, never by scanning it (issue 19: no cost that
/// grows with the library). Each statement is asked for its plan (`EXPLAIN QUERY PLAN`) on the
/// real schema with SQLite's statistics of a large library, and a `SCAN media` fails the test.
@Suite struct QueryPlanTests {
    let database: AppDatabase

    init() throws {
        database = try AppDatabase.inMemory()
        // What ANALYZE would record for a library of a million items in a thousand albums, so
        // the planner chooses as it would there.
        try database.write { db in
            try db.execute(sql: "ANALYZE")
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO sqlite_stat1 (tbl, idx, stat) VALUES
                    ('media', 'media_owner_created', '1000000 1000 1'),
                    ('media', 'media_album_position', '1000000 1000 1'),
                    ('media', 'media_owner_timeline', '1000000 1000 1'),
                    ('media', 'media_owner_kept', '1000000 1000'),
                    ('media', 'media_blob', '1000000 2'),
                    ('albums', 'albums_owner', '1000 10 1')
                    """)
            // Makes the planner read the statistics just written.
            try db.execute(sql: "ANALYZE sqlite_schema")
        }
    }

    func plan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
        try database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    func expectNoScanOfMedia(_ sql: String, _ arguments: StatementArguments, _ name: String) throws {
        let details = try plan(sql, arguments)
        #expect(!details.contains { $0.hasPrefix("SCAN media") }, "\(name): \(details)")
    }

    @Test func libraryListingsSearchMediaByIndex() throws {
        for scope: MediaScope in [.all, .timeline, .noAlbum, .album(1), .favourites, .trash] {
            let (condition, arguments) = scope.filter(ownerId: 1)
            try expectNoScanOfMedia(
                Library.selectEntries + " WHERE \(condition) \(scope.order()) LIMIT ? OFFSET ?", arguments + [60, 0],
                "\(scope)")
        }
    }

    /// A run read after the last item of the run before starts there in the index (the
    /// streamed WebAPI list): the key's range, not everything newer, then sorted by the index.
    @Test func aRunAfterAKeyStartsThereInTheIndex() throws {
        for scope: MediaScope in [.all, .timeline, .noAlbum, .album(1)] {
            let (condition, arguments) = scope.filter(ownerId: 1)
            let key = "(" + scope.sortKey.columns.joined(separator: ", ") + ") < (?, ?)"
            let sql = Library.selectEntries + " WHERE \(condition) AND \(key) \(scope.order()) LIMIT ?"
            let details = try plan(sql, arguments + ["2019-07-01 00:00:00.000", 7, 1000])
            #expect(!details.contains { $0.contains("TEMP B-TREE") }, "\(scope): \(details)")
            try expectNoScanOfMedia(sql, arguments + ["2019-07-01 00:00:00.000", 7, 1000], "\(scope) after a key")
        }
    }

    @Test func aTimelinePageStartsAtItsMonthInTheIndex() throws {
        let (condition, arguments) = MediaScope.timeline.filter(ownerId: 1)
        let sql =
            "SELECT media.id FROM media WHERE \(condition) AND \(SearchIndex.date) < date(? || '-01', '+1 month') "
            + MediaScope.timeline.order() + " LIMIT ? OFFSET ?"
        let details = try plan(sql, arguments + ["2019-07", 60, 120])
        #expect(details.contains { $0.contains("media_owner_timeline") && $0.contains("<") }, "\(details)")
        #expect(!details.contains { $0.contains("TEMP B-TREE") }, "sorted in the index: \(details)")
        try expectNoScanOfMedia(sql, arguments + ["2019-07", 60, 120], "timeline page")
    }

    @Test func albumListingsSearchMediaByIndex() throws {
        try expectNoScanOfMedia(
            Library.selectEntries + " WHERE media.album_id = ?1 ORDER BY media.position, media.id LIMIT ?2", [1, 100],
            "album photos")
        try expectNoScanOfMedia(
            "SELECT COUNT(*) FROM media WHERE media.album_id = ?", [1], "album size")
        try expectNoScanOfMedia(
            "SELECT id FROM albums WHERE owner_id = ? AND " + Library.coverId + " IS NOT NULL", [1], "album covers")
    }

    /// A Pictures gallery's count (kept months less these) and its free gallery read indexes.
    @Test func galleryCountsSearchMediaByIndex() throws {
        try expectNoScanOfMedia(
            "SELECT COUNT(*) FROM media WHERE owner_id = ?1 AND visibility != 'private' AND trashed_at IS NULL", [1],
            "items shown to others")
        try expectNoScanOfMedia(
            """
            SELECT COUNT(*) FROM media WHERE expires_at <= ?2 AND owner_id = ?1 AND visibility = 'private'
            AND trashed_at IS NULL
            """, [1, "2026-01-01"], "private items past their end")
        let details = try plan(
            Library.selectEntries
                + """
                 WHERE media.owner_id = ? AND media.visibility = 'public' AND media.visibility != 'private'
                AND (media.expires_at IS NULL OR media.expires_at > ?) AND media.trashed_at IS NULL
                ORDER BY media.created_at DESC, media.id DESC LIMIT ? OFFSET ?
                """, [1, "2026-01-01", 50, 0])
        #expect(details.contains { $0.contains("media_owner_shown") }, "free gallery: \(details)")
    }

    /// A page of "Shared with me" walks the recipient's shares newest first in an index and
    /// stops at the page's end: no sort of every share they have.
    @Test func anInboxPageWalksTheRecipientsSharesInOrder() throws {
        let details = try plan(Sharing.inboxPage, [1, 60, 0])
        #expect(details.contains { $0.contains("shares_recipient_newest") }, "\(details)")
        #expect(!details.contains { $0.contains("TEMP B-TREE") }, "sorted in the index: \(details)")
        try expectNoScanOfMedia(Sharing.inboxPage, [1, 60, 0], "inbox page")
    }

    /// A page of seed 002's albums walks the user's own albums and their shares in id order,
    /// each in its own index: no walk over everyone's albums, no list of every share.
    @Test func aPageOfSomeonesAlbumsWalksTheirAlbumsAndSharesInOrder() throws {
        let details = try plan(AlbumRoles.pageOfAlbums, [1, 0, 33, 1, 0, "2026-01-01", 33])
        #expect(details.contains { $0.contains("albums_owner_id") }, "\(details)")
        #expect(details.contains { $0.contains("shares_recipient_album") }, "\(details)")
        #expect(!details.contains { $0.hasPrefix("SCAN albums") || $0.hasPrefix("SCAN shares") }, "\(details)")
    }

    /// The check itself: a query with no usable index is seen scanning.
    @Test func aScanIsSeen() throws {
        let details = try plan("SELECT * FROM media WHERE title = ?", ["x"])
        #expect(details.contains { $0.hasPrefix("SCAN media") }, "\(details)")
    }
}
