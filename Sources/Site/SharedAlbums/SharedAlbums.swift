import AlbumCore
import Foundation
import HTTP

/// Seed 000's album API (albums shared with people, view once, remaining views, plans): a
/// value made from the services it uses, its routes bound to its methods. A profile is a user,
/// `profileId` their id. Bearer tokens, with the original's `Grindr3` scheme accepted too.
struct SharedAlbums: Dialect {
    let library: Library
    let sharing: Sharing
    let accounts: Accounts
    let links: Links
    let clock: Clock
    let kept: Kept

    init(services: Services) {
        library = services.library
        sharing = services.sharing
        accounts = services.accounts
        links = services.links
        clock = services.clock
        kept = services.kept
    }

    static let table = RouteTable(
        name: "sharedalbums", envelope: SharedAlbumsError.envelope,
        prefixes: [
            "/v1/albums", "/v2/albums", "/v3/albums", "/v4/albums", "/v1/pics", "/v4/pics", "/v4/videos",
            "/v3/pressie-albums",
        ],
        credentials: CredentialSources(bearerSchemes: ["Bearer", "Grindr3"]),
        endpoints: [
            Endpoint("GET", "/v1/albums", .bearer, myAlbums),
            Endpoint("POST", "/v2/albums", .bearer, createAlbum),
            Endpoint("GET", "/v2/albums/:albumId", .bearer, albumDetails),
            Endpoint("PUT", "/v2/albums/:albumId", .bearer, renameAlbum),
            Endpoint("DELETE", "/v1/albums/:albumId", .bearer, deleteAlbum),
            Endpoint("POST", "/v1/albums/:albumId/content", .bearer, uploads: true, upload),
            Endpoint("POST", "/v1/albums/:albumId/content/order", .bearer, reorder),
            Endpoint("DELETE", "/v1/albums/:albumId/content/:contentId", .bearer, deleteContent),
            Endpoint("GET", "/v1/albums/:albumId/content/:contentId/poster", .bearer, poster),
            Endpoint("GET", "/v1/albums/:albumId/content/:contentId/processing", .bearer, processing),
            Endpoint("POST", "/v1/albums/:albumId/content/chat/list-by-id", .bearer, listById),
            Endpoint("GET", "/v3/albums/:albumId/view", .bearer, viewAlbum),
            Endpoint("POST", "/v1/albums/:albumId/view/content/:contentId", .bearer, viewContent),
            Endpoint("GET", "/v1/albums/:albumId/shares", .bearer, shares),
            Endpoint("POST", "/v4/albums/:albumId/shares", .bearer, share),
            Endpoint("PUT", "/v1/albums/:albumId/unshares", .bearer, unshare),
            Endpoint("PUT", "/v1/albums/:albumId/shares/remove", .bearer, unshareAll),
            Endpoint("POST", "/v2/albums/shares", .bearer, profileInfo),
            Endpoint("GET", "/v2/albums/shares/:profileId", .bearer, sharedByProfile),
            Endpoint("GET", "/v1/albums/storage", .bearer, storage),
            Endpoint("GET", "/v2/albums/storage", .bearer, storage),
            Endpoint("PUT", "/v1/albums/red-dot", .bearer, redDot),
            Endpoint("POST", "/v3/pressie-albums/feed", .bearer, feed),
            Endpoint("POST", "/v3/pressie-albums/feed/paywall", .bearer, trailingSlash: .optional, paywall),
            Endpoint("GET", "/v3/pressie-albums/feed/:profileId", .bearer, profileFeed),
            Endpoint("POST", "/v3/pressie-albums/feed/update/read", .bearer, markRead),
            Endpoint("GET", "/v1/pics/limited/status", .bearer, limitedStatus),
            Endpoint("POST", "/v4/pics/expiring", .bearer, expirePictures),
            Endpoint("GET", "/v4/pics/expiring/status", .bearer, expiringPictures),
            Endpoint("GET", "/v4/videos/expiring/status", .bearer, expiringVideos),
        ])

    /// Signed URLs expire 15 minutes after issue and never past the end of the share they came
    /// through (`Links.visitorPolicy`).
    func policy(_ share: Share?) -> MediaSigner.Policy { Links.visitorPolicy(until: share?.expiresAt) }

    /// A signed URL of `variant` of `entry`, whatever the item's visibility.
    func url(_ entry: MediaEntry, _ variant: Variant, _ policy: MediaSigner.Policy) -> String {
        links.signedURL(entry, variant, policy)
    }

    /// The integer path parameter `name`; anything else names nothing (403, as missing).
    func id(_ context: Context, _ name: String) throws -> Int64 {
        guard let id = Int64(context.parameters[name] ?? ""), id > 0 else { throw LibraryError.albumNotFound }
        return id
    }

    /// `user`'s own album named in the path; anyone else's answers as missing.
    func ownAlbum(_ context: Context, _ user: User) throws -> Album {
        guard let album = try library.album(id: try id(context, "albumId"), ownerId: user.id ?? 0) else {
            throw LibraryError.albumNotFound
        }
        return album
    }

    /// An empty 200.
    static let empty = Response(status: .ok, headers: Headers([("Cache-Control", "no-store")]))

    /// `2026-03-27T20:39:00` (UTC, no zone, no fraction).
    static func date(_ date: Date) -> String { Timestamp.seconds(date) }

    /// Unix milliseconds.
    static func milliseconds(_ date: Date?) -> Int64? {
        date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }
}
