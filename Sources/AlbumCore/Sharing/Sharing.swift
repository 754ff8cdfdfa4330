import Foundation
import GRDB

/// Albums shared with people (seed 000; the share screens use the same rows): who an album is
/// shared with and for how long, the recipient's first view that starts a timed share's clock,
/// each item's remaining views, and the "seen" mark of the recipient's feed. Time comes from
/// the services' clock.
public struct Sharing: Sendable {
    let database: AppDatabase
    let library: Library
    let clock: Clock

    public init(database: AppDatabase, library: Library, clock: Clock) {
        self.database = database
        self.library = library
        self.clock = clock
    }

    /// How `viewerId` reaches an album: as its owner, or through their share.
    public enum Reach: Sendable, Equatable {
        case owner
        case recipient(Share)
    }

    /// The album `viewerId` may open (`Access.albums`), and how; nil exactly as for a missing
    /// album.
    public func album(id: Int64, for viewerId: Int64) throws -> (album: Album, reach: Reach)? {
        let access = Access.albums(visibleTo: .user(viewerId), now: clock.now())
        return try database.read { db in
            guard
                let album = try Album.fetchOne(
                    db, sql: "SELECT albums.* FROM albums WHERE albums.id = ? AND \(access.sql)",
                    arguments: [id] + access.arguments)
            else { return nil }
            if album.ownerId == viewerId { return (album, .owner) }
            guard let share = try Self.share(albumId: id, recipientId: viewerId, db) else { return nil }
            return (album, .recipient(share))
        }
    }

