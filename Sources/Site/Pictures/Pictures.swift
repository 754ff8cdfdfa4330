import AlbumCore
import Foundation
import HTTP

/// Seed 001's Pictures API (a creator platform's REST API): albums and galleries read as JSON
/// or .NET DataContract XML by `Accept`, written with JSON bodies. A user's `UserID` is their
/// id. Every method is also under `/v1/Groups/…`, where `UserID` names a member of a group the
/// caller manages and the request acts for that member. Paths match in any case, as the
/// original's do; a developer `apiKey` may come with the bearer token and must then be valid.
struct Pictures: Dialect {
    let library: Library
    let galleries: Galleries
    let albumLinks: AlbumLinks
    let links: Links
    let kept: Kept
    let maxUpload: Int

    init(services: Services) {
        library = services.library
        galleries = services.galleries
        albumLinks = services.albumLinks
        links = services.links
        kept = services.kept
        maxUpload = services.configuration.maxUpload
    }

    static let table = RouteTable(
        name: "pictures", envelope: PicturesError.envelope, prefixes: ["/v1/Pictures", "/v1/Groups/Pictures"],
        credentials: CredentialSources(
            apiKey: [.query("apiKey"), .header("X-API-Key")], bearerSchemes: ["Bearer"],
            companionKey: [.query("apiKey"), .header("X-API-Key")]),
        caseInsensitivePaths: true,
        endpoints: [
            Endpoint("GET", "/v1/Pictures/GetAlbums", .bearer, getAlbums),
            Endpoint("GET", "/v1/Pictures/GetGallery", .bearer, getGallery),
            Endpoint("GET", "/v1/Pictures/GetFreeGallery", .apiKeyOrBearer, getFreeGallery),
            Endpoint("POST", "/v1/Pictures/CreateAlbum", .bearer, createAlbum),
            Endpoint("PUT", "/v1/Pictures/UpdateAlbum", .bearer, updateAlbum),
            Endpoint("POST", "/v1/Pictures/RemoveAlbum", .bearer, removeAlbum),
            Endpoint("POST", "/v1/Pictures/AddPictures", .bearer, uploads: true, addPictures),
            Endpoint("POST", "/v1/Pictures/AddFreePictures", .bearer, uploads: true, addFreePictures),
            // The same for a group manager, acting for the member `UserID` names.
            Endpoint("GET", "/v1/Groups/Pictures/GetAlbums", .bearer, getAlbums),
            Endpoint("GET", "/v1/Groups/Pictures/GetGallery", .bearer, getGallery),
            Endpoint("GET", "/v1/Groups/Pictures/GetFreeGallery", .bearer, getFreeGallery),
            Endpoint("POST", "/v1/Groups/Pictures/CreateAlbum", .bearer, createAlbum),
            Endpoint("PUT", "/v1/Groups/Pictures/UpdateAlbum", .bearer, updateAlbum),
            Endpoint("POST", "/v1/Groups/Pictures/RemoveAlbum", .bearer, removeAlbum),
            Endpoint("POST", "/v1/Groups/Pictures/AddPictures", .bearer, uploads: true, addPictures),
            Endpoint("POST", "/v1/Groups/Pictures/AddFreePictures", .bearer, uploads: true, addFreePictures),
        ])

    /// Every signed URL of this dialect: 15 minutes, in 10-second steps, so an answer (and the
    /// URLs in it) is reused for a moment (`KeptAnswer`).
    static let policy = Links.visitorPolicy(until: nil)

    /// The answer's format; 406 when the client accepts neither.
    static func format(_ context: Context) throws -> WireFormat {
        guard let format = WireFormat(accept: context.request.headers["Accept"]) else {
            throw HTTPError(.notAcceptable, PicturesError.notAcceptable)
        }
        return format
    }

    /// `value` in the format the client asked for.
    static func answer(_ value: DataContract, _ context: Context, capacity: Int = 1024) throws -> Response {
        answer(value, in: try format(context), capacity: capacity)
    }

    static func answer(_ value: DataContract, in format: WireFormat, capacity: Int = 1024) -> Response {
        switch format {
        case .json:
            var json = JSONWriter(capacity: capacity)
            value.write(to: &json)
            return .json(bytes: json.bytes)
        case .xml(let type):
            return .xml(bytes: value.xml(capacity: capacity * 2), contentType: type)
        }
    }

    /// Whether the request came to the group manager's copy of a route.
    static func isGroupRoute(_ context: Context) -> Bool {
        context.request.rawPath.utf8.count > 11 && context.request.rawPath.prefix(11).lowercased() == "/v1/groups/"
    }

    /// Who the request acts for: on a group route the member `memberId` names, who must belong
    /// to a group the caller manages (anyone else is 403); elsewhere the caller.
    func actor(_ context: Context, _ user: User, memberId: Int64?) throws -> User {
        guard Self.isGroupRoute(context) else { return user }
        guard let memberId else { throw HTTPError(.badRequest, "UserID is required.") }
        guard try galleries.manages(user.id ?? 0, member: memberId), let member = try galleries.liveUser(id: memberId)
        else { throw HTTPError(.forbidden, "UserID is not a member of a group you manage.") }
        return member
    }

    /// The integer query parameter `name`; nil when absent, 400 when it is not an integer.
    static func integer(_ context: Context, _ name: String, required: Bool = false) throws -> Int64? {
        guard let text = context.query.value(anyCase: name), !text.isEmpty else {
            if required { throw HTTPError(.badRequest, "\(name) is required.") }
            return nil
        }
        guard let value = Int64(text) else { throw HTTPError(.badRequest, "\(name) must be an integer.") }
        return value
    }

    /// `ReturnPictureIDs`-style flags: `true`/`false` in any case, `1`/`0`; absent is false.
    static func flag(_ context: Context, _ name: String) throws -> Bool {
        guard let text = context.query.value(anyCase: name)?.lowercased(), !text.isEmpty else { return false }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw HTTPError(.badRequest, "\(name) must be true or false.")
        }
    }

    /// `X-MaskImages: 1`: images not flagged safe are answered blurred.
    static func masks(_ context: Context) -> Bool {
        context.request.headers["X-MaskImages"]?.trimmingCharacters(in: .whitespaces) == "1"
    }

    /// The URL of `variant` of `entry` for someone who may see it: the owner's own address (a
    /// permanent link of a `link` or `public` item, else signed), anyone else's a signed clean
    /// copy; blurred instead when masking and it is not safe.
    func url(_ entry: MediaEntry, _ variant: Variant, ownerView: Bool, mask: Bool) -> String {
        if mask && entry.item.nsfw { return links.signedURL(entry, .blurred, Self.policy) }
        if !ownerView { return links.baseURL + links.visitorPath(entry, variant, Self.policy) }
        if entry.item.visibility != .private { return links.mediaURL(entry, variant) }
        return links.signedURL(entry, variant, Self.policy)
    }
}
