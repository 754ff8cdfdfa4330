import GRDB

extension Library {
    /// A user's media, newest first, with the blob address each URL needs.
    public func media(ownerId: Int64, limit: Int) throws -> [(item: MediaItem, sha256: String, ext: String)] {
        try database.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT media.*, blobs.sha256 AS blob_sha256, blobs.extension AS blob_extension
                    FROM media JOIN blobs ON blobs.id = media.blob_id
                    WHERE media.owner_id = ? ORDER BY media.created_at DESC, media.id DESC LIMIT ?
                    """)
            return try Row.fetchAll(statement, arguments: [ownerId, limit]).map(Self.entry)
        }
    }

    public func media(id: Int64, ownerId: Int64) throws -> (item: MediaItem, sha256: String, ext: String)? {
        try database.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT media.*, blobs.sha256 AS blob_sha256, blobs.extension AS blob_extension
                    FROM media JOIN blobs ON blobs.id = media.blob_id
                    WHERE media.id = ? AND media.owner_id = ?
                    """)
            return try Row.fetchOne(statement, arguments: [id, ownerId]).map(Self.entry)
        }
    }

    private static func entry(_ row: Row) throws -> (item: MediaItem, sha256: String, ext: String) {
        (try MediaItem(row: row), row["blob_sha256"], row["blob_extension"])
    }
}
