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

        let model = Model(
            noAlbum: noAlbum, total: total, empty: total == 0, albumCount: albums.count,
            albums: albums.map { summary in
                Model.Album(
                    name: summary.album.displayName, page: links.albumPage(summary.album).path,
                    count: Display.items(summary.itemCount),
                    date: Timestamp.day(summary.album.createdAt),
                    cover: summary.cover.map { links.mediaPath($0, .thumb) })
            },
            pager: pager.model(path: noAlbum ? Page.noAlbum.path + "&" : "/?"),
            actions: [
                "createAlbum": Page.createAlbum.path, "noAlbum": Page.noAlbum.path, "all": Page.library.path,
                "upload": Page.upload.path,
            ],
            // Drawn by MediaTiles, not a partial: see there why.
            tiles: Slot(MediaTiles.html(entries, context.services, editable: false)))
        return try context.views.page(
            "pages/library", Layout(context, title: noAlbum ? "Not in an album" : "Library"), model)
    }

    struct Model: Encodable {
        struct Album: Encodable {
            let name: String
            let page: String
            let count: String
            let date: String
            let cover: String?
        }

        let noAlbum: Bool
        let total: Int
        let empty: Bool
        let albumCount: Int
        let albums: [Album]
        let pager: Pager.Model?
        let actions: [String: String]
        let tiles: Slot
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

    struct Model: Encodable {
        let page: Int
        let pages: Int
        let previous: String?
        let next: String?
    }

    /// Links to the previous and next pages; `path` ends in `?` or `&`.
    func model(path: String) -> Model? {
        guard pages > 1 else { return nil }
        return Model(
            page: page, pages: pages, previous: page > 1 ? path + "page=\(page - 1)" : nil,
            next: page < pages ? path + "page=\(page + 1)" : nil)
    }
}
