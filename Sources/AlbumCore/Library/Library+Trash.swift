import Foundation
import GRDB

/// The trash: what is deleted from the pages waits there (`MediaSettings.trashDays`) before it
/// is gone. A trashed item leaves its album at once (`album_id` is cleared and kept in
/// `trashed_from_album_id`), so albums, covers, shares and links stop showing it without a
/// query knowing about the trash; the owner's listings and every lookup by id, code or link
/// leave out `trashed_at IS NOT NULL`. The dialects' deletes stay immediate: their contracts
/// say the item is gone.
extension Library {
    /// Moves `ownerId`'s items `ids` to the trash; answers how many moved (ids of others, or
    /// already trashed, are skipped).
    @discardableResult
    public func trash(ids: [Int64], ownerId: Int64, now: Date = Date()) throws -> Int {
        try database.write { db in
            try Self.update(
                ids,
                sql: """
                    UPDATE media SET trashed_at = ?, trashed_from_album_id = album_id, album_id = NULL, updated_at = ?
                    WHERE id = ? AND owner_id = ? AND trashed_at IS NULL
                    """, db
            ) { [now, now, $0, ownerId] }
        }
    }

    /// Takes `ownerId`'s items `ids` out of the trash, back into the album they left if it
    /// still exists; answers how many came back.
    @discardableResult
    public func restore(ids: [Int64], ownerId: Int64) throws -> Int {
        try database.write { db in try Self.restore(ids: ids, ownerId: ownerId, db) }
    }

    /// The same on a connection already held.
    @discardableResult
    static func restore(ids: [Int64], ownerId: Int64, _ db: Database) throws -> Int {
        let now = Date()
        return try update(
            ids,
            sql: """
                UPDATE media SET album_id = trashed_from_album_id, trashed_from_album_id = NULL, trashed_at = NULL,
                    updated_at = ?
                WHERE id = ? AND owner_id = ? AND trashed_at IS NOT NULL
                """, db
        ) { [now, $0, ownerId] }
    }

    /// Deletes `ownerId`'s trashed items `ids` for good, or with nil the whole trash ("Empty
    /// trash"); answers how many. Their bytes go as any deletion's do (`release`).
    @discardableResult
    public func purge(ids: [Int64]? = nil, ownerId: Int64, now: Date = Date()) throws -> Int {
        try database.write { db in
            let trashed = "SELECT id, blob_id FROM media WHERE owner_id = ? AND trashed_at IS NOT NULL"
            let rows =
                if let ids {
                    try ids.compactMap {
                        try Row.fetchOne(db, sql: trashed + " AND id = ?", arguments: [ownerId, $0])
                    }
                } else {
                    try Row.fetchAll(db, sql: trashed, arguments: [ownerId])
                }
            return try Self.delete(rows, now: now, db)
        }
    }

    /// The sweeper's part: items trashed `settings.trashDays` ago or longer are deleted.
    func emptyOldTrash(now: Date) throws -> Int {
        let cutoff = now.addingTimeInterval(-Double(settings.trashDays) * 86_400)
        return try database.write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, blob_id FROM media WHERE trashed_at IS NOT NULL AND trashed_at <= ?",
                arguments: [cutoff])
            return try Self.delete(rows, now: now, db)
        }
    }

    /// Deletes media rows (`id`, `blob_id`) and lets go of their bytes.
    static func delete(_ rows: [Row], now: Date, _ db: Database) throws -> Int {
        for row in rows {
            try db.execute(sql: "DELETE FROM media WHERE id = ?", arguments: [row["id"] as Int64])
            try release(db, blobId: row["blob_id"], now: now)
        }
        return rows.count
    }

    /// Marks (or unmarks) `ownerId`'s items `ids` as favourites; answers how many changed.
    @discardableResult
    public func setFavourite(_ favourite: Bool, ids: [Int64], ownerId: Int64) throws -> Int {
        let now = Date()
        return try database.write { db in
            try Self.update(
                ids,
                sql: """
                    UPDATE media SET favourite = ?, updated_at = ?
                    WHERE id = ? AND owner_id = ? AND trashed_at IS NULL AND favourite != ?
                    """, db
            ) { [favourite, now, $0, ownerId, favourite] }
        }
    }

    /// Runs the statement `sql` once per id with `arguments(id)`; answers how many rows changed.
    private static func update(
        _ ids: [Int64], sql: String, _ db: Database, arguments: (Int64) -> StatementArguments
    ) throws -> Int {
        let statement = try db.makeStatement(sql: sql)
        return try ids.reduce(0) { count, id in
            try statement.execute(arguments: arguments(id))
            return count + db.changesCount
        }
    }
}
