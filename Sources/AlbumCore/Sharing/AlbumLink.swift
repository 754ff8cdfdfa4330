import Foundation
import GRDB

/// A link to an album that anyone holding its URL may open (table `album_links`).
public struct AlbumLink: Sendable, Equatable {
    public let id: Int64
    public let albumId: Int64
    public let ownerId: Int64
    /// The unguessable part of `/s/{secret}`.
    public let secret: String
    /// argon2id; nil when the link opens without a password.
    public let passwordHash: String?
    public let expiresAt: Date?
    /// The link stops working after this many opens; nil for no limit.
    public let viewLimit: Int?
    public let views: Int
    /// Visitors may download the originals (clean copies).
    public let downloads: Bool
    public let createdAt: Date

    public var hasPassword: Bool { passwordHash != nil }

    /// Neither past its end nor out of views.
    public func isOpen(at now: Date) -> Bool {
        (expiresAt.map { $0 > now } ?? true) && (viewLimit.map { views < $0 } ?? true)
    }

    static let columns = """
        album_links.id, album_links.album_id, album_links.owner_id, album_links.secret, album_links.password_hash,
        album_links.expires_at, album_links.view_limit, album_links.views, album_links.downloads, album_links.created_at
        """

    init(row: Row) throws {
        id = row[0]
        albumId = row[1]
        ownerId = row[2]
        secret = row[3]
        passwordHash = row[4]
        expiresAt = try row.optionalDate(5)
        viewLimit = row[6]
        views = row[7]
        downloads = row[8]
        createdAt = try row.date(9)
    }
}