    /// How many people each of `ownerId`'s albums is shared with (albums shared with nobody are
    /// left out).
    public func shareCounts(ownerId: Int64) throws -> [Int64: Int] {
        try database.read { db in
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT album_id, COUNT(*) FROM shares WHERE owner_id = ? GROUP BY album_id",
                arguments: [ownerId])
            {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    /// Shares `ownerId`'s album with each recipient for `expiration`. Sharing again with
    /// someone changes their share and starts it afresh (its clock, views and seen mark).
    /// Refused: an album not theirs (as missing), themselves or an unknown profile as recipient
    /// (bad input), more recipients than the plan's `maxShares` or more shared albums than its
    /// `maxShareableAlbums` (limits).
    public func share(albumId: Int64, ownerId: Int64, with recipients: [(id: Int64, expiration: ShareExpiration)])
        throws
    {
        let plan = try library.plan(for: ownerId)
        let now = clock.now()
        try database.write { db in
            guard try Library.owns(albumId: albumId, ownerId: ownerId, db) else { throw LibraryError.albumNotFound }
            for (recipient, expiration) in recipients {
                guard recipient != ownerId,
                    try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [recipient]) == true
                else {
                    throw LibraryError.badInput(field: "profileId", reason: "No profile \(recipient) to share with.")
                }
                try db.execute(
                    sql: """
                        INSERT INTO shares (uuid, album_id, owner_id, recipient_id, expiration_type, duration_seconds,
                                            views_per_item, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (album_id, recipient_id) DO UPDATE SET
                            expiration_type = excluded.expiration_type, duration_seconds = excluded.duration_seconds,
                            views_per_item = excluded.views_per_item, first_viewed_at = NULL, expires_at = NULL,
                            seen_at = NULL, created_at = excluded.created_at
                        """,
                    arguments: [
                        UUID().uuidString.lowercased(), albumId, ownerId, recipient, expiration.rawValue,
                        expiration.window.map { Int($0) }, expiration.viewsPerItem, now,
                    ])
                try db.execute(
                    sql: """
                        DELETE FROM share_views WHERE share_id =
                            (SELECT id FROM shares WHERE album_id = ? AND recipient_id = ?)
                        """, arguments: [albumId, recipient])
            }
            if let limit = plan.maxShares,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shares WHERE album_id = ?", arguments: [albumId]) ?? 0
                    > limit
            {
                throw LibraryError.limitReached(.shares(limit))
            }
            if let limit = plan.maxShareableAlbums,
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(DISTINCT album_id) FROM shares WHERE owner_id = ?", arguments: [ownerId])
                    ?? 0 > limit
            {
                throw LibraryError.limitReached(.shareableAlbums(limit))
            }
        }
    }

    /// Ends the shares of `ownerId`'s album with these recipients (others stay).
    public func unshare(albumId: Int64, ownerId: Int64, recipients: [Int64]) throws {
        try database.write { db in
            guard try Library.owns(albumId: albumId, ownerId: ownerId, db) else { throw LibraryError.albumNotFound }
            for recipient in recipients {
                try db.execute(
                    sql: "DELETE FROM shares WHERE album_id = ? AND recipient_id = ?", arguments: [albumId, recipient])
            }
        }
    }

    /// Ends every share of `ownerId`'s album.
    public func unshareAll(albumId: Int64, ownerId: Int64) throws {
        try database.write { db in
            guard try Library.owns(albumId: albumId, ownerId: ownerId, db) else { throw LibraryError.albumNotFound }
            try db.execute(sql: "DELETE FROM shares WHERE album_id = ?", arguments: [albumId])
        }
    }

    /// Who `ownerId`'s album is shared with, in the order it was shared.
    public func recipients(albumId: Int64, ownerId: Int64) throws -> [Int64] {
        try database.read { db in
            guard try Library.owns(albumId: albumId, ownerId: ownerId, db) else { throw LibraryError.albumNotFound }
            return try Int64.fetchAll(
                db, sql: "SELECT recipient_id FROM shares WHERE album_id = ? ORDER BY id", arguments: [albumId])
        }
    }

    /// One share of an album as its owner sees it: who, and how far through its items they are.
    public struct Recipient: Sendable {
        public let share: Share
        public let username: String
        /// Items whose views are used up (only "view once" shares count down).
        public let itemsUsedUp: Int
        /// One of the album's admins (seed 002), not only a participant.
        public let isAdmin: Bool
        public let userUUID: String
    }

    /// The shares of `ownerId`'s album, oldest first.
    public func recipientsInDetail(albumId: Int64, ownerId: Int64) throws -> [Recipient] {
        try database.read { db in
            guard try Library.owns(albumId: albumId, ownerId: ownerId, db) else { throw LibraryError.albumNotFound }
            return try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(Share.columns), users.username,
                            (SELECT COUNT(*) FROM share_views WHERE share_id = shares.id AND remaining_views = 0),
                            shares.is_admin, users.uuid
                        FROM shares JOIN users ON users.id = shares.recipient_id
                        WHERE shares.album_id = ? ORDER BY shares.id
                        """), arguments: [albumId]
            ).map { row in
                Recipient(
                    share: try Share(row: row), username: row[9], itemsUsedUp: row[10], isAdmin: row[11],
                    userUUID: row[12])
            }
        }
    }

    /// The share through which `recipientId` sees the album, if there is one (viewable or not).
    public func share(albumId: Int64, recipientId: Int64) throws -> Share? {
        try database.read { db in try Self.share(albumId: albumId, recipientId: recipientId, db) }
    }

    static func share(albumId: Int64, recipientId: Int64, _ db: Database) throws -> Share? {
        try Row.fetchOne(
            db,
            sql: "SELECT \(Share.columns) FROM shares WHERE album_id = ? AND recipient_id = ?",
            arguments: [albumId, recipientId]
        ).map(Share.init(row:))
    }

    /// Every share with `recipientId` whose owner may still sign in, newest first.
    public func sharedWith(_ recipientId: Int64) throws -> [Share] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Share.columns) FROM shares JOIN users ON users.id = shares.owner_id
                    WHERE shares.recipient_id = ? AND users.disabled = 0 ORDER BY shares.created_at DESC, shares.id DESC
                    """, arguments: [recipientId]
            ).map(Share.init(row:))
        }
    }

    /// One album in a recipient's "Shared with me".
    public struct InboxEntry: Sendable {
        public let share: Share
        /// The album's name as pages show it (`Album.displayName`).
        public let albumName: String
        public let ownerName: String
        /// The blob of the album's cover, else of its first item; nil for an empty album.
        public let coverSHA256: String?
    }

