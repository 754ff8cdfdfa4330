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
    /// The group member a manager is acting for in this session (seed 001's "Manage as"); the
    /// session stays the manager's.
    public var actingFor: Int64?

    public static let databaseTableName = "sessions"
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AuthSession: PositionalRecord {
    public static let columnOrder = [
        "id", "user_id", "token_hash", "csrf_token", "created_at", "expires_at", "ip", "user_agent", "acting_for",
    ]

    public init(row: Row) throws { try self.init(checkedRow: Self.checked(row)) }

    public init(checkedRow row: Row) throws {
        id = row[0]
        userId = row[1]
        tokenHash = row[2]
        csrfToken = row[3]
        createdAt = try row.date(4)
        expiresAt = try row.date(5)
        ip = row[6]
        userAgent = row[7]
        actingFor = row[8]
    }
}
