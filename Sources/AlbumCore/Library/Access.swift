import Foundation
import GRDB

/// Who may see which media: the one policy that pages, dialects and listings ask, written once
/// as SQL conditions on `media` that every query reaching media for someone other than its
/// owner includes. Today: the owner sees their own; anyone holding a viewer code or a permanent
/// link sees `link` and `public` items; nobody sees an expired item or one whose owner's
/// account is disabled; an album opens for its owner and for the people it is shared with until
/// their share runs out (`albums(visibleTo:)`; each item's remaining views are the share's,
/// `Sharing`). Album admins, group managers and subscribers join here as their dialects land.
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
            arguments: [now, viewer.userId])
    }

    /// Items a permanent link (`/i/…`) may serve: `link` and `public` ones, while live. Private
    /// items are reached by signed URLs only (DESIGN §3).
    public static func mediaByLink(now: Date = Date()) -> Condition {
        Condition(sql: "\(live) AND media.visibility IN ('link', 'public')", arguments: [now])
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
            arguments: [viewer.userId, viewer.userId, now])
    }

    /// Not expired, not in the trash, and the owner's account not disabled (it takes its links
    /// and pages offline with it). One argument: now.
    private static let live = """
        (media.expires_at IS NULL OR media.expires_at > ?) AND media.trashed_at IS NULL \
        AND EXISTS (SELECT 1 FROM users WHERE users.id = media.owner_id AND users.disabled = 0)
        """
}
