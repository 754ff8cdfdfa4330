import GRDB
import Media

/// The camera details of an item (`media_details`), kept at import for the info panel and
/// search.
extension Library {
    /// What the camera wrote about item `mediaId` (empty when nothing, or for a video).
    public func cameraDetails(mediaId: Int64) throws -> CameraDetails {
        try database.read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM media_details WHERE media_id = ?"), arguments: [mediaId])
            else { return CameraDetails() }
            return CameraDetails(
                make: row["camera_make"], model: row["camera_model"], lens: row["lens"], fNumber: row["f_number"],
                exposureTime: row["exposure_time"], iso: row["iso"], focalLength: row["focal_length"],
                latitude: row["latitude"], longitude: row["longitude"])
        }
    }

    /// Stores `details` for a new item; nothing when there are none.
    static func store(_ details: CameraDetails, mediaId: Int64, _ db: Database) throws {
        guard !details.isEmpty else { return }
        try db.execute(
            sql: """
                INSERT INTO media_details (media_id, camera_make, camera_model, lens, f_number, exposure_time, iso,
                    focal_length, latitude, longitude)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                mediaId, details.make.map { String($0.prefix(120)) }, details.model.map { String($0.prefix(120)) },
                details.lens.map { String($0.prefix(120)) }, details.fNumber, details.exposureTime, details.iso,
                details.focalLength, details.latitude, details.longitude,
            ])
    }
}

extension Library {
    /// Item `mediaId`'s tags, in alphabetical order.
    public func tags(mediaId: Int64) throws -> [String] {
        try database.read { db in
            try String.fetchAll(
                db.cachedStatement(sql: "SELECT tag FROM media_tags WHERE media_id = ? ORDER BY tag"),
                arguments: [mediaId])
        }
    }

    /// Where an item sits among its neighbours: in its album's order when it is in one, else on
    /// the owner's timeline. `index` counts from 1.
    public struct Neighbours: Sendable {
        public let previous: MediaEntry?
        public let next: MediaEntry?
        public let index: Int
        public let count: Int
    }

    public func neighbours(of entry: MediaEntry) throws -> Neighbours {
        let item = entry.item
        let scope: MediaScope = item.albumId.map { .album($0) } ?? .timeline
        let (condition, arguments) = scope.filter(ownerId: item.ownerId)
        // The order's key as a row value: (position, id) in an album, (date, id) on the timeline.
        let columns = item.albumId != nil ? ["media.position", "media.id"] : [SearchIndex.date, "media.id"]
        let key = "(" + columns.joined(separator: ", ") + ")"
        let mine = item.albumId != nil ? "(?, ?)" : "(COALESCE(?, ?), ?)"
        let mineArguments: StatementArguments =
            item.albumId != nil ? [item.position, item.id] : [item.takenAt, item.createdAt, item.id]
        let ascending = item.albumId != nil
        let before = ascending ? "<" : ">"
        let after = ascending ? ">" : "<"
        return try database.read { db in
            func one(_ comparison: String, _ direction: String) throws -> MediaEntry? {
                let order = columns.map { "\($0) \(direction)" }.joined(separator: ", ")
                return try Row.fetchOne(
                    db,
                    sql: Self.selectEntries
                        + " WHERE \(condition) AND \(key) \(comparison) \(mine) ORDER BY \(order) LIMIT 1",
                    arguments: arguments + mineArguments
                ).map { try Self.entry($0) }
            }
            let earlier =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM media WHERE \(condition) AND \(key) \(before) \(mine)",
                    arguments: arguments + mineArguments) ?? 0
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM media WHERE \(condition)", arguments: arguments) ?? 0
            return Neighbours(
                previous: try one(before, ascending ? "DESC" : "ASC"), next: try one(after, ascending ? "ASC" : "DESC"),
                index: earlier + 1, count: count)
        }
    }
}
