import Foundation
import GRDB

/// Links to albums for people without an account (`/s/{secret}`): off until the owner turns
/// one on, then one per album, with an optional password (argon2id), an end, a view limit and
/// whether the originals may be downloaded. Regenerating gives a new secret and the old URL
/// stops at once. Time comes from the services' clock.
public struct AlbumLinks: Sendable {
    let database: AppDatabase
    let clock: Clock
    /// Signs the grants of visitors who gave a link's password.
    private let grants: MessageTag
    /// How long a visitor who gave the password may come back without giving it again.
    public static let grantLifetime: TimeInterval = 30 * 60

    /// - Parameter secret: the server's secret (grants outlive restarts).
    public init(database: AppDatabase, clock: Clock, secret: String) {
        self.database = database
        self.clock = clock
        grants = MessageTag(key: "albumen-link-grant-v1:\(secret)")
    }

    /// What the owner sets on a link.
    public struct Options: Sendable, Equatable {
        public enum Password: Sendable, Equatable {
            case keep
            case remove
            case set(String)
        }

        public var password: Password = .keep
        public var expiresAt: Date?
        public var viewLimit: Int?
        public var downloads = false

        public init(password: Password = .keep, expiresAt: Date? = nil, viewLimit: Int? = nil, downloads: Bool = false)
        {
            self.password = password
            self.expiresAt = expiresAt
            self.viewLimit = viewLimit
            self.downloads = downloads
        }
    }

