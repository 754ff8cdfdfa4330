import Foundation
import GRDB

/// Seed 002's album roles over the share rows: an album's owner is its admin; the people it is
/// shared with are its participants while their share runs, and the owner may make any of them
/// an admin too. Someone with no role sees the album exactly as a missing one.
public struct AlbumRoles: Sendable {
    let database: AppDatabase
    let clock: Clock

    public init(database: AppDatabase, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public enum Role: Sendable, Equatable {
        case admin
        case participant

        public var isAdmin: Bool { self == .admin }
    }

    /// The album with this UUID and `userId`'s role in it; nil when they have none.
    public func album(uuid: String, for userId: Int64) throws -> (album: Album, role: Role)? {
        try reach(uuid: uuid, for: userId).map { ($0.album, $0.role) }
    }

    /// The same, with the moment the role ends by itself: the end of the share it comes
    /// through, once that share has started (nil for the owner and for a share without end).
    public func reach(uuid: String, for userId: Int64) throws -> (album: Album, role: Role, until: Date?)? {
        let now = clock.now()
        return try database.read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT albums.*, \(Self.roleColumn),
                                (SELECT MIN(expires_at) FROM shares WHERE shares.album_id = albums.id
                                 AND shares.recipient_id = ? AND shares.expires_at > ?) AS until
                            FROM albums WHERE albums.uuid = ?
                            """),
                    arguments: [userId, userId, now.stored, userId, now.stored, uuid]),
                let role = Self.role(row)
            else { return nil }
            let album = try Album(row: row)
            return (album, role, album.ownerId == userId ? nil : try row.optionalDate(Album.columnOrder.count + 1))
        }
    }

    /// The albums `userId` has a role in, by id, after the album `after` names (a cursor).
    public func albums(for userId: Int64, after: Int64?, limit: Int) throws -> [(album: Album, role: Role)] {
        let now = clock.now()
        return try database.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT albums.*, \(Self.roleColumn) FROM albums WHERE albums.id IN (\(Self.pageOfAlbums))
                        ORDER BY albums.id LIMIT ?
                        """),
                arguments: [
                    userId, userId, now.stored, userId, after ?? 0, limit, userId, after ?? 0, now.stored, limit, limit,
                ]
            ).compactMap { row in try Self.role(row).map { (try Album(row: row), $0) } }
        }
    }

    /// The ids of a page of the albums someone owns or takes part in, after an id: each kind
    /// walked in id order in its own index and cut at the page's size, so a page reads as
    /// many rows as it shows however many albums and shares there are (both lists whole and
    /// every album of the instance by id were read before). Arguments: user, after, limit,
    /// user, after, now, limit.
    static let pageOfAlbums = """
        SELECT id FROM (SELECT id FROM albums WHERE owner_id = ? AND id > ? ORDER BY id LIMIT ?)
        UNION
        SELECT album_id FROM (SELECT album_id FROM shares WHERE recipient_id = ? AND album_id > ?
            AND (expires_at IS NULL OR expires_at > ?) ORDER BY album_id LIMIT ?)
        """

    /// Items in each album and the people in it (its owner and those it is shared with now).
    public func counts(albumIds: [Int64]) throws -> [Int64: (photos: Int, participants: Int)] {
        let now = clock.now()
        return try database.read { db in
            var counts: [Int64: (photos: Int, participants: Int)] = [:]
            let statement = try db.cachedStatement(
                sql: """
                    SELECT COALESCE((SELECT count FROM album_sizes WHERE album_id = ?1), 0),
                        1 + (SELECT COUNT(*) FROM shares WHERE album_id = ?1 AND (expires_at IS NULL OR expires_at > ?2))
                    """)
            for id in albumIds {
                if let row = try Row.fetchOne(statement, arguments: [id, now.stored]) { counts[id] = (row[0], row[1]) }
            }
            return counts
        }
    }

    /// The UUID of user `id` (seed 002 names people by it).
    public func userUUID(id: Int64) throws -> String? {
        try database.read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT uuid FROM users WHERE id = ?"), arguments: [id])
        }
    }

    /// Makes the person with `userUUID` an admin of `ownerId`'s album, or a participant again;
    /// refused (as missing) when the album is not theirs or not shared with that person.
    public func setAdmin(_ isAdmin: Bool, albumId: Int64, ownerId: Int64, userUUID: String) throws {
        try database.write { db in
            guard try Library.owns(albumId: albumId, ownerId: ownerId, db) else { throw LibraryError.albumNotFound }
            try db.execute(
                sql: """
                    UPDATE shares SET is_admin = ? WHERE album_id = ?
                    AND recipient_id = (SELECT id FROM users WHERE uuid = ?)
                    """, arguments: [isAdmin, albumId, userUUID])
            guard db.changesCount == 1 else {
                throw LibraryError.badInput(field: "userId", reason: "The album is not shared with that person.")
            }
        }
    }

    /// Turns the album's preview (`getPreviewPhotos` for anyone holding its id) on or off.
    public func setPreview(_ enabled: Bool, albumId: Int64, ownerId: Int64) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE albums SET preview_enabled = ?, updated_at = ? WHERE id = ? AND owner_id = ?",
                arguments: [enabled, clock.now(), albumId, ownerId])
            guard db.changesCount == 1 else { throw LibraryError.albumNotFound }
        }
    }

    /// The album with this UUID if its preview is on and its owner's account is live.
    public func previewAlbum(uuid: String) throws -> Album? {
        try database.read { db in
            try Album.fetchOne(
                db,
                sql: """
                    SELECT albums.* FROM albums JOIN users ON users.id = albums.owner_id
                    WHERE albums.uuid = ? AND albums.preview_enabled = 1 AND users.disabled = 0
                    """, arguments: [uuid])
        }
    }

    /// The role column after `albums.*`: 2 admin, 1 participant, NULL none. Arguments: the
    /// user, the user, now. The owner's account must be live.
    private static let roleColumn = """
        CASE WHEN NOT EXISTS (SELECT 1 FROM users WHERE users.id = albums.owner_id AND users.disabled = 0) THEN NULL
        WHEN albums.owner_id = ? THEN 2
        ELSE (SELECT 1 + MAX(is_admin) FROM shares WHERE shares.album_id = albums.id AND shares.recipient_id = ?
              AND (shares.expires_at IS NULL OR shares.expires_at > ?)) END AS role
        """

    private static func role(_ row: Row) -> Role? {
        switch row["role"] as Int? {
        case 2: .admin
        case 1: .participant
        default: nil
        }
    }
}
