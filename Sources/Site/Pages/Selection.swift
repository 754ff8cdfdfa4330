import AlbumCore
import HTTP

/// What the owner's pages do with the ticked tiles, wherever they are (the timeline, no
/// album, favourites, search, an album): add to an album (an existing one or a new one named
/// on the spot), take out of their album, mark or unmark as favourites, download as a ZIP,
/// move to the trash; and in the trash, restore or delete for good. Plain form posts that
/// work without scripts; `gallery.js` only adds the selection bar's comfort.
enum Selection {
    /// `POST /items`: the library views' selection form, back to the page it came from
    /// (`back`, a path on this site) saying what was done.
    static func act(_ context: Context, _ user: User) throws -> Response {
        let form = try context.form()
        let back = Page.safeNext(form["back"]) ?? Page.library.path
        if form["do"] == "zip" { return try ZipDownload.selection(try ids(form, context), user, context) }
        return try Notice.redirect(context, to: back) {
            guard let done = try apply(form, user, context) else {
                throw HTTPError(.badRequest, "Choose what to do with the ticked items.")
            }
            return done
        }
    }

    /// `POST /trash`: restore or delete for good the ticked items, or empty the whole trash.
    static func trash(_ context: Context, _ user: User) throws -> Response {
        let form = try context.form()
        let library = context.services.library
        let ownerId = user.id ?? 0
        return try Notice.redirect(context, to: Page.trash.path) {
            if form["do"] == "empty" {
                return "Emptied the trash: \(Display.items(try library.purge(ownerId: ownerId))) deleted for good."
            }
            let ids = try ids(form, context)
            switch form["do"] {
            case "restore":
                return "Restored \(Display.items(try library.restore(ids: ids, ownerId: ownerId)))."
            case "purge":
                return "Deleted \(Display.items(try library.purge(ids: ids, ownerId: ownerId))) for good."
            default:
                throw HTTPError(.badRequest, "Choose what to do with the ticked items.")
            }
        }
    }

    /// The actions every selection form shares; nil for an action this form does not know
    /// (an album page adds its own). A tile's heart (`toggle-favourite`) names one item.
    static func apply(_ form: Parameters, _ user: User, _ context: Context) throws -> String? {
        let library = context.services.library
        let ownerId = user.id ?? 0
        if let code = form["toggle-favourite"] {
            let id = try mediaId(code, context)
            guard let entry = try library.media(id: id, ownerId: ownerId) else { throw LibraryError.mediaNotFound }
            try library.setFavourite(!entry.item.favourite, ids: [id], ownerId: ownerId)
            return entry.item.favourite ? "Removed from your favourites." : "Added to your favourites."
        }
        let action = form["do"]
        guard ["add", "remove", "favourite", "unfavourite", "trash"].contains(action) else { return nil }
        let ids = try ids(form, context)
        switch action {
        case "add":
            let album = try destination(form, user, context)
            for id in ids { try library.moveMedia(id: id, toAlbum: album.id, ownerId: ownerId) }
            return "Added \(Display.items(ids.count)) to \(album.displayName)."
        case "remove":
            for id in ids { try library.moveMedia(id: id, toAlbum: nil, ownerId: ownerId) }
            return "Took \(Display.items(ids.count)) out of their album (they stay in your library)."
        case "favourite":
            try library.setFavourite(true, ids: ids, ownerId: ownerId)
            return "Marked \(Display.items(ids.count)) as favourites."
        case "unfavourite":
            try library.setFavourite(false, ids: ids, ownerId: ownerId)
            return "Removed \(Display.items(ids.count)) from your favourites."
        default:
            let moved = try library.trash(ids: ids, ownerId: ownerId)
            return "Moved \(Display.items(moved)) to the trash. They stay there for "
                + "\(library.settings.trashDays) days; restore them from the Trash."
        }
    }

    /// The album chosen in `to`: one of the user's by code, or with `to=new` a new one named in
    /// `new-album` (a name they have already is that album, not a second one).
    private static func destination(_ form: Parameters, _ user: User, _ context: Context) throws -> Album {
        let library = context.services.library
        let ownerId = user.id ?? 0
        guard form["to"] == "new" else {
            guard let id = context.links.albumCodes.decode(form["to"] ?? ""),
                let album = try library.album(id: id, ownerId: ownerId)
            else { throw HTTPError(.badRequest, "Choose an album to add the items to.") }
            return album
        }
        let name = (form["new-album"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw HTTPError(.badRequest, "Name the new album.") }
        return try library.album(namedLike: name, ownerId: ownerId)
            ?? library.createAlbum(named: name, ownerId: ownerId)
    }

    /// The ticked items' ids; none ticked is the form's mistake, said on the page.
    static func ids(_ form: Parameters, _ context: Context) throws -> [Int64] {
        let ids = try form.all("item").map { try mediaId($0, context) }
        guard !ids.isEmpty else { throw HTTPError(.badRequest, "Tick at least one photo or video first.") }
        return ids
    }

    static func mediaId(_ code: String, _ context: Context) throws -> Int64 {
        guard let id = context.links.mediaCodes.decode(code) else { throw LibraryError.mediaNotFound }
        return id
    }
}
