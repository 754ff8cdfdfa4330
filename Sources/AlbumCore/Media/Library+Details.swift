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
}
