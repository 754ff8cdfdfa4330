import AlbumCore
import HTTP

/// `/u/{username}`: the albums a person has made public, and for their private gallery's
/// subscribers and their group manager the private ones too; `/u/{username}/{slug}.{code}`:
/// one of them, read-only, its media served clean. An album the visitor may not see, someone
/// else's and a disabled account answer as missing.
enum PublicPages {
    struct Profile: Encodable {
        struct Row: Encodable {
            let name: String
            /// In the private gallery (shown to subscribers and the group manager only).
            let isPrivate: Bool
            let href: String
            let count: String
            let cover: String?
        }

        let username: String
        let albums: [Row]
        let empty: Bool
    }

    static func profile(_ context: Context) throws -> Response {
        let services = context.services
        guard
            let (owner, albums) = try services.library.publicAlbums(
                username: context.parameters["username"] ?? "", viewerId: context.user?.id)
        else { throw HTTPError(.notFound, "No such page.") }
        let policy = Links.visitorPolicy(until: nil)
        let shown = Set(albums.map(\.id))
        let rows = try services.library.albumSummaries(ownerId: owner.id ?? 0).filter { shown.contains($0.album.id) }
            .map { summary in
                Profile.Row(
                    name: summary.album.displayName, isPrivate: summary.album.visibility == .private,
                    href: page(summary.album, owner.username, services).path,
                    count: Display.items(summary.itemCount),
                    cover: summary.cover.map { services.links.visitorPath($0, .thumb, policy) })
            }
        return try context.views.page(
            "pages/profile", Layout(context, title: owner.username),
            Profile(username: owner.username, albums: rows, empty: rows.isEmpty))
    }

    static func album(_ context: Context) throws -> Response {
        let services = context.services
        let name = context.parameters["album"] ?? ""
        guard
            let (owner, albums) = try services.library.publicAlbums(
                username: context.parameters["username"] ?? "", viewerId: context.user?.id),
            let id = services.links.albumCodes.decode(String(name.split(separator: ".").last ?? "")),
            let album = albums.first(where: { $0.id == id })
        else { throw HTTPError(.notFound, "No such page.") }
        let canonical = page(album, owner.username, services).path
        guard context.request.rawPath == canonical else { return .redirect(to: canonical, status: .found) }
        let entries = try services.library.media(
            ownerId: album.ownerId, in: .album(album.id), limit: VisitModel.limit)
        var model = VisitModel.album(
            album, entries, services, VisitorTiles.Options(policy: Links.visitorPolicy(until: nil)))
        model.byline =
            album.visibility == .public
            ? "\(owner.username)'s public album" : "From \(owner.username)'s private gallery"
        model.back = ["href": Page.profile(username: owner.username).path, "label": owner.username]
        return try model.render(context, title: album.displayName)
    }

    static func page(_ album: Album, _ username: String, _ services: Services) -> Page {
        .publicAlbum(
            username: username, slug: Slug.make(album.name ?? "", limit: 60, fallback: "album"),
            code: services.links.albumCode(album.id))
    }
}
