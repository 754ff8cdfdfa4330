import AlbumCore
import HTTP

/// `/admin/users` and `/admin/groups`, for administrators only (credential `admin-session`):
/// create users, set their role, plan and whether they may sign in; groups with a manager and
/// members. Every change is a plain form that comes back to the list.
enum AdminPages {
    static func users(_ context: Context) throws -> Response {
        let plans = try context.services.accounts.plans()
        let users = try context.services.accounts.users().map { overview in
            let user = overview.user
            return UsersModel.Row(
                id: user.id ?? 0, username: user.username, isAdmin: user.isAdmin, disabled: user.disabled,
                media: overview.mediaCount, bytes: Display.bytes(overview.bytes), since: Timestamp.day(user.createdAt),
                action: Page.adminUsers.path + "/\(user.id ?? 0)",
                plans: [UsersModel.Choice(id: "", name: "Default", selected: user.planId == nil)]
                    + plans.map { UsersModel.Choice(id: "\($0.id)", name: $0.name, selected: $0.id == user.planId) })
        }
        return try context.views.page(
            "pages/admin-users", Layout(context, title: "Users"), UsersModel(users: users, action: Page.adminUsers.path)
        )
    }

    /// The admin forms go back to their page saying what they did, or why not (a username
    /// taken, a bad password, an unknown member), inline (`Notice`).
    static func createUser(_ context: Context) throws -> Response {
        let form = try context.form()
        let username = form["username"] ?? ""
        return try Notice.redirect(context, to: Page.adminUsers.path) {
            try context.services.accounts.createUser(
                username: username, password: form["password"] ?? "", role: form["role"] == "admin" ? .admin : .user)
            return "Added \(username)."
        }
    }

    static func updateUser(_ context: Context) throws -> Response {
        guard let id = Int64(context.parameters["id"] ?? "") else { throw AccountError.userNotFound }
        let form = try context.form()
        return try Notice.redirect(context, to: Page.adminUsers.path) {
            try context.services.accounts.updateUser(
                id: id, role: form["role"] == "admin" ? .admin : .user, planId: Int64(form["plan"] ?? ""),
                disabled: form["disabled"] != nil)
            return "Saved."
        }
    }

    static func groups(_ context: Context) throws -> Response {
        let model = GroupsModel(
            groups: try context.services.accounts.groups().map { group in
                GroupsModel.Row(
                    id: group.id, name: group.name, manager: group.manager ?? "(none)",
                    members: group.members.map { ["username": $0] },
                    action: Page.adminGroups.path + "/\(group.id)/members")
            },
            usernames: try context.services.accounts.users().map { ["username": $0.user.username] },
            action: Page.adminGroups.path)
        return try context.views.page("pages/admin-groups", Layout(context, title: "Groups"), model)
    }

    static func createGroup(_ context: Context) throws -> Response {
        let form = try context.form()
        let name = form["name"] ?? ""
        return try Notice.redirect(context, to: Page.adminGroups.path) {
            try formMistake { try context.services.accounts.createGroup(name: name, manager: form["manager"] ?? "") }
            return "Made the group \(name)."
        }
    }

    /// Adds the member named `username`, or with `remove`, takes them out.
    static func membership(_ context: Context) throws -> Response {
        guard let id = Int64(context.parameters["id"] ?? "") else { throw AccountError.groupNotFound }
        let form = try context.form()
        let username = form["remove"] ?? form["username"] ?? ""
        let remove = form["remove"] != nil
        return try Notice.redirect(context, to: Page.adminGroups.path) {
            try formMistake {
                try context.services.accounts.setMembership(groupId: id, username: username, remove: remove)
            }
            return remove ? "Took \(username) out of the group." : "Added \(username) to the group."
        }
    }

    /// A user named in a form who does not exist is the form's mistake (400, said on the page),
    /// not a missing page.
    private static func formMistake(_ action: () throws -> Void) throws {
        do {
            try action()
        } catch AccountError.userNotFound {
            throw HTTPError(.badRequest, "There is no user of that name.")
        }
    }

    struct UsersModel: Encodable {
        struct Row: Encodable {
            let id: Int64
            let username: String
            let isAdmin: Bool
            let disabled: Bool
            let media: Int
            let bytes: String
            let since: String
            let action: String
            let plans: [Choice]
        }

        /// An option of the plan menu.
        struct Choice: Encodable {
            let id: String
            let name: String
            let selected: Bool
        }

        let users: [Row]
        let action: String
    }

    struct GroupsModel: Encodable {
        struct Row: Encodable {
            let id: Int64
            let name: String
            let manager: String
            let members: [[String: String]]
            let action: String
        }

        let groups: [Row]
        let usernames: [[String: String]]
        let action: String
    }
}
