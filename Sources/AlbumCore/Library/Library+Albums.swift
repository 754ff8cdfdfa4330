import Foundation
import GRDB

extension Library {
    /// The id of `ownerId`'s album called `name`, created (private, last) when there is none.
    public func album(named name: String, ownerId: Int64) throws -> Int64 {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...255).contains(name.utf8.count) else {
            throw LibraryError.limitReached("Album names have 1 to 255 bytes.")
        }
        let plan = try plan(for: ownerId)
        return try database.pool.write { db in
            if let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM albums WHERE owner_id = ? AND name = ? ORDER BY id LIMIT 1",
                arguments: [ownerId, name])
            {
                return id
            }
            if let limit = plan.maxAlbums,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM albums WHERE owner_id = ?", arguments: [ownerId]) ?? 0
                    >= limit
            {
                throw LibraryError.limitReached("Your plan allows \(limit) albums.")
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
            return db.lastInsertedRowID
        }
    }

    /// Whether `ownerId` already has media with exactly these bytes.
    public func hasMedia(sha256: String, ownerId: Int64) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db,
                sql:
                    "SELECT 1 FROM media JOIN blobs ON blobs.id = media.blob_id WHERE media.owner_id = ? AND blobs.sha256 = ?",
                arguments: [ownerId, sha256]) ?? false
        }
    }
}
