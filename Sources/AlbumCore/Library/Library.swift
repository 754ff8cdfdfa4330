import GRDB
import Media

/// Use cases over a user's albums and media: import, delete, sweep, and what the pages show.
public struct Library: Sendable {
    public let database: AppDatabase
    public let blobs: any BlobStore
    public let settings: MediaSettings
    let sniffers = SnifferPool()
    let jobs = JobLimiter()

    public init(database: AppDatabase, blobs: any BlobStore, settings: MediaSettings = MediaSettings()) {
        self.database = database
        self.blobs = blobs
        self.settings = settings
    }

    /// What a user stores: the settings page sets it beside their plan's limits.
    public struct Usage: Sendable, Equatable {
        public let albums: Int
        public let media: Int
        public let videos: Int
        /// Bytes of their items, the trash's included (a blob shared by two items counts twice:
        /// each is theirs). The counts leave the trash out.
        public let bytes: Int
    }

    public func usage(ownerId: Int64) throws -> Usage {
        try database.read { db in
            // One statement, so all the counts come from the same state of the database.
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM albums WHERE owner_id = ?1), COUNT(*) - COUNT(trashed_at),
                           COALESCE(SUM(kind = 'video' AND trashed_at IS NULL), 0), COALESCE(SUM(size), 0)
                    FROM media WHERE owner_id = ?1
                    """, arguments: [ownerId])
            return Usage(albums: row?[0] ?? 0, media: row?[1] ?? 0, videos: row?[2] ?? 0, bytes: row?[3] ?? 0)
        }
    }
}
