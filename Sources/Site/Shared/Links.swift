import AlbumCore
import Foundation

/// Where a media item's bytes and pages are, and the codes in those addresses. `link` and
/// `public` items have permanent, unguessable paths (`/i/{link secret}/{name}.{variant}`);
/// private ones get signed URLs that expire (DESIGN §3). Either way nginx sends the bytes.
public struct Links: Sendable {
    /// The public origin, e.g. `http://127.0.0.1:8080` (absolute links in API answers).
    public let baseURL: String
    public let signer: MediaSigner
    /// `id_encoded` of media and of albums (Chevereto links, viewer and album pages).
    public let mediaCodes: ShortCode
    public let albumCodes: ShortCode

    public init(baseURL: String, secret: String, signedURLLifetime: TimeInterval, clock: Clock = Clock()) {
        self.baseURL = baseURL
        signer = MediaSigner(secret: secret, lifetime: signedURLLifetime, clock: clock)
        mediaCodes = ShortCode(secret: secret, purpose: "media")
        albumCodes = ShortCode(secret: secret, purpose: "album")
    }

    /// The absolute URL of `variant` of `entry`'s bytes.
    func mediaURL(_ entry: MediaEntry, _ variant: Variant) -> String {
        baseURL + mediaPath(entry, variant)
    }

    /// The same address without scheme and host, for this site's own pages.
    func mediaPath(_ entry: MediaEntry, _ variant: Variant) -> String {
        let suffix = Self.suffix(entry, variant)
        switch entry.item.visibility {
        case .link, .public: return "/i/\(entry.item.linkSecret)/\(fileName(entry.item)).\(suffix)"
        case .private: return signer.url(file: entry.sha256 + "." + suffix)
        }
    }

    /// The absolute URL of `variant` of `entry`'s own bytes signed under `policy`, whatever the
    /// item's visibility (the dialects' answers to the owner and to those they share with).
    func signedURL(_ entry: MediaEntry, _ variant: Variant, _ policy: MediaSigner.Policy) -> String {
        baseURL + signer.url(file: entry.sha256 + "." + Self.suffix(entry, variant), policy: policy)
    }

    /// What a variant's file name ends in: the original's own extension, else the variant's.
    private static func suffix(_ entry: MediaEntry, _ variant: Variant) -> String {
        variant == .original(entry.ext) ? entry.ext : variant.suffix
    }

    /// The readable name of an item's files and links: its title, else its original filename.
    func fileName(_ item: MediaItem) -> String {
        let base = item.title.isEmpty ? (item.originalFilename as NSString).deletingPathExtension : item.title
        return Slug.make(base, limit: 40, fallback: item.kind == .image ? "image" : "video")
    }

    /// How long media URLs issued through a share or a link live: 15 minutes (to within a
    /// 10-second step that lets a page or answer be reused a moment), never past `until`, the
    /// end of the share or the link.
    static func visitorPolicy(until: Date?) -> MediaSigner.Policy {
        MediaSigner.Policy(lifetime: 15 * 60, notAfter: until.map { Int($0.timeIntervalSince1970) }, step: 10)
    }

    /// A signed path of what a visitor (through a share, a link or a public album) gets for
    /// `variant` of `entry`: never the original itself, its clean copy (`Variant.shared`).
    func visitorPath(_ entry: MediaEntry, _ variant: Variant, _ policy: MediaSigner.Policy) -> String {
        signer.url(file: entry.sha256 + "." + variant.shared(entry).suffix, policy: policy)
    }

    /// The short code of a media item's links (`id_encoded`).
    public func mediaCode(_ item: MediaItem) -> String { mediaCodes.encode(item.id ?? 0) }

    /// The short code of an album (Chevereto's `album_id`).
    public func albumCode(_ id: Int64) -> String { albumCodes.encode(id) }

    func albumPage(_ album: Album) -> Page {
        .album(slug: Slug.make(album.name ?? "", limit: 60, fallback: "album"), code: albumCode(album.id))
    }

    func viewerPage(_ item: MediaItem) -> Page {
        .viewer(item.kind, slug: Slug.make(item.title, limit: 80, fallback: fileName(item)), code: mediaCode(item))
    }
}
