import AlbumCore
import Foundation
import GRDB
import TestSupport
import Testing

/// `albumen bench seed` (issue 19): a library whose rows copy a few real imports must be one
/// the rest of Albumen cannot tell from a grown one — counts, reference counts, the timeline's
/// kept months, search, albums in order, shares, and every file a row names on disk.
@Suite struct BenchSeedTests {
    let directory: String
    let database: AppDatabase
    let library: Library

    init() throws {
        directory = try temporaryDirectory()
        database = try AppDatabase(path: directory + "/a.sqlite")
        library = Library(database: database, blobs: LocalBlobStore(root: directory + "/blobs"))
    }

    @Test func aSeededLibraryKeepsEveryRuleAGrownOneKeeps() throws {
        var heard: [Int] = []
        let summary = try library.seed(.init(users: 3, albums: 4, media: 2006, password: "bench-password")) { done, _ in
            heard.append(done)
        }
        #expect(summary.usernames == ["bench-1", "bench-2", "bench-3"])
        #expect(summary.blobs == 6)
        #expect(heard.last == 2006)
        let accounts = Accounts(database: database)
        let third = try accounts.authenticate(username: "bench-3", password: "bench-password", address: "127.0.0.1")
        #expect(third.username == "bench-3")

        try database.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM media") == 2006)
            // Every blob is referenced exactly as often as rows name it.
            let wrong = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM blobs
                    WHERE ref_count != (SELECT COUNT(*) FROM media WHERE blob_id = blobs.id)
                    """)
            #expect(wrong == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT blob_id) FROM media") == 6)
            // Nine in ten of the 2000 copies fill the four albums, 450 each, numbered 1…450, all
            // owned by the album's owner; albums go round the users.
            let albums = try Row.fetchAll(
                db,
                sql: """
                    SELECT albums.owner_id, COUNT(*), MIN(media.position), MAX(media.position), COUNT(DISTINCT media.position),
                        SUM(media.owner_id != albums.owner_id)
                    FROM media JOIN albums ON albums.id = media.album_id GROUP BY albums.id ORDER BY albums.id
                    """)
            #expect(albums.count == 4)
            for album in albums {
                #expect(album[1] as Int == 450 && album[2] as Int == 1 && album[3] as Int == 450)
                #expect(album[4] as Int == 450 && album[5] as Int == 0)
            }
            #expect(Set(albums.map { $0[0] as Int64 }).count == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM media WHERE kind = 'video'") ?? 0 >= 80)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shares") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM media_search") == 2006)
        }
        // The timeline's kept months agree with the rows, for each user.
        for username in summary.usernames {
            let id = try accounts.user(named: username)!.id!
            let months = try library.timelineMonths(ownerId: id)
            let total = try library.mediaCount(ownerId: id, in: .timeline)
            #expect(months.map(\.count).reduce(0, +) == total)
            // Paged through the months, the timeline is the one the plain OFFSET query reads.
            for offset in stride(from: 0, through: total + 7, by: 7) {  // months hold two or three items
                let paged = try library.timeline(ownerId: id, months: months, limit: 10, offset: offset)
                let plain = try library.media(ownerId: id, in: .timeline, limit: 10, offset: offset)
                #expect(paged.map(\.item.id) == plain.map(\.item.id), "offset \(offset)")
            }
        }
        let first = try accounts.user(named: "bench-1")!.id!
        // Each user's first album is shared with the next user, and reads as any share does.
        let sharing = Sharing(database: database, library: library, clock: Clock())
        let second = try accounts.user(named: "bench-2")!.id!
        #expect(try sharing.sharedWith(second).map(\.expiration) == [.indefinite])
        #expect(try !library.search("harbour", ownerId: first, limit: 5).isEmpty)
        // Every file a row names exists: the seeded library is clean to `albumen check`.
        let report = try library.check(hash: true)
        #expect(report.isClean && report.blobs == 6, "\(report)")

        // A private gallery's count comes from the kept months less the items shown to others
        // and the private ones past their end: it agrees with counting them, whatever changes.
        let galleries = Galleries(database: database, library: library, clock: Clock())
        try database.write { db in
            for (column, value, every): (String, any DatabaseValueConvertible, Int) in [
                ("visibility", "public", 7), ("visibility", "link", 11), ("trashed_at", Date(), 13),
                ("expires_at", Date().addingTimeInterval(-60), 5), ("expires_at", Date().addingTimeInterval(3600), 17),
            ] {
                try db.execute(
                    sql: "UPDATE media SET \(column) = ? WHERE owner_id = ? AND id % ? = 0",
                    arguments: [value, first, every])
            }
        }
        // Counted the plain way: live items of `visibility`.
        func counted(_ visibility: String) throws -> Int? {
            try database.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM media WHERE owner_id = ? AND visibility = ? AND trashed_at IS NULL
                        AND (expires_at IS NULL OR expires_at > ?)
                        """, arguments: [first, visibility, Date()])
            }
        }
        let gallery = try galleries.privateGallery(ownerId: first, viewerId: first, limit: 50, offset: 0)
        #expect(gallery.total == (try counted("private")) && gallery.items.count == 50)
        #expect(try galleries.freeGallery(ownerId: first, limit: 50, offset: 0).total == (try counted("public")))

        // Album sizes are kept through moves, the trash, deletions and an album's deletion.
        let albums = try library.albums(ownerId: first)
        let moved = try library.media(ownerId: first, in: .album(albums[0].id), limit: 3)
        try library.moveMedia(id: moved[0].item.id!, toAlbum: albums.count > 1 ? albums[1].id : nil, ownerId: first)
        try library.moveMedia(id: moved[1].item.id!, toAlbum: nil, ownerId: first)
        _ = try library.trash(ids: [moved[2].item.id!], ownerId: first)
        try library.deleteMedia(
            id: try library.media(ownerId: first, in: .album(albums[0].id), limit: 1)[0].item.id!, ownerId: first)
        _ = try library.purge(ownerId: first)
        _ = try library.deleteAlbum(id: try library.albums(ownerId: second)[0].id, ownerId: second, items: false)
        try database.read { db in
            let wrong = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM albums LEFT JOIN album_sizes ON album_sizes.album_id = albums.id
                    WHERE COALESCE(album_sizes.count, 0) != (SELECT COUNT(*) FROM media WHERE album_id = albums.id)
                    """)
            #expect(wrong == 0)
        }

        #expect(throws: LibraryError.self) {
            try library.seed(.init(users: 1, albums: 1, media: 10, password: "bench-password"))
        }
    }
}
