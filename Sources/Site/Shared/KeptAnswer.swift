import AlbumCore
import Foundation
import HTTP

/// A whole answer drawn from one owner's library for one viewer (a listing, a shared album's
/// details, an album page's tiles, the album page itself), kept with the owner's library version it was drawn after, the expiry of its signed
/// URLs under its policy, and the moment it stops holding (a share's end). Everything such an
/// answer shows is the owner's rows (media, albums, shares, views through them: every change
/// moves the version, `Library.libraryVersion`, kept by triggers) or time (the expiry and
/// `until`), so it is served until one of them moves (`Kept.answer`).
final class KeptAnswer: Sendable {
    enum Kind: Hashable, Sendable {
        case listing(KeptRow.Shape)
        case sharedAlbumDetails
        /// The tiles of one page of an album, as its owner's album page shows them (the
        /// answer's body is the tiles' HTML).
        case albumTiles(page: Int)
        /// Seed 001's `GetAlbums` for one viewer standing, in one format.
        case pictureAlbums(Access.Standing, mask: Bool, pictureIds: Bool, format: WireFormat)
        /// Seed 002's `getPhotos` of one album for an admin or a participant, with its filters.
        case labeledPhotos(admin: Bool, label: String?, restrictedLabel: String?)
        /// The owner's album page at this path and query (without a label filter), its CSRF
        /// token left as a mark (`Kept.page`).
        case albumPage(path: String, query: String)
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
    /// Where the CSRF token's mark stands in a kept page's body (`Kept.page`); none in answers.
    let marks: [Int]

    init(
        ownerId: Int64, version: Int64, policy: MediaSigner.Policy, expires: Int, until: Date?, response: Response,
        marks: [Int]
    ) {
        self.ownerId = ownerId
        self.version = version
        self.policy = policy
        self.expires = expires
        self.until = until
        self.response = response
        self.marks = marks
    }

    /// Answers larger than this are drawn each time rather than kept (a library of thousands
    /// listed whole would hold megabytes per user).
    static let largest = 1 << 20
}
