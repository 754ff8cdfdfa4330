import AlbumCore
import Foundation
import HTTP

/// `/album/{slug}.{code}`: one of the user's albums. Everything on it works as plain forms
/// (rename, pick items and move, delete or make one the cover, move an item up or down,
/// delete the album); `gallery.js` adds the lightbox and drag-and-drop ordering on top.
enum AlbumPage {
    static let pageSize = 200

    /// The page is kept whole (`Kept.page`) while everything it shows is as it was: the owner's
    /// rows (album, items, shares, link, labels, their and their recipients' names: every change
    /// moves the library version), the signed URLs' expiry and the words that change with time
    /// (a share's minutes left, the link's end). Drawn each time: a label filter's grid, a page
    /// showing what the last form did, a manager acting for a member.
    static func show(_ context: Context, _ user: User) throws -> Response {
        let said = context.services.flash.take(session: context.sessionSecret)
        let code = String((context.parameters["name"] ?? "").split(separator: ".").last ?? "")
        let request = context.request
        guard said == nil, context.manager == nil, let token = context.session?.csrfToken,
            context.query["label"] == nil, context.query["restricted"] == nil,
            let id = context.links.albumCodes.decode(code)
        else {
            let csrf = context.session.map { Slot(CSRFMask.mask($0.csrfToken)) }
            return try draw(context, user, code: code, layout: { Layout(context, title: $0, said: said, csrf: csrf) })
                .response
        }
        return try context.services.kept.page(
            KeptAnswer.Key(
                kind: .albumPage(path: request.rawPath, query: request.queryString), subject: id, viewer: user.id ?? 0),
            owner: { user.id }, token: token
        ) {
            try draw(context, user, code: code) { Layout(context, title: $0, said: nil, csrf: Layout.keptCSRF) }
        }
    }

    /// The page (or the redirect to its canonical path), the policy its URLs are signed under,
    /// and when its words next change with time alone.
    private static func draw(
        _ context: Context, _ user: User, code: String, layout: (_ title: String) -> Layout
    ) throws -> (response: Response, policy: MediaSigner.Policy, until: Date?) {
        let album = try ownAlbum(code: code, user, context)
        let services = context.services
        let links = context.links
        let canonical = links.albumPage(album).path
        let policy = services.links.signer.standard
        guard context.request.rawPath == canonical else {
            return (.redirect(to: canonical, status: .found), policy, nil)
        }

        let ownerId = album.ownerId
        let total = try services.library.mediaCount(ownerId: ownerId, in: .album(album.id))
        let pager = Pager(page: context.query["page"], total: total, size: pageSize)
        // A label filter (seed 002's labels) narrows the grid to the items carrying it.
        let (labels, label, restricted) = try LabelFilter.read(
            context, albumId: album.id, base: canonical, showsRestricted: true)
        // The tiles are kept while the owner's library and the URLs' expiry stay as they were:
        // reading and decoding 100 rows was a fifth of the page's time.
        let tiles =
            label != nil || restricted != nil
            ? MediaTiles.html(
                try services.library.albumMedia(
                    albumId: album.id, label: label, restrictedLabel: restricted, limit: pageSize), services,
                tools: .album)
            : try services.kept.answer(
                KeptAnswer.Key(kind: .albumTiles(page: pager.page), subject: album.id, viewer: ownerId),
                owner: { ownerId }
            ) {
                let entries = try services.library.media(
                    ownerId: ownerId, in: .album(album.id), limit: pageSize, offset: pager.offset)
                return (Response(body: MediaTiles.html(entries, services, tools: .album)), policy, nil)
            }.body
        let code = links.albumCode(album.id)
        let sharing = try SharePanel.model(album, code: code, context)
        let linking = try LinkPanel.model(album, code: code, owner: user, context)

        let model = Model(
            album: [
                "name": album.displayName, "description": album.description, "code": code,
                "count": Display.items(total), "created": Timestamp.day(album.createdAt),
            ],
            empty: total == 0, pager: pager.model(path: canonical + "?"),
            otherAlbums: try services.library.recentAlbums(ownerId: ownerId, limit: LibraryPage.destinationCount + 1)
                .filter { $0.id != album.id }.prefix(LibraryPage.destinationCount).map {
                    ["name": $0.displayName, "code": links.albumCode($0.id)]
                },
            actions: [
                "edit": Page.albumAction(code: code, action: "edit").path,
                "items": Page.albumAction(code: code, action: "items").path,
                "order": Page.albumAction(code: code, action: "order").path,
                "delete": Page.albumAction(code: code, action: "delete").path,
                "zip": Page.albumZip(code: code).path,
                "upload": Page.upload.path + "?album=" + code,
                "library": Page.library.path,
            ],
            labels: labels,
            sharing: sharing.model,
            linking: linking.model,
            // Drawn by MediaTiles, not a partial: see there why.
            tiles: Slot(tiles))
        let page = try context.views.page("pages/album", layout(album.displayName), model)
        return (page, policy, [sharing.changes, linking.changes].compactMap { $0 }.min())
    }

    struct Model: Encodable {
        let album: [String: String]
        let empty: Bool
        let pager: Pager.Model?
        let otherAlbums: [[String: String]]
        let actions: [String: String]
        /// The label bar; nil when no item has a label.
        let labels: LabelFilter?
        let sharing: SharePanel.Model
        let linking: LinkPanel.Model
        let tiles: Slot
    }

