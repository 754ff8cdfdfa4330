import Foundation
import GRDB

extension Library {
    /// The id of `ownerId`'s album called `name`, created (private, last) when there is none.
    public func album(named name: String, ownerId: Int64) throws -> Int64 {
        try createAlbum(named: name, ownerId: ownerId, reuseExisting: true).id
    }

    /// `ownerId`'s album whose name is `name` trimmed, in any case: what the pages take for the
    /// same album (two albums a person cannot tell apart are a trap).
    public func album(namedLike name: String, ownerId: Int64) throws -> Album? {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try albums(ownerId: ownerId).first { ($0.name ?? "").caseInsensitiveCompare(name) == .orderedSame }
    }

    /// A new album of `ownerId` (private, last), its name trimmed; with `reuseExisting`, the
    /// oldest album of that name if there is one.
    public func createAlbum(named name: String, ownerId: Int64, reuseExisting: Bool = false) throws -> Album {
        try insertAlbum(name: try Self.albumName(name), ownerId: ownerId, reuseExisting: reuseExisting)
    }

    /// A new album named exactly `name`, which may be null or empty (seed 000): at most 255
    /// bytes.
    public func createAlbum(exactly name: String?, ownerId: Int64) throws -> Album {
        try insertAlbum(name: try Self.exactAlbumName(name), ownerId: ownerId, reuseExisting: false)
    }

    private func insertAlbum(name: String?, ownerId: Int64, reuseExisting: Bool) throws -> Album {
        let plan = try plan(for: ownerId)
        return try database.write { db in
            if reuseExisting,
                let existing = try Album.fetchOne(
                    db, sql: "SELECT * FROM albums WHERE owner_id = ? AND name = ? ORDER BY id LIMIT 1",
                    arguments: [ownerId, name])
            {
                return existing
            }
            if let limit = plan.maxAlbums,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM albums WHERE owner_id = ?", arguments: [ownerId]) ?? 0
                    >= limit
            {
                throw LibraryError.limitReached(.albums(limit))
            }
            let now = Date()
            try db.execute(
                sql: """
                    INSERT INTO albums (uuid, owner_id, name, link_secret, position, created_at, updated_at)
                    VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM albums WHERE owner_id = ?), ?, ?)
                    """,
                arguments: [
                    UUID().uuidString.lowercased(), ownerId, name, Secrets.random(bytes: 12), ownerId, now, now,
                ])
            return try Album.fetchOne(db, key: db.lastInsertedRowID)!
        }
    }

