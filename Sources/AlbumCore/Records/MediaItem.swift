import Foundation
import GRDB

/// A photo or video in someone's library (table `media`).
public struct MediaItem: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public enum Kind: String, Codable, Sendable { case image, video, live }
    public enum Visibility: String, Codable, Sendable { case `private`, link, `public` }
    public enum State: String, Codable, Sendable { case pending, ready, failed }

    public var id: Int64?
    public var uuid: String
    public var ownerId: Int64
    public var albumId: Int64?
    public var blobId: Int64
    public var kind: Kind
    public var mime: String
    public var size: Int
    public var width: Int
    public var height: Int
    public var duration: Double?
    public var frameCount: Int
    public var title: String
    public var description: String
    public var originalFilename: String
    public var nsfw: Bool
    public var isSafe: Bool
    public var visibility: Visibility
    /// The unguessable part of `link`/`public` URLs.
    public var linkSecret: String
    public var deleteSecretHash: String?
    public var processingState: State
    public var position: Int
    public var takenAt: Date?
    public var expiresAt: Date?
    public var uploaderIp: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// In the trash since (deleted from the pages; emptied after the trash's days).
    public var trashedAt: Date?
    /// The album it was in when it went to the trash: where a restore puts it back.
    public var trashedFromAlbumId: Int64?
    public var favourite: Bool
    /// Who added it when that was not its owner: their group's manager (seed 001's "Manage as").
    public var addedBy: Int64?

    public static let databaseTableName = "media"
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

extension MediaItem: PositionalRecord {
    public static let columnOrder = [
        "id",
        "uuid",
        "owner_id",
        "album_id",
        "blob_id",
        "kind",
        "mime",
        "size",
        "width",
        "height",
        "duration",
        "frame_count",
        "title",
        "description",
        "original_filename",
        "nsfw",
        "is_safe",
        "visibility",
        "link_secret",
        "delete_secret_hash",
        "processing_state",
        "position",
        "taken_at",
        "expires_at",
        "uploader_ip",
        "created_at",
        "updated_at",
        "trashed_at",
        "trashed_from_album_id",
        "favourite",
        "added_by",
    ]

    public init(row: Row) throws { try self.init(checkedRow: Self.checked(row)) }

    public init(checkedRow row: Row) throws { try self.init(checkedRow: row, from: 0) }

    /// Reads the columns from `offset` on: an item joined after another table's columns (an
    /// album's cover beside the album), checked once per statement rather than per row.
    public init(checkedRow row: Row, from offset: Int) throws {
        let o = offset
        id = row[o + 0]
        uuid = row[o + 1]
        ownerId = row[o + 2]
        albumId = row[o + 3]
        blobId = row[o + 4]
        kind = try Self.value(row[o + 5])
        mime = row[o + 6]
        size = row[o + 7]
        width = row[o + 8]
        height = row[o + 9]
        duration = row[o + 10]
        frameCount = row[o + 11]
        title = row[o + 12]
        description = row[o + 13]
        originalFilename = row[o + 14]
        nsfw = row[o + 15]
        isSafe = row[o + 16]
        visibility = try Self.value(row[o + 17])
        linkSecret = row[o + 18]
        deleteSecretHash = row[o + 19]
        processingState = try Self.value(row[o + 20])
        position = row[o + 21]
        takenAt = try row.optionalDate(o + 22)
        expiresAt = try row.optionalDate(o + 23)
        uploaderIp = row[o + 24]
        createdAt = try row.date(o + 25)
        updatedAt = try row.date(o + 26)
        trashedAt = try row.optionalDate(o + 27)
        trashedFromAlbumId = row[o + 28]
        favourite = row[o + 29]
        addedBy = row[o + 30]
    }
}

/// Stored bytes (table `blobs`): one row per distinct SHA-256.
public struct Blob: Codable, Sendable, Equatable, FetchableRecord {
    public var id: Int64
    public var sha256: String
    public var md5: String
    public var size: Int
    public var mime: String
    public var `extension`: String
    public var refCount: Int
    public var orphanedAt: Date?
    public var createdAt: Date

    public static let databaseTableName = "blobs"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}
