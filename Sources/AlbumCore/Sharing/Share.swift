import Foundation
import GRDB

/// An album shared with one recipient (table `shares`).
public struct Share: Sendable, Equatable {
    public let id: Int64
    public let albumId: Int64
    public let ownerId: Int64
    public let recipientId: Int64
    public let expiration: ShareExpiration
    /// The recipient's first view of the album: when the clock of a timed share started.
    public let firstViewedAt: Date?
    /// When the album stops being viewable; nil before the first view and for ever-shares.
    public let expiresAt: Date?
    /// The recipient has looked (or marked it read) since it was shared.
    public let seenAt: Date?
    public let createdAt: Date

    public func isViewable(at now: Date) -> Bool { expiresAt.map { $0 > now } ?? true }

    /// What every share query selects, in `init(row:)`'s order.
    static let columns = """
        shares.id, shares.album_id, shares.owner_id, shares.recipient_id, shares.expiration_type,
        shares.first_viewed_at, shares.expires_at, shares.seen_at, shares.created_at
        """

    init(row: Row) throws {
        id = row[0]
        albumId = row[1]
        ownerId = row[2]
        recipientId = row[3]
        guard let expiration = ShareExpiration(rawValue: row[4]) else {
            throw DatabaseError(message: "unknown expiration type \(String(describing: row[4] as String?))")
        }
        self.expiration = expiration
        firstViewedAt = try row.optionalDate(5)
        expiresAt = try row.optionalDate(6)
        seenAt = try row.optionalDate(7)
        createdAt = try row.date(8)
    }
}
