import AlbumCore
import HTTP

/// A whole listing's answer, kept with the owner's media version it was drawn after and the
/// moment its signed URLs expire. A listing shows nothing but the owner's media rows (and
/// what those rows fix: their blobs, the owner's and their albums' UUIDs), and every change
/// to those rows moves the version (`Library.libraryVersion`, kept by triggers), so a kept
/// answer is served until either moves: a client polling its library costs one small read
/// instead of decoding and writing every item again.
final class KeptListing: Sendable {
    struct Key: Hashable, Sendable {
        let ownerId: Int64
        let shape: KeptRow.Shape
    }

    let version: Int64
    let expires: Int
    let response: Response

    init(version: Int64, expires: Int, response: Response) {
        self.version = version
        self.expires = expires
        self.response = response
    }

    /// Answers larger than this are drawn each time rather than kept (a library of thousands
    /// listed whole would hold megabytes per user).
    static let largestKept = 1 << 20
}

extension Kept {
    /// `ownerId`'s listing in `shape`: the kept answer while the owner's media and the URLs'
    /// expiry are as they were, else `draw`'s (kept when it succeeds).
    func listing(ownerId: Int64, as shape: KeptRow.Shape, draw: () throws -> Response) throws -> Response {
        // The version is read before anything `draw` reads: a change committed in between
        // makes the kept answer newer than its version, never older, and the next request
        // draws again.
        let version = try library.libraryVersion(ownerId: ownerId)
        let expires = signer.expiry()
        let key = KeptListing.Key(ownerId: ownerId, shape: shape)
        if let kept = listings.known(key), kept.version == version, kept.expires == expires {
            return kept.response
        }
        let response = try draw()
        if response.status == .ok, response.body.count <= KeptListing.largestKept {
            listings.store(key, KeptListing(version: version, expires: expires, response: response))
        }
        return response
    }
}
