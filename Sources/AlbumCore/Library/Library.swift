import GRDB

/// Use cases over a user's albums and media. (The media pipeline and album editing build on
/// this; so far it answers what the library page shows.)
public struct Library: Sendable {
    public let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public struct Summary: Sendable, Equatable {
        public let albums: Int
        public let media: Int
    }

    public func summary(ownerId: Int64) throws -> Summary {
        try database.pool.read { db in
            let albums = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM albums WHERE owner_id = ?"), arguments: [ownerId])
            let media = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM media WHERE owner_id = ?"), arguments: [ownerId])
            return Summary(albums: albums ?? 0, media: media ?? 0)
        }
    }
}