    /// How many albums `ownerId` has.
    public func albumCount(ownerId: Int64) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM albums WHERE owner_id = ?"), arguments: [ownerId]) ?? 0
        }
    }

    /// An album as a choice in a list: its id and the name it shows.
    public struct AlbumChoice: Sendable {
        public let id: Int64
        public let displayName: String
    }

    /// `ownerId`'s `limit` most recently changed albums, by name: what a "move to" list offers
    /// (a name typed for a new album that is already theirs reaches any of the others).
    public func recentAlbums(ownerId: Int64, limit: Int) throws -> [AlbumChoice] {
        try database.read { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT id, name FROM (
                            SELECT id, name FROM albums WHERE owner_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?)
                        ORDER BY name COLLATE NOCASE, id
                        """), arguments: [ownerId, limit])
            var choices: [AlbumChoice] = []
            while let row = try rows.next() {
                choices.append(AlbumChoice(id: row[0], displayName: Album.displayName(row[1])))
            }
            return choices
        }
    }

    /// How many of its owner's albums come before `album` in `albums(ownerId:)`'s order.
    public func albumsBefore(_ album: Album) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db.cachedStatement(
                    sql: "SELECT COUNT(*) FROM albums WHERE owner_id = ? AND (created_at, id) < (?, ?)"),
                arguments: [album.ownerId, album.createdAt, album.id]) ?? 0
        }
    }

    /// `ownerId`'s albums, oldest first.
    public func albums(ownerId: Int64) throws -> [Album] {
        try database.read { db in
            try Album.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM albums WHERE owner_id = ? ORDER BY created_at, id"),
                arguments: [ownerId])
        }
    }

    public func album(uuid: String, ownerId: Int64) throws -> Album? {
        try database.read { db in
            try Album.fetchOne(
                db, sql: "SELECT * FROM albums WHERE uuid = ? AND owner_id = ?", arguments: [uuid, ownerId])
        }
    }

    /// Deletes `ownerId`'s album; its items stay in the library with no album (seed 004). An
    /// album that is not theirs, or none, is left alone: false.
    @discardableResult
    public func deleteAlbum(uuid: String, ownerId: Int64) throws -> Bool {
        try database.write { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM albums WHERE uuid = ? AND owner_id = ?", arguments: [uuid, ownerId])
            else { return false }
            try Self.removeAlbum(id, items: false, db)
            return true
        }
    }

    /// Deletes `ownerId`'s album `id`; with `items` its items go too, for good (as the
    /// dialects' deletes do), else they stay in the library with no album. False when it is
    /// not theirs or not there.
    @discardableResult
    public func deleteAlbum(id: Int64, ownerId: Int64, items: Bool) throws -> Bool {
        try database.write { db in
            guard try Self.owns(albumId: id, ownerId: ownerId, db) else { return false }
            try Self.removeAlbum(id, items: items, db)
            return true
        }
    }

    private static func removeAlbum(_ id: Int64, items: Bool, _ db: Database) throws {
        let now = Date()
        if items {
            _ = try delete(
                Row.fetchAll(db, sql: "SELECT id, blob_id FROM media WHERE album_id = ?", arguments: [id]), now: now, db
            )
        } else {
            try db.execute(
                sql: "UPDATE media SET album_id = NULL, updated_at = ? WHERE album_id = ?", arguments: [now, id])
        }
        try db.execute(sql: "DELETE FROM albums WHERE id = ?", arguments: [id])
    }

    /// Moves `ownerId`'s item into their album `albumId`, or out of any album with nil; the
    /// plan's per-album limits apply.
    public func moveMedia(id: Int64, toAlbum albumId: Int64?, ownerId: Int64) throws {
        let plan = try plan(for: ownerId)
        try database.write { db in
            guard
                let item = try MediaItem.fetchOne(
                    db, sql: "SELECT * FROM media WHERE id = ? AND owner_id = ? AND trashed_at IS NULL",
                    arguments: [id, ownerId])
            else { throw LibraryError.mediaNotFound }
            guard item.albumId != albumId else { return }
            var position = 0
            if let albumId {
                guard try Self.owns(albumId: albumId, ownerId: ownerId, db) else { throw LibraryError.albumNotFound }
                try checkAlbumLimits(plan, isVideo: item.kind == .video, albumId: albumId, db)
                position = try Self.nextPosition(inAlbum: albumId, db)
            }
            try db.execute(
                sql: "UPDATE media SET album_id = ?, position = ?, updated_at = ? WHERE id = ?",
                arguments: [albumId, position, Date(), id])
        }
    }

    /// Whether `ownerId` already has media with exactly these bytes.
    public func hasMedia(sha256: String, ownerId: Int64) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db,
                sql:
                    "SELECT 1 FROM media JOIN blobs ON blobs.id = media.blob_id WHERE media.owner_id = ? AND blobs.sha256 = ? AND media.trashed_at IS NULL",
                arguments: [ownerId, sha256]) ?? false
        }
    }

    /// An album name as stored: trimmed, 1 to 255 bytes.
    static func albumName(_ name: String) throws -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...255).contains(name.utf8.count) else {
            throw LibraryError.badInput(field: "name", reason: "Album names have 1 to 255 bytes.")
        }
        return name
    }

    /// A name as seed 000 gives it: kept as it is, null and empty included, at most 255 bytes.
    static func exactAlbumName(_ name: String?) throws -> String? {
        guard (name?.utf8.count ?? 0) <= 255 else {
            throw LibraryError.badInput(field: "albumName", reason: "Album names have at most 255 bytes.")
        }
        return name
    }

    /// The place after the last item of album `albumId`: where an added item goes.
    static func nextPosition(inAlbum albumId: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM media WHERE album_id = ?", arguments: [albumId]) ?? 1
    }
}
