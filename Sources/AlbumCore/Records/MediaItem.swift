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

    public static let databaseTableName = "media"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
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
