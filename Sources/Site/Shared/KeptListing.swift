import AlbumCore
import Foundation
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

/// A whole answer about one thing of one owner seen by one viewer (a shared album's details),
/// kept with the owner's library version it was drawn after, the expiry of its signed URLs
/// under its policy, and the moment it stops holding (a share's end). Everything such an answer
/// shows is the owner's rows (media, albums, shares, views through them: all move the version)
/// or time (the expiry and `until`), so it is served until one of them moves.
final class KeptAnswer: Sendable {
    enum Kind: Hashable, Sendable {
        case sharedAlbumDetails
    }

    struct Key: Hashable, Sendable {
        let kind: Kind
        let subject: Int64
        let viewer: Int64
    }

    let ownerId: Int64
    let version: Int64
    let policy: MediaSigner.Policy
    let expires: Int
    let until: Date?
    let response: Response

    init(ownerId: Int64, version: Int64, policy: MediaSigner.Policy, expires: Int, until: Date?, response: Response) {
        self.ownerId = ownerId
        self.version = version
        self.policy = policy
        self.expires = expires
        self.until = until
        self.response = response
    }
}

extension Kept {
    /// What `draw` answers for `key`, or the kept answer while it holds. `owner` names whose
    /// library the answer is drawn from (nil: nothing to keep, draw every time); `draw` gives
    /// the answer, the policy its URLs were signed under and when it stops holding.
    func answer(
        _ key: KeptAnswer.Key, now: Date, owner: () throws -> Int64?,
        draw: () throws -> (response: Response, policy: MediaSigner.Policy, until: Date?)
    ) throws -> Response {
        if let kept = answers.known(key), kept.until.map({ now < $0 }) ?? true,
            signer.expiry(policy: kept.policy, now: now) == kept.expires,
            try library.libraryVersion(ownerId: kept.ownerId) == kept.version
        {
            return kept.response
        }
        // The version and the time are taken before drawing: a change meanwhile makes the kept
        // answer newer than its labels, never older, and the next request draws again.
        guard let ownerId = try owner() else { return try draw().response }
        let version = try library.libraryVersion(ownerId: ownerId)
        let drawn = try draw()
        if drawn.response.status == .ok, drawn.response.body.count <= KeptListing.largestKept {
            answers.store(
                key,
                KeptAnswer(
                    ownerId: ownerId, version: version, policy: drawn.policy,
                    expires: signer.expiry(policy: drawn.policy, now: now), until: drawn.until,
                    response: drawn.response))
        }
        return drawn.response
    }
}
