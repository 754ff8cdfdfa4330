import Foundation
import GRDB

/// Who may see which media: the one policy that pages, dialects and listings ask, written once
/// as SQL conditions on `media` that every query reaching media for someone other than its
/// owner includes. Today: the owner sees their own; anyone holding a viewer code or a permanent
/// link sees `link` and `public` items; nobody sees an expired item or one whose owner's
/// account is disabled; an album opens for its owner and for the people it is shared with until
/// their share runs out (`albums(visibleTo:)`; each item's remaining views are the share's,
/// `Sharing`). Seed 001 adds standings between people (`Standing`): a group manager acts for
/// their members, a subscriber sees an owner's private gallery (`listedAlbums`). Album admins
/// join here as their dialect lands.
public enum Access {
    /// Who is asking.
    public enum Viewer: Sendable, Equatable {
        case anonymous
        case user(Int64)

        var userId: Int64? {
            if case .user(let id) = self { return id }
            return nil
        }
    }

    /// A SQL condition on `media` with its arguments.
    public struct Condition: Sendable {
        public let sql: String
        public let arguments: StatementArguments
    }

    /// Items `viewer` may open by their viewer code: their own, or anyone's `link` and `public`
    /// items, while live.
    public static func mediaByCode(visibleTo viewer: Viewer, now: Date = Date()) -> Condition {
        Condition(
            sql: "\(live) AND (media.visibility != 'private' OR media.owner_id = ?)",
            arguments: [now.stored, viewer.userId])
    }

    /// Items a permanent link (`/i/…`) may serve: `link` and `public` ones, while live. Private
    /// items are reached by signed URLs only (DESIGN §3).
    public static func mediaByLink(now: Date = Date()) -> Condition {
        Condition(sql: "\(live) AND media.visibility IN ('link', 'public')", arguments: [now.stored])
    }

    /// Albums `viewer` may open: their own, or one shared with them whose share has not run out
    /// (before its first view it has not started), while the owner's account is live.
    public static func albums(visibleTo viewer: Viewer, now: Date = Date()) -> Condition {
        Condition(
            sql: """
                (albums.owner_id = ? OR EXISTS (SELECT 1 FROM shares WHERE shares.album_id = albums.id \
                AND shares.recipient_id = ? AND (shares.expires_at IS NULL OR shares.expires_at > ?))) \
                AND EXISTS (SELECT 1 FROM users WHERE users.id = albums.owner_id AND users.disabled = 0)
                """,
            arguments: [viewer.userId, viewer.userId, now.stored])
    }

    /// How one person stands towards another's pictures (seed 001).
    public enum Standing: Sendable, Hashable {
        case owner
        /// Manages a group the owner belongs to.
        case manager
        /// Subscribes to the owner's private gallery.
        case subscriber
        case stranger

        /// Sees the owner's private albums and their covers.
        public var seesPrivateGallery: Bool { self != .stranger }
    }

    static func standing(of viewerId: Int64, toward ownerId: Int64, _ db: Database) throws -> Standing {
        if viewerId == ownerId { return .owner }
        // Both questions in one statement: it runs on every request about another's pictures.
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(Galleries.managesSQL),
                    EXISTS (SELECT 1 FROM subscriptions WHERE subscriber_id = ?1 AND owner_id = ?2)
                """)
        guard let row = try Row.fetchOne(statement, arguments: [viewerId, ownerId]) else { return .stranger }
        if row[0] as Bool { return .manager }
        return row[1] as Bool ? .subscriber : .stranger
    }

    /// One owner's albums as seed 001 lists them to `viewerId`: the owner and their group
    /// manager see all; a subscriber the private and public ones; anyone else the public ones
    /// and those shared with them while the share runs. `link` albums are never listed to
    /// others (DESIGN §3). `showsCover` (a condition for the select list) says whether the
    /// cover's URL is given: to everyone who sees the album except a stranger looking at a
    /// public one.
    public static func listedAlbums(viewerId: Int64, standing: Standing, now: Date) -> (
        listed: Condition, showsCover: Condition
    ) {
        let shared = Condition(
            sql: """
                EXISTS (SELECT 1 FROM shares WHERE shares.album_id = albums.id AND shares.recipient_id = ? \
                AND (shares.expires_at IS NULL OR shares.expires_at > ?))
                """, arguments: [viewerId, now.stored])
        let always = Condition(sql: "1", arguments: [])
        switch standing {
        case .owner, .manager: return (always, always)
        case .subscriber:
            return (
                Condition(sql: "(albums.visibility != 'link' OR \(shared.sql))", arguments: shared.arguments), always
            )
        case .stranger:
            return (
                Condition(sql: "(albums.visibility = 'public' OR \(shared.sql))", arguments: shared.arguments), shared
            )
        }
    }

    /// Not expired, not in the trash, and the owner's account not disabled (it takes its links
    /// and pages offline with it). One argument: now.
    private static let live = """
        (media.expires_at IS NULL OR media.expires_at > ?) AND media.trashed_at IS NULL \
        AND EXISTS (SELECT 1 FROM users WHERE users.id = media.owner_id AND users.disabled = 0)
        """
}
