import Foundation
import GRDB

/// An album as the library grid shows it: how many items, and the one on its cover.
public struct AlbumSummary: Sendable {
    public let album: Album
    public let itemCount: Int
    /// The chosen cover, else the album's first item; nil for an empty album.
    public let cover: MediaEntry?
}

/// Organising a user's albums: names, covers, the order of items. Every use case checks that
/// the album and items belong to `ownerId`; an id of somebody else's is reported as missing.
extension Library {
    /// `ownerId`'s albums in their order, each with its count and cover; with `limit`, that
    /// many from the `offset`th on (sizes are kept, in `album_sizes`; the page is chosen before
    /// any cover is looked up).
    public func albumSummaries(ownerId: Int64, limit: Int = -1, offset: Int = 0) throws -> [AlbumSummary] {
        try database.read { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT albums.*,
                            COALESCE((SELECT count FROM album_sizes WHERE album_id = albums.id), 0) AS item_count,
                            \(Self.coverId) AS cover_id
                        FROM (SELECT * FROM albums WHERE owner_id = ? ORDER BY position, id LIMIT ? OFFSET ?) AS albums
                        ORDER BY position, id
                        """), arguments: [ownerId, limit, offset])
            return try rows.map { row in
                let cover = try (row["cover_id"] as Int64?).flatMap { try media(id: $0, ownerId: ownerId, db) }
                return AlbumSummary(album: try Album(row: row), itemCount: row["item_count"], cover: cover)
            }
        }
    }

    /// SQL: the id of the cover of the `albums` row in the query, else of its first item; NULL
    /// for an empty album.
    static let coverId = """
        COALESCE(
            (SELECT id FROM media WHERE id = albums.cover_media_id AND album_id = albums.id),
            (SELECT id FROM media WHERE album_id = albums.id ORDER BY position, id LIMIT 1))
        """

    public func album(id: Int64, ownerId: Int64) throws -> Album? {
        try database.read { db in
            try Album.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM albums WHERE id = ? AND owner_id = ?"), arguments: [id, ownerId])
        }
    }

    /// Renames and describes an album (name trimmed, 1–255 bytes; description up to 5000).
    public func updateAlbum(id: Int64, ownerId: Int64, name: String, description: String) throws {
        let name = try Self.albumName(name)
        let description = String(description.trimmingCharacters(in: .whitespacesAndNewlines).prefix(5000))
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE albums SET name = ?, description = ?, version = version + 1, updated_at = ?
                    WHERE id = ? AND owner_id = ?
                    """, arguments: [name, description, Date(), id, ownerId])
            guard db.changesCount == 1 else { throw LibraryError.albumNotFound }
        }
    }

    /// Renames an album to exactly `name` (seed 000: null and empty allowed, at most 255 bytes).
    public func renameAlbum(id: Int64, ownerId: Int64, exactly name: String?) throws -> Album {
        let name = try Self.exactAlbumName(name)
        return try database.write { db in
            try db.execute(
                sql: "UPDATE albums SET name = ?, version = version + 1, updated_at = ? WHERE id = ? AND owner_id = ?",
                arguments: [name, Date(), id, ownerId])
            guard db.changesCount == 1, let album = try Album.fetchOne(db, key: id) else {
                throw LibraryError.albumNotFound
            }
            return album
        }
    }

    /// Makes item `mediaId` (which must be in the album) the album's cover.
    public func setCover(albumId: Int64, mediaId: Int64, ownerId: Int64) throws {
        try database.write { db in
            guard try albumItemIds(albumId, ownerId: ownerId, db).contains(mediaId) else {
                throw LibraryError.mediaNotFound
            }
            try db.execute(
                sql: "UPDATE albums SET cover_media_id = ?, updated_at = ? WHERE id = ?",
                arguments: [mediaId, Date(), albumId])
        }
    }

    /// Puts the items `mediaIds` names in that order, in the places they held among the
    /// album's items: the others stay where they are, so a page showing part of a long album
    /// reorders just its part. Ids not in the album are refused, so a stale page cannot pull
    /// somebody's photo into this album.
    public func reorder(albumId: Int64, ownerId: Int64, mediaIds: [Int64]) throws {
        try database.write { db in
            var order = try albumItemIds(albumId, ownerId: ownerId, db)
            let named = Set(mediaIds)
            let places = order.indices.filter { named.contains(order[$0]) }
            guard named.count == mediaIds.count, places.count == mediaIds.count else {
                throw LibraryError.mediaNotFound
            }
            for (place, id) in zip(places, mediaIds) { order[place] = id }
            try store(order: order, db)
        }
    }

    /// Moves one item a place earlier (`by: -1`) or later (`by: 1`) in its album: the no-script
    /// version of drag and drop.
    public func nudge(mediaId: Int64, by offset: Int, albumId: Int64, ownerId: Int64) throws {
        try database.write { db in
            var order = try albumItemIds(albumId, ownerId: ownerId, db)
            guard let index = order.firstIndex(of: mediaId) else { throw LibraryError.mediaNotFound }
            let target = index + offset
            guard order.indices.contains(target) else { return }
            order.swapAt(index, target)
            try store(order: order, db)
        }
    }

    /// The album's item ids in order; the album must be `ownerId`'s.
    private func albumItemIds(_ albumId: Int64, ownerId: Int64, _ db: Database) throws -> [Int64] {
        guard
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM albums WHERE id = ? AND owner_id = ?", arguments: [albumId, ownerId]) ?? false
        else { throw LibraryError.albumNotFound }
        return try Int64.fetchAll(
            db, sql: "SELECT id FROM media WHERE album_id = ? ORDER BY position, id", arguments: [albumId])
    }

    private func store(order: [Int64], _ db: Database) throws {
        let statement = try db.makeStatement(sql: "UPDATE media SET position = ? WHERE id = ? AND position != ?")
        for (index, id) in order.enumerated() {
            try statement.execute(arguments: [index + 1, id, index + 1])
        }
    }
}
