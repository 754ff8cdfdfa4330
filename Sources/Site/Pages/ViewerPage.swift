import AlbumCore
import Foundation
import HTTP

/// `/image/{slug}.{code}` and `/video/{slug}.{code}`: one photo or video, large, with its
/// details, a download link and Open Graph tags so shared links preview. `link` and `public`
/// items open for anyone holding the link; private ones for their owner only, and for anybody
/// else exactly like a missing one. A short link (`/image/{code}`) or an outdated slug answers
/// 302 to the canonical address.
enum ViewerPage {
    static func show(_ context: Context) throws -> Response {
        let name = context.parameters["name"] ?? ""
        let code = name.split(separator: ".").last.map(String.init) ?? ""
        guard let entry = try visibleEntry(code: code, context) else {
            throw HTTPError(
                .notFound,
                context.query["deleted"] != nil ? "This file has been deleted." : "There is nothing at this address.")
        }
        let item = entry.item
        let canonical = context.links.viewerPage(item).path
        guard context.request.rawPath == canonical else { return .redirect(to: canonical, status: .found) }

        let services = context.services

        let links = context.links
        let isVideo = item.kind != .image
        let large = !isVideo && max(item.width, item.height) > services.library.settings.mediumBox
        let original = links.mediaURL(entry, .original(entry.ext))
        let preview = isVideo ? links.mediaURL(entry, .poster) : large ? links.mediaURL(entry, .medium) : original
        let isOwner = context.user?.id == item.ownerId
        let shown = Model.Item(
            title: item.title, description: item.description, isVideo: isVideo, original: original,
            download: original + (original.contains("?") ? "&" : "?") + "download=1", preview: preview,
            width: item.width, height: item.height, mime: item.mime, pageURL: services.configuration.baseURL + canonical
        )
        return try context.views.page(
            "pages/viewer", Layout(context, title: item.title.isEmpty ? "Untitled" : item.title),
            Model(
                item: shown, info: try InfoPanel.model(entry, owner: isOwner, context),
                owner: isOwner ? try ownerTools(entry, context) : nil))
    }

    /// The owner's way around and tools: previous and next in the album (or on the
    /// timeline), "3 / 12", back to the album, the favourite heart and delete (to the trash).
    private static func ownerTools(_ entry: MediaEntry, _ context: Context) throws -> Model.Owner {
        let services = context.services
        let links = context.links
        let item = entry.item
        let around = try services.library.neighbours(of: entry)
        let album = try item.albumId.flatMap { try services.library.album(id: $0, ownerId: item.ownerId) }
        let back = album.map { links.albumPage($0).path } ?? Page.library.path
        return Model.Owner(
            previous: around.previous.map { links.viewerPage($0.item).path },
            next: around.next.map { links.viewerPage($0.item).path },
            counter: "\(around.index) / \(around.count)",
            back: back, backLabel: album.map { "Back to \($0.displayName)" } ?? "Back to the library",
            code: links.mediaCode(item), favourite: item.favourite, items: Page.items.path,
            here: links.viewerPage(item).path)
    }

    /// `GET /image/{code}/delete/{secret}`: Chevereto's delete link asks first. Chat apps fetch
    /// pasted links for their previews and mail scanners open them, so a GET or HEAD never
    /// deletes; the page's one form POSTs to the same address.
    static func confirmDelete(_ context: Context) throws -> Response {
        guard let id = context.links.mediaCodes.decode(context.parameters["code"] ?? ""),
            let entry = try context.services.library.media(id: id, deleteSecret: context.parameters["secret"] ?? "")
        else { throw HTTPError(.notFound, "There is nothing at this address.") }
        let item = entry.item
        let isVideo = item.kind != .image
        let model = DeleteModel(
            item: DeleteModel.Item(
                title: item.title, kind: isVideo ? "video" : "photo", thumb: context.links.mediaURL(entry, .thumb),
                action: context.request.rawPath, viewer: context.links.viewerPage(item).path))
        var response = try context.views.page(
            "pages/delete", Layout(context, title: isVideo ? "Delete this video?" : "Delete this photo?"), model)
        response.headers.add("X-Robots-Tag", "noindex")
        return response
    }

    /// `POST /image/{code}/delete/{secret}`: deletes (the secret is the permission) and sends
    /// the browser to the viewer with `?deleted`.
    static func delete(_ context: Context) throws -> Response {
        let code = context.parameters["code"] ?? ""
        guard let id = context.links.mediaCodes.decode(code),
            let deleted = try context.services.library.deleteMedia(
                id: id, deleteSecret: context.parameters["secret"] ?? "")
        else { throw HTTPError(.notFound, "There is nothing at this address.") }
        return .redirect(to: context.links.viewerPage(deleted).path + "?deleted", status: .seeOther)
    }

    private static func visibleEntry(code: String, _ context: Context) throws -> MediaEntry? {
        guard let id = context.links.mediaCodes.decode(code) else { return nil }
        let viewer = context.user?.id.map(Access.Viewer.user) ?? .anonymous
        return try context.services.library.media(id: id, visibleTo: viewer)
    }

    struct Model: Encodable {
        struct Item: Encodable {
            let title: String
            let description: String
            let isVideo: Bool
            let original: String
            let download: String
            let preview: String
            let width: Int
            let height: Int
            let mime: String
            let pageURL: String
        }

        struct Owner: Encodable {
            let previous: String?
            let next: String?
            let counter: String
            let back: String
            let backLabel: String
            let code: String
            let favourite: Bool
            let items: String
            let here: String
        }

        let item: Item
        let info: InfoPanel.Model
        let owner: Owner?
    }

    struct DeleteModel: Encodable {
        struct Item: Encodable {
            let title: String
            let kind: String
            let thumb: String
            let action: String
            let viewer: String
        }

        let item: Item
    }
}
