import AlbumCore
import Foundation
import GRDB
import TestSupport
import Testing

/// The one access policy, through the library queries that use it, on a real database.
@Suite struct AccessTests {
    let directory: String
    let database: AppDatabase
    let library: Library
    let accounts: Accounts
    let alice: Int64
    let bob: Int64
    let media: GeneratedMedia
    let picture: String

    init() throws {
        directory = try temporaryDirectory()
        database = try AppDatabase(path: directory + "/albumen.sqlite")
        library = Library(database: database, blobs: LocalBlobStore(root: directory + "/blobs"))
        accounts = Accounts(database: database)
        alice = try accounts.createUser(username: "alice", password: "12345678").id!
        bob = try accounts.createUser(username: "bob", password: "12345678").id!
        media = try GeneratedMedia()
        picture = try media.image("p.jpg", width: 64, height: 48)
    }

    func store(_ visibility: MediaItem.Visibility, expires: Date? = nil) throws -> MediaItem {
        let copy = directory + "/" + UUID().uuidString + ".jpg"
        try FileManager.default.copyItem(atPath: picture, toPath: copy)
        var request = ImportRequest(ownerId: alice, file: copy, originalFilename: "p.jpg")
        request.visibility = visibility
        request.expiresAt = expires
        return try library.importMedia(request).item
    }

    func byCode(_ item: MediaItem, _ viewer: Access.Viewer) throws -> Bool {
        try library.media(id: item.id!, visibleTo: viewer) != nil
    }

    func byLink(_ item: MediaItem) throws -> Bool { try library.media(linkSecret: item.linkSecret) != nil }

    @Test func privateItemsAreTheOwnersAlone() throws {
        let item = try store(.private)
        #expect(try byCode(item, .user(alice)))
        #expect(try !byCode(item, .user(bob)))
        #expect(try !byCode(item, .anonymous))
        #expect(try !byLink(item))
    }

    @Test func linkAndPublicItemsOpenForAnyoneWithTheCodeOrLink() throws {
        for visibility in [MediaItem.Visibility.link, .public] {
            let item = try store(visibility)
            #expect(try byCode(item, .anonymous) && byCode(item, .user(bob)) && byLink(item))
        }
    }

    @Test func expiredItemsAndDisabledOwnersItemsOpenForNobody() throws {
        let expired = try store(.link, expires: Date().addingTimeInterval(60))
        #expect(try library.media(id: expired.id!, visibleTo: .anonymous, now: Date().addingTimeInterval(61)) == nil)
        #expect(try library.media(linkSecret: expired.linkSecret, now: Date().addingTimeInterval(61)) == nil)
        #expect(try library.media(id: expired.id!, visibleTo: .user(alice), now: Date().addingTimeInterval(61)) == nil)

        let item = try store(.public)
        try accounts.updateUser(id: alice, role: .user, planId: nil, disabled: true)
        #expect(try !byCode(item, .anonymous) && !byCode(item, .user(alice)) && !byLink(item))
    }

