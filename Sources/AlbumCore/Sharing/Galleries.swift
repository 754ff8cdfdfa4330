import Foundation
import GRDB

/// Seed 001's people and galleries: group managers who act for their members, subscribers to a
/// private gallery (an owner's private items), and the public "free gallery". Who may see which
/// album is `Access.listedAlbums`; this type reads the relations and the listings.
public struct Galleries: Sendable {
    let database: AppDatabase
    let library: Library
    let clock: Clock

    public init(database: AppDatabase, library: Library, clock: Clock) {
        self.database = database
        self.library = library
        self.clock = clock
    }

    /// A live account by id; nil for nobody and for a disabled account alike.
    public func liveUser(id: Int64) throws -> User? {
        try database.read { db in
            try User.fetchOne(db, sql: "SELECT * FROM users WHERE id = ? AND disabled = 0", arguments: [id])
        }
    }

    // MARK: Group managers

    /// Whether `managerId` manages a group that `memberId` belongs to (a manager is a member of
    /// their own group, so they may act for themselves too).
    public func manages(_ managerId: Int64, member memberId: Int64) throws -> Bool {
        try database.read { db in try Self.manages(managerId, member: memberId, db) }
    }

    static func manages(_ managerId: Int64, member memberId: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT \(managesSQL)"), arguments: [managerId, memberId]) ?? false
    }

    /// Whether manager `?1` manages member `?2`, as an SQL expression.
    static let managesSQL = """
        EXISTS (SELECT 1 FROM groups JOIN group_members ON group_members.group_id = groups.id \
        WHERE groups.manager_id = ?1 AND group_members.user_id = ?2)
        """

