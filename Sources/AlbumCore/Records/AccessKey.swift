import Foundation
import GRDB

/// An API key (`X-API-Key`) or a bearer token: the same shape, kept in two tables because
/// clients and dialects treat them differently and a key must never pass as a token.
public struct AccessKey: Codable, Sendable, FetchableRecord {
    public enum Kind: String, Sendable, CaseIterable {
        case apiKey = "api_keys"
        case token = "tokens"

        var hashColumn: String { self == .apiKey ? "key_hash" : "token_hash" }
        /// Every column but the hash: what `AccessKey` decodes.
        var select: String {
            "SELECT id, user_id, name, prefix, created_at, expires_at, last_used_at, revoked_at FROM \(rawValue)"
        }
        /// What a new secret starts with, so a leaked one is recognisable in logs and scanners.
        var secretPrefix: String { self == .apiKey ? "alb_k_" : "alb_t_" }
    }

    public var id: Int64
    public var userId: Int64
    public var name: String
    /// The first characters of the secret, for lists ("alb_k_3fA…").
    public var prefix: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}
