import Foundation
import GRDB

/// A user's album (table `albums`). Media point at it; deleting it leaves them in the library.
public struct Album: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
    public var id: Int64
    public var uuid: String
    public var ownerId: Int64
    /// Null or empty only through seed 000, which allows both; pages show `displayName`.
    public var name: String?
    public var description: String
    public var visibility: MediaItem.Visibility
    public var linkSecret: String
    public var position: Int
    public var version: Int
    public var coverMediaId: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    /// Seed 001: the price shown with the album's PIN (the PIN is its link's password).
    public var pinPrice: Double?
    /// Seed 002: anyone holding the album's id may see a preview of it (`getPreviewPhotos`).
    public var previewEnabled: Bool

    public static let databaseTableName = "albums"

    /// The name as pages show it: "Untitled" for a null or empty one.
    public var displayName: String { Self.displayName(name) }

    public static func displayName(_ name: String?) -> String {
        guard let name, !name.isEmpty else { return "Untitled" }
        return name
    }
}

extension Album: PositionalRecord {
    public static let columnOrder = [
        "id", "uuid", "owner_id", "name", "description", "visibility", "link_secret", "position", "version",
        "cover_media_id", "created_at", "updated_at", "pin_price", "preview_enabled",
    ]

    public init(row: Row) throws { try self.init(checkedRow: Self.checked(row)) }

    public init(checkedRow row: Row) throws {
        id = row[0]
        uuid = row[1]
        ownerId = row[2]
        name = row[3]
        description = row[4]
        visibility = try Self.value(row[5])
        linkSecret = row[6]
        position = row[7]
        version = row[8]
        coverMediaId = row[9]
        createdAt = try row.date(10)
        updatedAt = try row.date(11)
        pinPrice = row[12]
        previewEnabled = row[13]
    }
}
