import AlbumCore
import HTTP

/// Every link the pages make; templates never build URLs by hand.
public enum Page {
    case library
    case login(next: String?)
    case logout
    /// `/image/{slug}.{code}` or `/video/{slug}.{code}` (Chevereto's viewer links).
    case viewer(MediaItem.Kind, slug: String, code: String)
    /// `/image/{code}`: answers 302 to the viewer.
    case shortLink(MediaItem.Kind, code: String)
    /// `/image/{code}/delete/{secret}`: a GET asks, a POST deletes (Chevereto's `delete_url`).
    case deleteLink(MediaItem.Kind, code: String, secret: String)
    case settingsAPI
    /// The library's items that are in no album.
    case noAlbum
    /// `/album/{slug}.{code}`.
    case album(slug: String, code: String)
    /// `POST /album/{code}/{action}`: edit, items, order, delete.
    case albumAction(code: String, action: String)
    case createAlbum
    case upload
    case settings
    case settingsPassword
    /// Who may see the private gallery, and the forms granting and revoking it.
    case settingsGallery
    case settingsGalleryAdd
    case settingsGalleryRemove(userId: Int64)
    /// `POST`: a group manager starts or stops acting for a member.
    case manageAs
    case adminUsers
    case adminGroups
    case adminPlans
    /// "Shared with me", one album in it, its "open now" form, and one counted item.
    case shared
    case sharedAlbum(code: String)
    case sharedAlbumOpen(code: String)
    case sharedItem(code: String, item: String)
    /// An admin's page of one shared item's labels (seed 002).
    case sharedLabels(code: String, item: String)
    /// `/s/{secret}`: an album link for anyone.
    case albumLink(secret: String)
    /// `/u/{username}`: someone's public albums, and one of them.
    case profile(username: String)
    case publicAlbum(username: String, slug: String, code: String)
    /// The library's other views and the forms acting on a selection.
    case favourites
    case trash
    case search(String?)
    case items
    case info(code: String)
    /// `POST`: the owner adds or removes a label of an item.
    case mediaLabels(code: String)
    case albumZip(code: String)

    public var path: String {
        switch self {
        case .library: "/"
        case .login(let next):
            next.map { "/login?next=" + PercentEncoding.encode($0) } ?? "/login"
        case .logout: "/logout"
        case .viewer(let kind, let slug, let code): "/\(Self.route(kind))/\(slug).\(code)"
        case .shortLink(let kind, let code): "/\(Self.route(kind))/\(code)"
        case .deleteLink(let kind, let code, let secret): "/\(Self.route(kind))/\(code)/delete/\(secret)"
        case .settingsAPI: "/settings/api"
        case .noAlbum: "/?view=no-album"
        case .album(let slug, let code): "/album/\(slug).\(code)"
        case .albumAction(let code, let action): "/album/\(code)/\(action)"
        case .createAlbum: "/albums"
        case .upload: "/upload"
        case .settings: "/settings"
        case .settingsPassword: "/settings/password"
        case .settingsGallery: "/settings/gallery"
        case .settingsGalleryAdd: "/settings/gallery/subscribers"
        case .settingsGalleryRemove(let userId): "/settings/gallery/subscribers/\(userId)/remove"
        case .manageAs: "/manage-as"
        case .adminUsers: "/admin/users"
        case .adminGroups: "/admin/groups"
        case .adminPlans: "/admin/plans"
        case .shared: "/shared"
        case .sharedAlbum(let code): "/shared/\(code)"
        case .sharedAlbumOpen(let code): "/shared/\(code)/open"
        case .sharedItem(let code, let item): "/shared/\(code)/item/\(item)"
        case .sharedLabels(let code, let item): "/shared/\(code)/labels/\(item)"
        case .albumLink(let secret): "/s/\(secret)"
        case .profile(let username): "/u/" + PercentEncoding.encode(username)
        case .publicAlbum(let username, let slug, let code): "/u/\(PercentEncoding.encode(username))/\(slug).\(code)"
        case .favourites: "/favourites"
        case .trash: "/trash"
        case .search(let query): "/search" + (query.map { "?q=" + PercentEncoding.encode($0) } ?? "")
        case .items: "/items"
        case .info(let code): "/media/\(code)/info"
        case .mediaLabels(let code): "/media/\(code)/labels"
        case .albumZip(let code): "/album/\(code)/zip"
        }
    }

    static func route(_ kind: MediaItem.Kind) -> String { kind == .image ? "image" : "video" }

    /// `next` (already percent-decoded) only if it is a path on this site: it starts with one
    /// `/`, and holds no control character, whitespace or backslash anywhere — browsers drop
    /// tabs and newlines and read `\` as `/`, so `/\t/evil.example` would leave the site.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"),
            !next.unicodeScalars.contains(where: {
                $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" || $0.properties.isWhitespace
                    || $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
            })
        else { return nil }
        return next
    }
}
