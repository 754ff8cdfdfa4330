import AlbumCore
import Foundation
import HTTP

/// The album page's "Link and public page" panel (owner only): turn the album's link on or
/// off, set its password, end, view limit and downloads, regenerate it; make the album public
/// on the owner's `/u/{username}` page. Plain forms.
enum LinkPanel {
    struct Model: Encodable {
        let on: Bool
        let url: String?
        let hasPassword: Bool
        let expires: String
        let views: String
        let used: String?
        let state: String?
        let downloads: Bool
        let action: String
        let isPublic: Bool
        let profile: String
        let publicAction: String
    }

    /// The panel of `album` now, and the moment its words change with time alone (the link's
    /// end, when it is still ahead).
    static func model(_ album: Album, code: String, owner: User, _ context: Context) throws -> (
        model: Model, changes: Date?
    ) {
        let services = context.services
        let link = try services.albumLinks.link(albumId: album.id, ownerId: album.ownerId)
        let now = services.clock.now()
        let model = Model(
            on: link != nil, url: link.map { services.links.baseURL + Page.albumLink(secret: $0.secret).path },
            // Stored as the end of the chosen day: shown as that day again, so saving the form
            // unchanged keeps it.
            hasPassword: link?.hasPassword ?? false,
            expires: link?.expiresAt.map { Timestamp.day($0.addingTimeInterval(-1)) } ?? "",
            views: link?.viewLimit.map(String.init) ?? "",
            used: link.map { link in
                if let limit = link.viewLimit { return "Opened \(link.views) of \(limit) times." }
                return link.views == 0
                    ? "Not opened yet." : link.views == 1 ? "Opened once." : "Opened \(link.views) times."
            },
            state: link.flatMap { link in
                if let end = link.expiresAt, end <= now { return "This link has expired: it answers as missing." }
                if let limit = link.viewLimit, link.views >= limit {
                    return "This link is used up: it answers as missing."
                }
                return nil
            },
            downloads: link?.downloads ?? false,
            action: Page.albumAction(code: code, action: "link").path,
            isPublic: album.visibility == .public,
            profile: services.links.baseURL + Page.profile(username: owner.username).path,
            publicAction: Page.albumAction(code: code, action: "public").path)
        return (model, link?.expiresAt.flatMap { $0 > now ? $0 : nil })
    }

    /// `POST /album/{code}/link`: `do` is `on`, `off`, `regenerate` or `save` (with
    /// `password`, `remove-password`, `expires` (a date, the link works through it, UTC; or a
    /// date and time), `views` and `downloads`).
    static func submit(_ album: Album, _ context: Context) throws -> String {
        let links = context.services.albumLinks
        let form = try context.form()
        switch form["do"] {
        case "on":
            try links.enable(albumId: album.id, ownerId: album.ownerId)
            return "The link is on: anyone who has it can open this album."
        case "off":
            try links.disable(albumId: album.id, ownerId: album.ownerId)
            return "The link is off: its address answers as missing."
        case "regenerate":
            try links.regenerate(albumId: album.id, ownerId: album.ownerId)
            return "A new link: the old address stopped working."
        case "save":
            var options = AlbumLinks.Options()
            if let password = form["password"], !password.isEmpty {
                options.password = .set(password)
            } else if form["remove-password"] != nil {
                options.password = .remove
            }
            let expires = (form["expires"] ?? "").trimmingCharacters(in: .whitespaces)
            if !expires.isEmpty {
                guard let end = endDate(expires) else {
                    throw LibraryError.badInput(field: "expires", reason: "Give the end as a date, like 2027-01-31.")
                }
                options.expiresAt = end
            }
            let views = (form["views"] ?? "").trimmingCharacters(in: .whitespaces)
            if !views.isEmpty {
                guard let limit = Int(views) else {
                    throw LibraryError.badInput(field: "views", reason: "A view limit is a whole number.")
                }
                options.viewLimit = limit
            }
            options.downloads = form["downloads"] != nil
            try links.update(albumId: album.id, ownerId: album.ownerId, options)
            return "The link's settings are saved."
        default:
            throw HTTPError(.badRequest, "Choose what to do with the link.")
        }
    }

    /// `2027-01-31`: the end of that day (UTC); `2027-01-31T18:30`: that minute (UTC).
    static func endDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for (format, extra) in [("yyyy-MM-dd", 86400.0), ("yyyy-MM-dd'T'HH:mm", 0), ("yyyy-MM-dd'T'HH:mm:ss", 0)] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date.addingTimeInterval(extra) }
        }
        return nil
    }

    /// `POST /album/{code}/public` with `public` = `1` or `0`.
    static func setPublic(_ album: Album, _ context: Context) throws -> String {
        let isPublic = try context.form()["public"] == "1"
        try context.services.library.setPublic(albumId: album.id, ownerId: album.ownerId, isPublic)
        return isPublic ? "This album is public now." : "This album is private now."
    }
}
