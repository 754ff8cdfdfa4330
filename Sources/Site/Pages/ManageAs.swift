import AlbumCore
import HTTP

/// "Manage as …" (seed 001's group manager in the browser): a manager picks one of their
/// group's members and every page and upload of that session then acts for the member, with a
/// banner saying so, until they stop. Their own settings, keys and the administration stay
/// theirs (credential `own-session`).
enum ManageAs {
    /// `POST /manage-as` `member=<id>` starts, `member=` (empty) stops; back to the library.
    static func switchTo(_ context: Context, _ user: User) throws -> Response {
        guard let session = context.session?.id else { throw AuthFailure.missing }
        let member = try context.form()["member"].flatMap { Int64($0) }
        return try Notice.redirect(context, to: Page.library.path) {
            try context.services.accounts.act(sessionId: session, for: member)
            guard let member, let name = try context.services.galleries.liveUser(id: member)?.username else {
                return "You are back in your own library."
            }
            return "You are managing \(name)'s library. Everything you do here is theirs until you stop."
        }
    }

    /// The switch on a manager's library page: their members, each a button.
    struct Switch: Encodable {
        struct Member: Encodable {
            let id: Int64
            let username: String
        }

        let action: String
        let members: [Member]

        /// Nil for someone who manages nobody (or is acting for someone already).
        static func of(_ context: Context, _ user: User) throws -> Switch? {
            guard context.manager == nil else { return nil }
            let members = try context.services.galleries.members(managedBy: user.id ?? 0)
            guard !members.isEmpty else { return nil }
            return Switch(
                action: Page.manageAs.path, members: members.map { Member(id: $0.id ?? 0, username: $0.username) })
        }
    }
}