    /// The live members of the groups `managerId` manages, themselves left out, by name.
    public func members(managedBy managerId: Int64) throws -> [User] {
        try database.read { db in
            try User.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT users.* FROM groups
                    JOIN group_members ON group_members.group_id = groups.id
                    JOIN users ON users.id = group_members.user_id
                    WHERE groups.manager_id = ? AND users.id != ? AND users.disabled = 0
                    ORDER BY users.username
                    """, arguments: [managerId, managerId])
        }
    }

    /// Who added items to `ownerId`'s library for them since `since` (their group's manager
    /// acting for them), with how many each, by name: what the member's own page tells them.
    public func additions(for ownerId: Int64, since: Date) throws -> [(username: String, count: Int)] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT users.username, COUNT(*) AS count FROM media JOIN users ON users.id = media.added_by
                    WHERE media.owner_id = ? AND media.added_by IS NOT NULL AND media.added_by != media.owner_id
                        AND media.created_at > ? AND media.trashed_at IS NULL
                    GROUP BY users.id ORDER BY users.username
                    """, arguments: [ownerId, since]
            ).map { (username: $0["username"], count: $0["count"]) }
        }
    }

    // MARK: Subscriptions

    /// `subscriberId` may see `ownerId`'s private gallery from now on (again is no change).
    public func subscribe(ownerId: Int64, subscriberId: Int64) throws {
        guard ownerId != subscriberId else {
            throw LibraryError.badInput(field: "subscriber", reason: "Everyone sees their own gallery already.")
        }
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO subscriptions (subscriber_id, owner_id, created_at) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """, arguments: [subscriberId, ownerId, clock.now()])
        }
    }

    /// Ends a subscription; false when there was none.
    @discardableResult
    public func unsubscribe(ownerId: Int64, subscriberId: Int64) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: "DELETE FROM subscriptions WHERE owner_id = ? AND subscriber_id = ?",
                arguments: [ownerId, subscriberId])
            return db.changesCount > 0
        }
    }

    /// Who subscribes to `ownerId`'s private gallery, by name.
    public func subscribers(ownerId: Int64) throws -> [User] {
        try database.read { db in
            try User.fetchAll(
                db,
                sql: """
                    SELECT users.* FROM subscriptions JOIN users ON users.id = subscriptions.subscriber_id
                    WHERE subscriptions.owner_id = ? ORDER BY users.username
                    """, arguments: [ownerId])
        }
    }

    /// How `viewerId` stands towards `ownerId`'s pictures.
    public func standing(of viewerId: Int64, toward ownerId: Int64) throws -> Access.Standing {
        try database.read { db in try Access.standing(of: viewerId, toward: ownerId, db) }
    }

    /// How a viewer reaches an owner's albums, and when that next changes by itself: the end
    /// of the soonest share of theirs with the viewer that has started (an answer kept for the
    /// viewer holds until then, `KeptAnswer.until`).
    public struct Reach: Sendable {
        public let standing: Access.Standing
        public let sharesEnd: Date?
    }

    public func reach(of viewerId: Int64, toward ownerId: Int64) throws -> Reach {
        let now = clock.now()
        return try database.read { db in
            let standing = try Access.standing(of: viewerId, toward: ownerId, db)
            guard standing == .subscriber || standing == .stranger else {
                return Reach(standing: standing, sharesEnd: nil)
            }
            let end = try Date.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT MIN(shares.expires_at) FROM shares JOIN albums ON albums.id = shares.album_id
                        WHERE shares.recipient_id = ? AND albums.owner_id = ? AND shares.expires_at > ?
                        """), arguments: [viewerId, ownerId, now.stored])
            return Reach(standing: standing, sharesEnd: end)
        }
    }

    // MARK: Albums

    /// An album as seed 001 lists it.
    public struct PictureAlbum: Sendable {
        public let album: Album
        /// Items in it.
        public let size: Int
        /// Its place among all its owner's albums, from 0.
        public let sequence: Int
        public let cover: MediaEntry?
        /// Whether the viewer may have the cover's URL (`Access.listedAlbums`).
        public let showsCover: Bool
        /// Filled when asked for: its items' ids in album order.
        public let pictureIds: [Int64]?
    }

    /// `ownerId`'s albums that `viewerId` may see listed, in the owner's order; empty for an
    /// unknown or disabled owner. One statement for the whole list (each album's count, cover
    /// row and, when asked, its items' ids): a statement per album was most of the answer's time.
    public func albums(ownerId: Int64, viewerId: Int64, pictureIds: Bool = false) throws -> [PictureAlbum] {
        let now = clock.now()
        return try database.read { db in
            guard
                try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ? AND disabled = 0", arguments: [ownerId])
                    ?? false
            else { return [] }
            let standing = try Access.standing(of: viewerId, toward: ownerId, db)
            let (listed, showsCover) = Access.listedAlbums(viewerId: viewerId, standing: standing, now: now)
            // SQLite keeps a subquery's order in group_concat (3.40 has no ORDER BY inside it).
            let ids =
                pictureIds
                ? "(SELECT group_concat(id) FROM (SELECT id FROM media WHERE album_id = albums.id ORDER BY position, id))"
                : "NULL"
            let statement = try db.cachedStatement(
                sql: """
                    SELECT albums.*, ordered.sequence,
                        (SELECT COUNT(*) FROM media WHERE media.album_id = albums.id) AS size,
                        \(showsCover.sql) AS shows_cover, \(ids) AS picture_ids,
                        media.*, blobs.sha256, blobs.extension
                    FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY position, id) - 1 AS sequence
                          FROM albums WHERE owner_id = ?) AS ordered
                    JOIN albums ON albums.id = ordered.id
                    LEFT JOIN media ON media.id = \(Library.coverId)
                    LEFT JOIN blobs ON blobs.id = media.blob_id
                    WHERE \(listed.sql)
                    ORDER BY ordered.sequence
                    """)
            // Read by position, the columns checked once for the statement: the album, four
            // values, then its cover's `media.*` and blob address (NULL without a cover).
            let albumColumns = Album.columnOrder.count
            let coverAt = albumColumns + 4
            let names = statement.columnNames
            guard Album.startsWithColumns(names), MediaItem.startsWithColumns(names[coverAt...]) else {
                throw DatabaseError(message: "picture albums must read albums.*, four values, then media.*")
            }
            let rows = try Row.fetchCursor(statement, arguments: showsCover.arguments + [ownerId] + listed.arguments)
            var albums: [PictureAlbum] = []
            while let row = try rows.next() {
                let pictures: [Int64]? =
                    pictureIds
                    ? (row[albumColumns + 3] as String?).map { $0.split(separator: ",").compactMap { Int64($0) } } ?? []
                    : nil
                albums.append(
                    PictureAlbum(
                        album: try Album(checkedRow: row), size: row[albumColumns + 1], sequence: row[albumColumns],
                        cover: row.hasNull(atIndex: coverAt) ? nil : try Library.entry(checkedRow: row, from: coverAt),
                        showsCover: row[albumColumns + 2], pictureIds: pictures))
            }
            return albums
        }
    }

    /// `ownerId`'s album `albumId` as its owner sees it.
    public func album(id albumId: Int64, ownerId: Int64) throws -> PictureAlbum? {
        try albums(ownerId: ownerId, viewerId: ownerId).first { $0.album.id == albumId }
    }

    /// Sets the price shown with an album's PIN (nil: none). The PIN itself is the album link's
    /// password (`AlbumLinks`).
    public func setPinPrice(_ price: Double?, albumId: Int64, ownerId: Int64) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE albums SET pin_price = ?, updated_at = ? WHERE id = ? AND owner_id = ?",
                arguments: [price, clock.now(), albumId, ownerId])
            guard db.changesCount == 1 else { throw LibraryError.albumNotFound }
        }
    }

    // MARK: Galleries

    /// How a private gallery may be ordered (seed 001's `OrderBy`).
    public enum Order: String, Sendable, CaseIterable {
        /// Newest first.
        case dateUploaded = "dateuploaded"
        /// Most pixels first.
        case gallerySize = "gallerysize"
        /// Items in albums with the highest PIN price first.
        case galleryPrice = "galleryprice"
        /// Largest file first.
        case size

        var sql: String {
            switch self {
            case .dateUploaded: "ORDER BY media.created_at DESC, media.id DESC"
            case .gallerySize: "ORDER BY media.width * media.height DESC, media.id DESC"
            case .galleryPrice:
                "ORDER BY (SELECT pin_price FROM albums WHERE albums.id = media.album_id) DESC NULLS LAST, media.id DESC"
            case .size: "ORDER BY media.size DESC, media.id DESC"
            }
        }
    }

    /// One page of a gallery and how many items it has in all.
    public struct GalleryPage: Sendable {
        public let items: [MediaEntry]
        public let total: Int
    }

    /// `ownerId`'s private gallery (their live private items, or those of one album) for
    /// `viewerId`: everything for the owner, their group manager and their subscribers; for
    /// anyone else nothing, exactly like an empty gallery.
    public func privateGallery(
        ownerId: Int64, viewerId: Int64, albumId: Int64? = nil, order: Order = .dateUploaded, limit: Int, offset: Int
    ) throws -> GalleryPage {
        let standing = try standing(of: viewerId, toward: ownerId)
        guard standing != .stranger, try liveUser(id: ownerId) != nil else { return GalleryPage(items: [], total: 0) }
        // One album's items are found through the album's index, not among all the owner's.
        if let albumId {
            return try page(
                "media.owner_id = ? AND media.visibility = 'private' AND media.album_id = ?", [ownerId, albumId],
                order: order, limit: limit, offset: offset)
        }
        // The whole gallery's count is kept: the owner's items out of the trash (kept by
        // month) less the few shown to others and the private ones past their end.
        return try page(
            "media.owner_id = ? AND media.visibility = 'private'", [ownerId], order: order, limit: limit,
            offset: offset
        ) { db, now in
            let kept = try Library.keptCount(ownerId: ownerId, db)
            let others =
                try Int.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT (SELECT COUNT(*) FROM media WHERE owner_id = ?1 AND visibility != 'private'
                                    AND trashed_at IS NULL)
                                + (SELECT COUNT(*) FROM media WHERE expires_at <= ?2 AND owner_id = ?1
                                    AND visibility = 'private' AND trashed_at IS NULL)
                            """), arguments: [ownerId, now.stored]) ?? 0
            return kept - others
        }
    }

    /// `ownerId`'s free gallery: their live public items, newest first, for anyone.
    public func freeGallery(ownerId: Int64, limit: Int, offset: Int) throws -> GalleryPage {
        guard try liveUser(id: ownerId) != nil else { return GalleryPage(items: [], total: 0) }
        // `!= 'private'` too, so the index of items shown to others serves (SQLite uses a
        // partial index only for a query that repeats its condition).
        return try page(
            "media.owner_id = ? AND media.visibility = 'public' AND media.visibility != 'private'", [ownerId],
            order: .dateUploaded, limit: limit, offset: offset)
    }

    /// A page of the live items matching `condition`, and how many there are: `count` answers
    /// that when it can without counting them (else they are counted).
    private func page(
        _ condition: String, _ arguments: StatementArguments, order: Order, limit: Int, offset: Int,
        count: ((Database, Date) throws -> Int)? = nil
    ) throws -> GalleryPage {
        let live = "(media.expires_at IS NULL OR media.expires_at > ?) AND media.trashed_at IS NULL"
        let date = clock.now()
        let now: StatementArguments = [date.stored]
        return try database.read { db in
            let total =
                try count?(db, date)
                ?? Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM media WHERE \(condition) AND \(live)", arguments: arguments + now)
                ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: Library.selectEntries + " WHERE \(condition) AND \(live) \(order.sql) LIMIT ? OFFSET ?",
                arguments: arguments + now + [limit, offset])
            return GalleryPage(items: try rows.map(Library.entry), total: total)
        }
    }
}
