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
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var isAdmin: Bool { role == .admin }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
