import Foundation
import GRDB

/// A signed-in browser: the cookie holds the secret, the row only its hash.
public struct AuthSession: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var userId: Int64
    public var tokenHash: String
    /// Sent back in every unsafe form of this session.
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date
    public var ip: String?
    public var userAgent: String?

    public static let databaseTableName = "sessions"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