    /// The link of `ownerId`'s album, if it is on (open or not).
    public func link(albumId: Int64, ownerId: Int64) throws -> AlbumLink? {
        try database.read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT \(AlbumLink.columns) FROM album_links WHERE album_id = ? AND owner_id = ?"),
                arguments: [albumId, ownerId]
            ).map(AlbumLink.init(row:))
        }
    }

    /// Turns the album's link on (a link already on stays as it is).
    @discardableResult
    public func enable(albumId: Int64, ownerId: Int64) throws -> AlbumLink {
        let now = clock.now()
        try database.write { db in
            guard try Library.owns(albumId: albumId, ownerId: ownerId, db) else { throw LibraryError.albumNotFound }
            try db.execute(
                sql: """
                    INSERT INTO album_links (album_id, owner_id, secret, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (album_id) DO NOTHING
                    """, arguments: [albumId, ownerId, Self.newSecret(), now])
        }
        return try link(albumId: albumId, ownerId: ownerId)!
    }

    /// Turns the link off: its URL answers as missing from now on.
    public func disable(albumId: Int64, ownerId: Int64) throws {
        try database.write { db in
            guard try Library.owns(albumId: albumId, ownerId: ownerId, db) else { throw LibraryError.albumNotFound }
            try db.execute(sql: "DELETE FROM album_links WHERE album_id = ?", arguments: [albumId])
        }
    }

    /// A new secret for the link (its views counted from 0 again); the old URL stops at once.
    @discardableResult
    public func regenerate(albumId: Int64, ownerId: Int64) throws -> AlbumLink {
        try database.write { db in
            try db.execute(
                sql: "UPDATE album_links SET secret = ?, views = 0 WHERE album_id = ? AND owner_id = ?",
                arguments: [Self.newSecret(), albumId, ownerId])
            guard db.changesCount == 1 else { throw LibraryError.albumNotFound }
        }
        return try link(albumId: albumId, ownerId: ownerId)!
    }

    /// Sets the link's password, end, view limit and downloads. Refused: a password shorter
    /// than 4 characters, a view limit below 1, an end in the past.
    public func update(albumId: Int64, ownerId: Int64, _ options: Options) throws {
        let now = clock.now()
        if let limit = options.viewLimit, limit < 1 {
            throw LibraryError.badInput(field: "views", reason: "A view limit is at least 1.")
        }
        if let end = options.expiresAt, end <= now {
            throw LibraryError.badInput(field: "expires", reason: "Choose an end in the future.")
        }
        var hash: String??
        switch options.password {
        case .keep: hash = nil
        case .remove: hash = .some(nil)
        case .set(let password):
            guard password.count >= 4, password.utf8.count <= 1024 else {
                throw LibraryError.badInput(field: "password", reason: "A link password has 4 to 1024 characters.")
            }
            hash = .some(try PasswordHasher.hash(password))
        }
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE album_links SET expires_at = ?, view_limit = ?, downloads = ?,
                        password_hash = CASE WHEN ? THEN ? ELSE password_hash END
                    WHERE album_id = ? AND owner_id = ?
                    """,
                arguments: [
                    options.expiresAt, options.viewLimit, options.downloads, hash != nil, hash ?? nil, albumId, ownerId,
                ])
            guard db.changesCount == 1 else { throw LibraryError.albumNotFound }
        }
    }

    /// The open link with this secret and its album; nil for a wrong, expired, used-up or
    /// turned-off link and for an owner who may no longer sign in, alike.
    public func find(secret: String) throws -> (link: AlbumLink, album: Album)? {
        guard Self.isWellFormed(secret) else { return nil }
        let now = clock.now()
        return try database.read { db -> (link: AlbumLink, album: Album)? in
            guard
                let link = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT \(AlbumLink.columns) FROM album_links
                        JOIN users ON users.id = album_links.owner_id AND users.disabled = 0
                        WHERE album_links.secret = ?
                        """, arguments: [secret]
                ).map(AlbumLink.init(row:)),
                Secrets.constantTimeEquals(link.secret, secret), link.isOpen(at: now),
                let album = try Album.fetchOne(db, sql: "SELECT * FROM albums WHERE id = ?", arguments: [link.albumId])
            else { return nil }
            return (link, album)
        }
    }

    /// Counts one open of the link; nil (nothing counted) when it is no longer open — the
    /// last of a view limit went to someone else a moment ago, or the end has passed.
    public func open(_ link: AlbumLink) throws -> AlbumLink? {
        let now = clock.now()
        return try database.write { db in
            try db.execute(
                sql: """
                    UPDATE album_links SET views = views + 1
                    WHERE id = ? AND secret = ? AND (view_limit IS NULL OR views < view_limit)
                    AND (expires_at IS NULL OR expires_at > ?)
                    """, arguments: [link.id, link.secret, now])
            guard db.changesCount == 1 else { return nil }
            return try Row.fetchOne(
                db, sql: "SELECT \(AlbumLink.columns) FROM album_links WHERE id = ?", arguments: [link.id]
            ).map(AlbumLink.init(row:))
        }
    }

    /// Checks a visitor's password against the link's hash (argon2id: slow on purpose; callers
    /// throttle first).
    public func verify(_ password: String, for link: AlbumLink) -> Bool {
        guard let hash = link.passwordHash else { return true }
        return PasswordHasher.verify(password, against: hash)
    }

    /// A visitor's proof, kept in a cookie, that they gave `link`'s password: until
    /// `grantLifetime` from now, and only while the link keeps its secret and its password.
    public func grant(for link: AlbumLink) -> String {
        let until = Int(clock.now().addingTimeInterval(Self.grantLifetime).timeIntervalSince1970)
        return "\(until).\(grants.tag(Self.grantMessage(link, until: until)))"
    }

    public func isGranted(_ token: String?, for link: AlbumLink) -> Bool {
        guard !link.hasPassword else {
            guard let token, token.utf8.count < 128, let dot = token.firstIndex(of: "."),
                let until = Int(token[..<dot]), Double(until) > clock.now().timeIntervalSince1970
            else { return false }
            return grants.verify(String(token[token.index(after: dot)...]), of: Self.grantMessage(link, until: until))
        }
        return true
    }

    private static func grantMessage(_ link: AlbumLink, until: Int) -> String {
        "\(link.id)\n\(link.secret)\n\(link.passwordHash ?? "")\n\(until)"
    }

    /// 24 random bytes, base64url: 32 characters, 192 bits.
    static func newSecret() -> String { Secrets.random(bytes: 24) }

    static func isWellFormed(_ secret: String) -> Bool {
        secret.utf8.count == 32
            && secret.utf8.allSatisfy {
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95
            }
    }
}
