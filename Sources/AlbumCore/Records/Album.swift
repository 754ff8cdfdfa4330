import Foundation
import GRDB

/// A user's album (table `albums`). Media point at it; deleting it leaves them in the library.
public struct Album: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
    public var id: Int64
    public var uuid: String
    public var ownerId: Int64
    public var name: String
    public var description: String
    public var visibility: MediaItem.Visibility
    public var linkSecret: String
    public var position: Int
    public var version: Int
    public var coverMediaId: Int64?
    public var createdAt: Date
    public var updatedAt: Date

    public static let databaseTableName = "albums"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}
