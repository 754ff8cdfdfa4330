import GRDB
import Media

/// Use cases over a user's albums and media: import, delete, sweep, and what the pages show.
public struct Library: Sendable {
    public let database: AppDatabase
    public let blobs: BlobStore
    public let settings: MediaSettings
    let sniffers = SnifferPool()
    let jobs = JobLimiter()

    public init(database: AppDatabase, blobs: BlobStore, settings: MediaSettings = MediaSettings()) {
        self.database = database
        self.blobs = blobs
        self.settings = settings
    }

    public struct Summary: Sendable, Equatable {
        public let albums: Int
        public let media: Int
    }

    public func summary(ownerId: Int64) throws -> Summary {
        try database.read { db in
            // One statement, so both counts come from the same state of the database.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT (SELECT COUNT(*) FROM albums WHERE owner_id = ?1),
                           (SELECT COUNT(*) FROM media WHERE owner_id = ?1)
                    """)
            let row = try Row.fetchOne(statement, arguments: [ownerId])
            return Summary(albums: row?[0] ?? 0, media: row?[1] ?? 0)
        }
    }
}
