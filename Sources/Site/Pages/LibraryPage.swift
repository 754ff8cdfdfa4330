import AlbumCore
import HTTP

/// The signed-in home: the user's albums as a grid (cover, count, date) with a form to make
/// one, then their media, newest first, a page at a time; `?view=no-album` shows only the
/// items in no album. Thumbnails are signed URLs, so nginx sends the bytes.
enum LibraryPage {
    static let pageSize = 60

    static func show(_ context: Context, _ user: User) throws -> Response {
        let ownerId = user.id ?? 0
        let services = context.services
        let links = context.links
        let noAlbum = context.query["view"] == "no-album"
        let scope: MediaScope = noAlbum ? .noAlbum : .all
        let total = try services.library.mediaCount(ownerId: ownerId, in: scope)
        let pager = Pager(page: context.query["page"], total: total, size: pageSize)
        let entries = try services.library.media(ownerId: ownerId, in: scope, limit: pageSize, offset: pager.offset)
        let albums = try services.library.albumSummaries(ownerId: ownerId)

        var model = PageModel.base(context, title: noAlbum ? "Not in an album" : "Library")
        model["noAlbum"] = noAlbum
        model["total"] = total
        model["empty"] = total == 0
        model["albumCount"] = albums.count
        model["albums"] = albums.map { summary -> [String: Any] in
            var album: [String: Any] = [
                "name": summary.album.name,
                "page": links.albumPage(summary.album).path,
                "count": summary.itemCount == 1 ? "1 item" : "\(summary.itemCount) items",
                "date": Timestamp.day(summary.album.createdAt),
            ]
            if let cover = summary.cover { album["cover"] = links.mediaPath(cover, .thumb) }
            return album
        }
        model["pager"] = pager.model(path: noAlbum ? Page.noAlbum.path + "&" : "/?")
        model["actions"] = [
            "createAlbum": Page.createAlbum.path, "noAlbum": Page.noAlbum.path, "all": Page.library.path,
            "upload": Page.upload.path,
        ]
        // Drawn by MediaTiles, not a partial: see there why.
        model["tiles"] = Slot(MediaTiles.html(entries, context.site, editable: false))
        return try context.views.page("pages/library", model)
    }
}

/// Page numbers of a long list: `?page=N` (1-based; out of range shows the nearest page).
struct Pager {
    let page: Int
    let pages: Int
    let offset: Int

    init(page: String?, total: Int, size: Int) {
        pages = max(1, (total + size - 1) / size)
        self.page = min(max(1, Int(page ?? "") ?? 1), pages)
        offset = (self.page - 1) * size
    }

    /// Links to the previous and next pages; `path` ends in `?` or `&`.
    func model(path: String) -> [String: Any]? {
        guard pages > 1 else { return nil }
        var model: [String: Any] = ["page": page, "pages": pages]
        if page > 1 { model["previous"] = path + "page=\(page - 1)" }
        if page < pages { model["next"] = path + "page=\(page + 1)" }
        return model
    }
}
