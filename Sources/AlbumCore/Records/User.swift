import Foundation
import GRDB

/// A person with an account.
public struct User: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public enum Role: String, Codable, Sendable { case user, admin }

    public var id: Int64?
    public var uuid: String
    public var username: String
    public var passwordHash: String
    public var role: Role
    public var planId: Int64?
    public var disabled: Bool
    public var privateGallery: Bool
    public var createdAt: Date

    public static let databaseTableName = "users"
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var isAdmin: Bool { role == .admin }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension User: PositionalRecord {
    public static let columnOrder = [
        "id", "uuid", "username", "password_hash", "role", "plan_id", "disabled", "private_gallery", "created_at",
    ]

    public init(row: Row) throws { try self.init(checkedRow: Self.checked(row)) }

    public init(checkedRow row: Row) throws { try self.init(checkedRow: row, from: 0) }

    /// Reads the columns from `offset` on: a user joined after another table's columns (a
    /// session's), checked once per statement.
    public init(checkedRow row: Row, from o: Int) throws {
        id = row[o + 0]
        uuid = row[o + 1]
        username = row[o + 2]
        passwordHash = row[o + 3]
        role = try Self.value(row[o + 4])
        planId = row[o + 5]
        disabled = row[o + 6]
        privateGallery = row[o + 7]
        createdAt = try row.date(o + 8)
    }
}
