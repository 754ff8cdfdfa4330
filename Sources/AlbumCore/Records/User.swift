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

    public init(checkedRow row: Row) throws {
        id = row[0]
        uuid = row[1]
        username = row[2]
        passwordHash = row[3]
        role = try Self.value(row[4])
        planId = row[5]
        disabled = row[6]
        privateGallery = row[7]
        createdAt = try row.date(8)
    }
}