    /// The library version kept answers go by moves with every change to an owner's media,
    /// albums, shares and views through them, from the library or straight in SQL (album
    /// deletions' `SET NULL` included), and with nobody else's.
    @Test func anOwnersLibraryVersionMovesWithEveryChangeToTheirRows() throws {
        var seen = [try library.libraryVersion(ownerId: alice)]
        func moved() throws -> Bool {
            let now = try library.libraryVersion(ownerId: alice)
            defer { seen.append(now) }
            return now != seen.last
        }
        let album = try library.createAlbum(named: "A", ownerId: alice)
        #expect(try moved())
        let item = try store(.private)
        #expect(try moved())
        try library.moveMedia(id: item.id!, toAlbum: album.id, ownerId: alice)
        #expect(try moved())
        _ = try library.deleteAlbum(uuid: album.uuid, ownerId: alice)
        #expect(try moved())
        #expect(try library.media(id: item.id!)?.item.albumId == nil)
        try database.write { db in
            try db.execute(sql: "UPDATE media SET title = 'x' WHERE id = ?", arguments: [item.id])
        }
        #expect(try moved())
        var bobsBefore = try library.libraryVersion(ownerId: bob)
        try library.deleteMedia(id: item.id!, ownerId: alice)
        #expect(try moved())
        // Albums, shares, the views counted through them, and the owner's account.
        let shared = try library.createAlbum(named: "B", ownerId: alice)
        #expect(try moved())
        _ = try library.renameAlbum(id: shared.id, ownerId: alice, exactly: nil)
        #expect(try moved())
        let sharing = Sharing(database: database, library: library, clock: Clock())
        try sharing.share(albumId: shared.id, ownerId: alice, with: [(bob, .once)])
        #expect(try moved())
        let photo = try store(.private)
        try library.moveMedia(id: photo.id!, toAlbum: shared.id, ownerId: alice)
        _ = try moved()
        try sharing.view(albumId: shared.id, recipientId: bob)
        #expect(try moved())
        _ = try sharing.viewItem(albumId: shared.id, mediaId: photo.id!, recipientId: bob)
        #expect(try moved())
        try sharing.unshareAll(albumId: shared.id, ownerId: alice)
        #expect(try moved())
        // What the owner's album page shows beside them (v11): the album's link, labels, names.
        let links = AlbumLinks(database: database, clock: Clock(), secret: "s")
        try links.enable(albumId: shared.id, ownerId: alice)
        #expect(try moved())
        try database.write { db in
            try db.execute(sql: "UPDATE album_links SET views = views + 1 WHERE album_id = ?", arguments: [shared.id])
        }
        #expect(try moved())
        #expect(try library.addLabel("sea", restricted: false, mediaId: photo.id!))
        #expect(try moved())
        try sharing.share(albumId: shared.id, ownerId: alice, with: [(bob, .indefinite)])
        _ = try moved()
        try database.write { db in
            try db.execute(sql: "UPDATE users SET username = 'robert' WHERE id = ?", arguments: [bob])
        }
        #expect(try moved())
        bobsBefore = try library.libraryVersion(ownerId: bob)
        try database.write { db in try db.execute(sql: "UPDATE users SET disabled = 1 WHERE id = ?", arguments: [alice])
        }
        #expect(try moved())
        #expect(try library.libraryVersion(ownerId: bob) == bobsBefore)
    }

    /// "Shared with me"'s count is kept by triggers; after every kind of change it is what
    /// counting says: shares made and stopped, an album deleted with its shares, a sharer
    /// disabled and enabled again, a sharer's account deleted with everything of theirs.
    @Test func theKeptInboxCountIsWhatCountingSays() throws {
        let carol = try accounts.createUser(username: "carol", password: "12345678").id!
        let sharing = Sharing(database: database, library: library, clock: Clock())
        func expectCounted(_ note: String) throws {
            for recipient in [alice, bob, carol] {
                let counted = try database.read { db in
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT COUNT(*) FROM shares JOIN users ON users.id = shares.owner_id AND users.disabled = 0
                            WHERE shares.recipient_id = ?
                            """, arguments: [recipient]) ?? 0
                }
                #expect(try sharing.inboxCount(recipient) == counted, "\(note): user \(recipient)")
            }
        }
        var albums: [Int64] = []
        for n in 0..<3 {
            let album = try library.createAlbum(named: "A\(n)", ownerId: alice)
            albums.append(album.id)
            try sharing.share(albumId: album.id, ownerId: alice, with: [(bob, .indefinite), (carol, .oneHour)])
        }
        let carols = try library.createAlbum(named: "C", ownerId: carol)
        try sharing.share(albumId: carols.id, ownerId: carol, with: [(bob, .indefinite)])
        #expect(try sharing.inboxCount(bob) == 4)
        try expectCounted("shared")
        try sharing.unshare(albumId: albums[0], ownerId: alice, recipients: [bob])
        try expectCounted("one stopped")
        _ = try library.deleteAlbum(
            uuid: try #require(try library.album(id: albums[1], ownerId: alice)).uuid, ownerId: alice)
        try expectCounted("an album deleted")
        try accounts.updateUser(id: alice, role: .user, planId: nil, disabled: true)
        #expect(try sharing.inboxCount(bob) == 1)
        try expectCounted("a sharer disabled")
        try accounts.updateUser(id: alice, role: .user, planId: nil, disabled: false)
        try expectCounted("enabled again")
        try database.write { db in try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [carol]) }
        #expect(try sharing.inboxCount(bob) == 1)
        try expectCounted("a sharer's account deleted")
    }
}
