import AlbumCore
import Foundation
import HTTP

/// Seed 002's public API (a shared-album app): albums with participants and admins, photos with
/// public labels and restricted ones only admins see, stable signed URLs. The key's account
/// acts; `albumId` and `photoId` are the UUIDs Albumen keeps, `ownerId` and `userId` users'
/// UUIDs. Answers are `{"data": …, "warnings": [...]}`.
struct LabeledAlbums: Dialect {
    let library: Library
    let roles: AlbumRoles
    let links: Links
    let kept: Kept
    let outbox: Outbox
    let webhookSigner: WebhookSigner
    /// The URL uploads' address guard, which webhook targets pass too.
    let fetcher: RemoteFetcher

    init(services: Services) {
        library = services.library
        roles = services.albumRoles
        links = services.links
        kept = services.kept
        outbox = services.outbox
        webhookSigner = WebhookSigner(secret: services.configuration.secret)
        fetcher = services.fetcher
    }

    static let table = RouteTable(
        name: "labeledalbums", envelope: LabeledAlbumsError.envelope,
        // `/album/` alone is the pages' too (`/album/{slug}.{code}`): only the API's own words.
        prefixes: [
            "/album/get", "/album/create", "/album/edit", "/album/delete", "/album/set", "/photo/", "/webhook/",
            "/ping",
        ],
        credentials: CredentialSources(apiKey: [.header("x-api-key")]),
        endpoints: [
            Endpoint("GET", "/ping", .apiKey, ping),
            Endpoint("POST", "/album/createAlbum", .apiKey, createAlbum),
            Endpoint("POST", "/album/editAlbum", .apiKey, editAlbum),
            Endpoint("POST", "/album/deleteAlbum", .apiKey, deleteAlbum),
            Endpoint("GET", "/album/getAlbum", .apiKey, getAlbum),
            Endpoint("GET", "/album/getAlbums", .apiKey, getAlbums),
            Endpoint("GET", "/album/getPhotos", .apiKey, getPhotos),
            Endpoint("GET", "/album/getPreviewPhotos", .apiKey, getPreviewPhotos),
            Endpoint("POST", "/album/setParticipantAdmin", .apiKey, setParticipantAdmin),
            Endpoint("POST", "/photo/addPhotoLabel", .apiKey, addPhotoLabel),
            Endpoint("POST", "/photo/removePhotoLabel", .apiKey, removePhotoLabel),
            Endpoint("GET", "/photo/checkPhotoLabel", .apiKey, checkPhotoLabel),
            Endpoint("POST", "/webhook/createSubscription", .apiKey, createSubscription),
            Endpoint("GET", "/webhook/getSubscriptions", .apiKey, getSubscriptions),
            Endpoint("POST", "/webhook/deleteSubscription", .apiKey, deleteSubscription),
        ])

    /// Signed URLs live 15 minutes (in 10-second steps).
    static let policy = Links.visitorPolicy(until: nil)

    /// `{"data": <data>, "warnings": [...]}`.
    static func answer(_ warnings: [String] = [], _ data: (inout JSONWriter) -> Void) -> Response {
        var json = JSONWriter(capacity: 1024)
        json.object { json in
            json.key("data")
            data(&json)
            json.key("warnings")
            json.array(warnings) { json, warning in json.string(warning) }
        }
        return .json(bytes: json.bytes)
    }

    /// `{"data":{"message":"Success!"}}`, the original's `ResponseSuccess`.
    static func success() -> Response {
        answer { json in
            json.object { json in
                json.key("message")
                json.string("Success!")
            }
        }
    }

    /// The query parameter `name`, `bounds` long; 400 when required and absent, or out of bounds.
    static func query(_ context: Context, _ name: String, required: Bool = true, length bounds: ClosedRange<Int>? = nil)
        throws -> String?
    {
        guard let value = context.query[name] else {
            if required { throw LabeledAlbumsError.invalid }
            return nil
        }
        if let bounds, !bounds.contains(value.count) { throw LabeledAlbumsError.invalid }
        return value
    }

    /// A listing's `limit` (1–64, 32 when left out) and `cursor` (the encrypted id of the last
    /// row of the page before).
    func paging(_ context: Context) throws -> (size: Int, after: Int64?) {
        let limit = try Self.query(context, "limit", required: false).map { text in
            guard let limit = Int(text), (1...64).contains(limit) else { throw LabeledAlbumsError.invalid }
            return limit
        }
        let after = try Self.query(context, "cursor", required: false).map { text in
            guard let id = links.albumCodes.decode(text) else { throw LabeledAlbumsError.invalid }
            return id
        }
        return (limit ?? 32, after)
    }

    /// `{"data":[…],"cursor":…,"warnings":[]}` of a page of `rows` fetched one past `size`:
    /// the cursor names the last row shown when more follow, and is `{}` on the last page, as
    /// the original documents.
    func page<Row>(_ rows: [Row], size: Int, id: (Row) -> Int64, _ write: (Row, inout JSONWriter) -> Void)
        -> Response
    {
        let shown = rows.prefix(size)
        var json = JSONWriter(capacity: 256 + shown.count * 300)
        json.object { json in
            json.key("data")
            json.array(shown) { json, row in write(row, &json) }
            json.key("cursor")
            if rows.count > size, let last = shown.last {
                json.string(links.albumCode(id(last)))
            } else {
                json.object { _ in }
            }
            json.key("warnings")
            json.array([String]()) { _, _ in }
        }
        return .json(bytes: json.bytes)
    }

    /// The album `albumId` names and the caller's role in it; 404 when they have none.
    func album(_ albumId: String?, _ user: User) throws -> (album: Album, role: AlbumRoles.Role) {
        guard let albumId, !albumId.isEmpty else { throw LabeledAlbumsError.invalid }
        guard let found = try roles.album(uuid: albumId, for: user.id ?? 0) else {
            throw LabeledAlbumsError.albumNotFound
        }
        return found
    }

    /// A signed URL of `variant` of `entry`: the owner's own bytes, anyone else's a clean copy.
    func url(_ entry: MediaEntry, _ variant: Variant, for user: User) -> String {
        entry.item.ownerId == user.id
            ? links.signedURL(entry, variant, Self.policy)
            : links.baseURL + links.visitorPath(entry, variant, Self.policy)
    }
}