    /// How many entries `inbox` has: kept by triggers (migration v13), not counted.
    public func inboxCount(_ recipientId: Int64) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count FROM inbox_sizes WHERE recipient_id = ?"),
                arguments: [recipientId]
            ) ?? 0
        }
    }

    /// Everything shared with `recipientId` by owners who may still sign in, newest first,
    /// expired shares included (the page says they have expired). One query: the page lists
    /// names and covers, never whole rows; `limit` of them from the `offset`th on.
    public func inbox(_ recipientId: Int64, limit: Int = -1, offset: Int = 0) throws -> [InboxEntry] {
        try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: Self.inboxPage), arguments: [recipientId, limit, offset]).map {
                row in
                InboxEntry(
                    share: try Share(row: row), albumName: Album.displayName(row[10]), ownerName: row[9],
                    coverSHA256: row[11])
            }
        }
    }

    /// A page of a recipient's inbox: walked newest first in `shares_recipient_newest`, so a
    /// page reads its own rows (and the covers of those), not every share the recipient has.
    static let inboxPage = """
        SELECT \(Share.columns), users.username, albums.name, blobs.sha256
        FROM shares JOIN users ON users.id = shares.owner_id AND users.disabled = 0
        JOIN albums ON albums.id = shares.album_id
        LEFT JOIN media AS cover ON cover.id = \(Library.coverId)
        LEFT JOIN blobs ON blobs.id = cover.blob_id
        WHERE shares.recipient_id = ? ORDER BY shares.created_at DESC, shares.id DESC LIMIT ? OFFSET ?
        """

    /// The recipient opens the album: the first view starts a timed share's clock (and marks it
    /// seen). A share that has run out, and a second view of a "view once" album, are refused.
    @discardableResult
    public func view(albumId: Int64, recipientId: Int64) throws -> Share {
        let now = clock.now()
        let plan = try library.plan(for: recipientId)
        return try database.write { db in
            guard let share = try Self.share(albumId: albumId, recipientId: recipientId, db), share.isViewable(at: now)
            else { throw LibraryError.albumNotFound }
            if share.firstViewedAt != nil {
                if share.expiration == .once { throw LibraryError.refused("This album could be viewed once.") }
                try db.execute(sql: "UPDATE shares SET seen_at = ? WHERE id = ?", arguments: [now, share.id])
            } else {
                try checkViewable(plan, share: share, now: now, db)
                try db.execute(
                    sql: "UPDATE shares SET first_viewed_at = ?, expires_at = ?, seen_at = ? WHERE id = ?",
                    arguments: [now, share.expiration.window.map { now.addingTimeInterval($0) }, now, share.id])
            }
            return try Self.share(albumId: albumId, recipientId: recipientId, db)!
        }
    }

    /// Refuses the first view of one more shared album than the recipient's plan lets them
    /// have open at once (albums, and videos in them).
    private func checkViewable(_ plan: Plan, share: Share, now: Date, _ db: Database) throws {
        let open =
            "recipient_id = ? AND id != ? AND first_viewed_at IS NOT NULL AND (expires_at IS NULL OR expires_at > ?)"
        if let limit = plan.maxViewableAlbums,
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM shares WHERE \(open)", arguments: [share.recipientId, share.id, now])
                ?? 0 >= limit
        {
            throw LibraryError.limitReached(.viewableAlbums(limit))
        }
        if let limit = plan.maxViewableVideos {
            let videos =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM media WHERE kind = 'video' AND (album_id = ?
                        OR album_id IN (SELECT album_id FROM shares WHERE \(open)))
                        """, arguments: [share.albumId, share.recipientId, share.id, now]) ?? 0
            if videos > limit { throw LibraryError.limitReached(.viewableVideos(limit)) }
        }
    }

    /// The recipient views one item: its remaining views, counted down from the share's start
    /// (never below 0, and never for unlimited items, which stay -1).
    public func viewItem(albumId: Int64, mediaId: Int64, recipientId: Int64) throws -> Int {
        let now = clock.now()
        return try database.write { db in
            guard let share = try Self.share(albumId: albumId, recipientId: recipientId, db), share.isViewable(at: now),
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM media WHERE id = ? AND album_id = ?", arguments: [mediaId, albumId]) == true
            else { throw LibraryError.albumNotFound }
            let start = share.expiration.viewsPerItem
            let remaining =
                try Int.fetchOne(
                    db, sql: "SELECT remaining_views FROM share_views WHERE share_id = ? AND media_id = ?",
                    arguments: [share.id, mediaId]) ?? start
            let after = remaining < 0 ? remaining : max(0, remaining - 1)
            try db.execute(
                sql: "INSERT OR REPLACE INTO share_views (share_id, media_id, remaining_views) VALUES (?, ?, ?)",
                arguments: [share.id, mediaId, after])
            return after
        }
    }

    /// Each item's remaining views through `share`; items never viewed have the share's start.
    public func remainingViews(_ share: Share) throws -> [Int64: Int] {
        try database.read { db in
            var views: [Int64: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT media_id, remaining_views FROM share_views WHERE share_id = ?", arguments: [share.id])
            {
                views[row[0]] = row[1]
            }
            return views
        }
    }

    /// Marks shares with `recipientId` seen: one album's, one owner's, or all of them.
    public func markSeen(recipientId: Int64, albumId: Int64? = nil, ownerId: Int64? = nil) throws {
        let now = clock.now()
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE shares SET seen_at = ? WHERE recipient_id = ? AND seen_at IS NULL
                    AND (? IS NULL OR album_id = ?) AND (? IS NULL OR owner_id = ?)
                    """, arguments: [now, recipientId, albumId, albumId, ownerId, ownerId])
        }
    }
}
