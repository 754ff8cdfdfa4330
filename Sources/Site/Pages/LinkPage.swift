import AlbumCore
import Foundation
import HTTP

/// `/s/{secret}`: an album for anyone holding its link, no account needed. A link with a
/// password first asks for it (a small form); the right one leaves a grant cookie for this
/// link's path (`AlbumLinks.grant`), a wrong one is counted per link and per address
/// (`Services.linkThrottle`). Each page shown is one open of the link's view limit. A wrong,
/// turned-off, regenerated, expired or used-up link, and a wrong password, all answer the same
/// 404 page as a path that never existed.
enum LinkPage {
    static let grantCookie = "albumen_link"

    struct PasswordModel: Encodable {
        let action: String
        let openGraph: VisitModel.OpenGraph
    }

    /// The one answer of every refusal: exactly what a missing page answers.
    static let missing = HTTPError(.notFound, "There is no page here.")

    static func show(_ context: Context) throws -> Response {
        let services = context.services
        guard let (link, album) = try services.albumLinks.find(secret: context.parameters["secret"] ?? "") else {
            throw missing
        }
        let path = Page.albumLink(secret: link.secret).path
        let url = services.links.baseURL + path
        guard services.albumLinks.isGranted(context.request.cookies[grantCookie], for: link) else {
            // The preview of a protected link names nothing: no album name, no picture.
            let preview = VisitModel.OpenGraph(
                title: "A shared album", description: "Protected by a password.", image: nil, url: url)
            return try context.views.page(
                "pages/link-password", Layout(context, title: "A shared album"),
                PasswordModel(action: path, openGraph: preview))
        }
        guard let opened = try services.albumLinks.open(link) else { throw missing }
        let entries = try services.library.media(
            ownerId: album.ownerId, in: .album(album.id), limit: VisitModel.limit)
        var options = VisitorTiles.Options(policy: Links.visitorPolicy(until: opened.expiresAt))
        options.downloads = opened.downloads
        var model = VisitModel.album(album, entries, services, options)
        let owner = try services.accounts.user(id: album.ownerId)?.username ?? ""
        model.byline = "Shared by \(owner)"
        let cover = entries.first { $0.item.id == album.coverMediaId } ?? entries.first
        model.openGraph = VisitModel.OpenGraph(
            title: album.displayName, description: "\(model.count ?? "") shared by \(owner)",
            image: link.hasPassword
                ? nil : cover.map { services.links.baseURL + services.links.visitorPath($0, .thumb, options.policy) },
            url: url)
        var response = try model.render(context, title: album.displayName)
        // Never kept by a browser or proxy: each showing counts, and the URLs in it expire.
        response.headers.add("Cache-Control", "no-store")
        response.headers.add("Referrer-Policy", "no-referrer")
        return response
    }

    /// `POST /s/{secret}` with `password`.
    static func unlock(_ context: Context) throws -> Response {
        let services = context.services
        guard let (link, _) = try services.albumLinks.find(secret: context.parameters["secret"] ?? "") else {
            throw missing
        }
        let address = context.request.remoteAddress
        let key = "link \(link.id)"
        let throttle = services.linkThrottle
        let now = services.clock.now()
        if case .wait(let seconds) = throttle.check(username: key, address: address, device: nil, now: now) {
            throw RateLimited(retryAfter: seconds, reason: .wrongPasswords)
        }
        guard services.albumLinks.verify(try context.form()["password"] ?? "", for: link) else {
            throttle.recordFailure(username: key, address: address, device: nil, now: now)
            throw missing
        }
        throttle.recordSuccess(username: key, address: address)
        let path = Page.albumLink(secret: link.secret).path
        var response = Response.redirect(to: path)
        var cookie = SetCookie(
            name: grantCookie, value: services.albumLinks.grant(for: link), maxAge: Int(AlbumLinks.grantLifetime),
            secure: context.secureCookies)
        cookie.path = path
        response.setCookie(cookie)
        return response
    }
}
