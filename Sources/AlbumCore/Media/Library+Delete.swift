import Foundation
import GRDB

extension Library {
    /// Deletes a media item of `ownerId`. The bytes stay until no row uses them and every signed
    /// URL issued before has expired.
    public func deleteMedia(id: Int64, ownerId: Int64) throws {
        try database.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, blob_id FROM media WHERE id = ? AND owner_id = ?", arguments: [id, ownerId])
            else { throw LibraryError.mediaNotFound }
            _ = try Self.delete([row], now: Date(), db)
        }
    }

    /// The item whose delete secret this is (Chevereto's `delete_url`); nil when the item is gone
    /// or the secret is wrong (compared in constant time, stored hashed).
    public func media(id: Int64, deleteSecret: String) throws -> MediaEntry? {
        guard let entry = try media(id: id),
            let stored = entry.item.deleteSecretHash,
            Secrets.constantTimeEquals(stored, Secrets.hash(deleteSecret))
        else { return nil }
        return entry
    }

    /// Deletes the item whose delete secret this is and answers it; nil as `media(id:deleteSecret:)`.
    public func deleteMedia(id: Int64, deleteSecret: String) throws -> MediaItem? {
        guard let entry = try media(id: id, deleteSecret: deleteSecret) else { return nil }
        try deleteMedia(id: id, ownerId: entry.item.ownerId)
        return entry.item
    }
}