    /// `POST /albums`: a new album, then its (empty) page. A name the user already has (any
    /// case) or an impossible one goes back to the library saying why: two albums of one name
    /// are a trap, not a feature (the APIs keep their own rules).
    static func create(_ context: Context, _ user: User) throws -> Response {
        let library = context.services.library
        let name = (try context.form()["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var created: Album?
        let back = try Notice.redirect(context, to: Page.library.path) {
            if try library.album(namedLike: name, ownerId: user.id ?? 0) != nil {
                throw HTTPError(.conflict, "You have an album called “\(name)” already.")
            }
            created = try library.createAlbum(named: name, ownerId: user.id ?? 0)
            return nil
        }
        return created.map { .redirect(to: context.links.albumPage($0).path) } ?? back
    }

    static func edit(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(code: context.parameters["code"] ?? "", user, context)
        let form = try context.form()
        try context.services.library.updateAlbum(
            id: album.id, ownerId: album.ownerId, name: form["name"] ?? album.displayName,
            description: form["description"] ?? album.description)
        let renamed = try context.services.library.album(id: album.id, ownerId: album.ownerId) ?? album
        return .redirect(to: context.links.albumPage(renamed).path)
    }

    /// The items form: an up/down button names one item; otherwise `do` acts on the ticked
    /// `item`s: move to the album `to` (or to none), make the one ticked the cover, or any
    /// action every selection has (`Selection`: favourite, trash, ZIP, …). Back to the album,
    /// saying what was done or why nothing was (`Notice`).
    static func items(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(code: context.parameters["code"] ?? "", user, context)
        let library = context.services.library
        let form = try context.form()
        let ownerId = album.ownerId
        if form["do"] == "zip" { return try ZipDownload.selection(try Selection.ids(form, context), user, context) }
        return try Notice.redirect(context, to: context.links.albumPage(album).path) {
            if let up = form["up"] ?? form["down"] {
                let id = try Selection.mediaId(up, context)
                try library.nudge(mediaId: id, by: form["up"] != nil ? -1 : 1, albumId: album.id, ownerId: ownerId)
                return nil
            }
            if let done = try Selection.apply(form, user, context) { return done }
            let ids = try Selection.ids(form, context)
            switch form["do"] {
            case "move":
                let target = form["to"] ?? ""
                let destination = target == "none" ? nil : try ownAlbum(code: target, user, context)
                for id in ids { try library.moveMedia(id: id, toAlbum: destination?.id, ownerId: ownerId) }
                return destination.map { "Moved \(Display.items(ids.count)) to \($0.displayName)." }
                    ?? "Took \(Display.items(ids.count)) out of this album (they stay in your library)."
            case "cover":
                guard ids.count == 1 else {
                    throw HTTPError(.badRequest, "Tick exactly one item to make it the cover.")
                }
                try library.setCover(albumId: album.id, mediaId: ids[0], ownerId: ownerId)
                return "That item is now the cover."
            default:
                throw HTTPError(.badRequest, "Choose what to do with the ticked items.")
            }
        }
    }

    /// `GET /album/{code}/zip`: the whole album as a ZIP of its originals.
    static func zip(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(code: context.parameters["code"] ?? "", user, context)
        return try ZipDownload.album(album, context)
    }

    /// `POST /album/{code}/share`, `/unshare`, `/link` and `/public`: the share and link
    /// panels' forms, back to the panel on the page with what they did (`Notice`).
    static func share(_ context: Context, _ user: User) throws -> Response {
        try panelForm(context, user, anchor: "#sharing", SharePanel.share)
    }

    static func unshare(_ context: Context, _ user: User) throws -> Response {
        try panelForm(context, user, anchor: "#sharing", SharePanel.unshare)
    }

    static func link(_ context: Context, _ user: User) throws -> Response {
        try panelForm(context, user, anchor: "#link", LinkPanel.submit)
    }

    static func makePublic(_ context: Context, _ user: User) throws -> Response {
        try panelForm(context, user, anchor: "#link", LinkPanel.setPublic)
    }

    private static func panelForm(
        _ context: Context, _ user: User, anchor: String, _ action: (Album, Context) throws -> String?
    ) throws -> Response {
        let album = try ownAlbum(code: context.parameters["code"] ?? "", user, context)
        return try Notice.redirect(context, to: context.links.albumPage(album).path + anchor) {
            try action(album, context)
        }
    }

    /// `POST /album/{code}/order` from drag and drop: `order` lists item codes in their new
    /// order. Answers 204; the page already shows the order.
    static func order(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(code: context.parameters["code"] ?? "", user, context)
        let codes = (try context.form()["order"] ?? "").split(separator: ",").map(String.init)
        let ids = try codes.map { try Selection.mediaId($0, context) }
        try context.services.library.reorder(albumId: album.id, ownerId: album.ownerId, mediaIds: ids)
        return Response(status: .noContent)
    }

    /// Deletes the album; its items stay in the library, in no album (seed 004).
    static func delete(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(code: context.parameters["code"] ?? "", user, context)
        try context.services.library.deleteAlbum(uuid: album.uuid, ownerId: album.ownerId)
        return .redirect(to: Page.noAlbum.path)
    }

    /// The signed-in user's album with this code; anybody else's is missing.
    private static func ownAlbum(code: String, _ user: User, _ context: Context) throws -> Album {
        guard let id = context.links.albumCodes.decode(code),
            let album = try context.services.library.album(id: id, ownerId: user.id ?? 0)
        else { throw LibraryError.albumNotFound }
        return album
    }
}
