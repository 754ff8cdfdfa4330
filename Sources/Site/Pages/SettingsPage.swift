import AlbumCore
import Foundation
import HTTP

/// `/settings`: the account (name, role, since when), a password change, and the plan's
/// limits beside what the user stores now.
enum SettingsPage {
    static func show(_ context: Context, _ user: User) throws -> Response {
        try page(context, user, message: nil, error: nil, status: .ok)
    }

    /// `POST /settings/password`: current password, new one twice. Other sessions end.
    static func changePassword(_ context: Context, _ user: User) throws -> Response {
        let form = try context.form()
        let new = form["new"] ?? ""
        guard new == form["confirm"] else {
            return try page(context, user, message: nil, error: "The two new passwords differ.", status: .badRequest)
        }
        do {
            try context.services.accounts.changePassword(
                userId: user.id ?? 0, current: form["current"] ?? "", new: new, keepSessionId: context.session?.id)
        } catch let error as AccountError {
            let problem = Problem.from(error, logger: context.services.logger, requestId: context.request.id)
            let words = error == .invalidCredentials ? "The current password is wrong." : problem.message
            return try page(context, user, message: nil, error: words, status: .badRequest)
        }
        return try page(
            context, user, message: "Your password is changed; your other sessions are signed out.", error: nil,
            status: .ok)
    }

    private static func page(_ context: Context, _ user: User, message: String?, error: String?, status: Status)
        throws -> Response
    {
        let library = context.services.library
        let use = try library.usage(ownerId: user.id ?? 0)
        let plan = try library.plan(for: user.id ?? 0)
        func limit(_ value: Int?, _ show: (Int) -> String = { "\($0)" }) -> String { value.map(show) ?? "no limit" }
        func seconds(_ value: Double?) -> String { value.map { Display.clock(Int($0)) } ?? "no limit" }
        typealias Row = Model.Row
        let model = Model(
            account: [
                "username": user.username, "role": user.isAdmin ? "Administrator" : "User",
                "since": Timestamp.day(user.createdAt),
            ],
            rows: [
                Row(what: "Albums", use: "\(use.albums)", limit: limit(plan.maxAlbums)),
                Row(what: "Photos and videos", use: "\(use.media)", limit: "no limit"),
                Row(what: "Stored", use: Display.bytes(use.bytes), limit: "no limit"),
                Row(what: "Largest file", use: "", limit: limit(plan.maxFileBytes, Display.limit)),
                Row(what: "Items per album", use: "", limit: limit(plan.maxItemsPerAlbum)),
                Row(what: "Videos per album", use: "\(use.videos) videos in all", limit: limit(plan.maxVideosPerAlbum)),
                Row(
                    what: "Video length", use: "",
                    limit: plan.minVideoSeconds == nil && plan.maxVideoSeconds == nil
                        ? "no limit" : "\(seconds(plan.minVideoSeconds ?? 0)) to \(seconds(plan.maxVideoSeconds))"),
                Row(
                    what: "File types", use: "",
                    limit: plan.allowedTypes.map { $0.sorted().joined(separator: ", ") } ?? "every accepted type"),
            ],
            unlimited: user.isAdmin, message: message, error: error,
            actions: [
                "password": Page.settingsPassword.path, "api": Page.settingsAPI.path,
                "gallery": Page.settingsGallery.path,
            ])
        return try context.views.page("pages/settings", Layout(context, title: "Settings"), model, status: status)
    }

    struct Model: Encodable {
        struct Row: Encodable {
            let what: String
            let use: String
            let limit: String
        }

        let account: [String: String]
        let rows: [Row]
        let unlimited: Bool
        let message: String?
        let error: String?
        let actions: [String: String]
    }
}
