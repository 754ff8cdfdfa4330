import AlbumCore
import Foundation
import HTTP

/// Albums: the caller's own (list, create, rename, delete) and one album's details, for its
/// owner or a recipient whose share is viewable.
extension SharedAlbums {
    /// `GET /v1/albums` → `{"albums":[MyAlbum]}`, `content` the album's cover item (or null).
    func myAlbums(_ context: Context, _ user: User) throws -> Response {
        let ownerId = user.id ?? 0
        let summaries = try library.albumSummaries(ownerId: ownerId)
        let counts = try sharing.shareCounts(ownerId: ownerId)
        let shareable = try isShareable(ownerId: ownerId, counts: counts)
        var writer = JSONWriter(capacity: 256 + summaries.count * 700)
        writer.object { json in
            json.key("albums")
            json.array(summaries) { json, summary in
                let album = summary.album
                SharedAlbumsWire.MyAlbum(
                    albumId: album.id, albumName: album.name, profileId: ownerId, version: album.version,
                    content: summary.cover.map { content($0, share: nil, remaining: nil) },
                    isShareable: shareable(album.id), sharedCount: counts[album.id] ?? 0,
                    createdAt: Self.date(album.createdAt), updatedAt: Self.date(album.updatedAt)
                ).write(to: &json)
            }
        }
        return .json(bytes: writer.bytes)
    }

    /// Whether each album may be shared: it is already, or the plan has room for one more.
    private func isShareable(ownerId: Int64, counts: [Int64: Int]) throws -> (Int64) -> Bool {
        let limit = try library.plan(for: ownerId).maxShareableAlbums
        let room = limit.map { counts.count < $0 } ?? true
        return { counts[$0] != nil || room }
    }

    /// `POST /v2/albums` `{"albumName"}` → `{"albumId"}`; 402 past the plan's albums.
    func createAlbum(_ context: Context, _ user: User) throws -> Response {
        let body = try SharedAlbumsBody.decode(SharedAlbumsBody.AlbumName.self, context)
        let album = try library.createAlbum(exactly: body.albumName, ownerId: user.id ?? 0)
        return try .json(["albumId": album.id])
    }

    /// `PUT /v2/albums/{albumId}` `{"albumName"}` → `{"albumId","albumName"}`.
    func renameAlbum(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(context, user)
        let body = try SharedAlbumsBody.decode(SharedAlbumsBody.AlbumName.self, context)
        let renamed = try library.renameAlbum(id: album.id, ownerId: user.id ?? 0, exactly: body.albumName)
        var writer = JSONWriter(capacity: 300)
        writer.object { json in
            json.key("albumId")
            json.int(renamed.id)
            json.key("albumName")
            json.string(renamed.name)
        }
        return .json(bytes: writer.bytes)
    }

    /// `DELETE /v1/albums/{albumId}`: the album goes, its items stay in the owner's library; a
    /// repeat is 403 (the album is missing then).
    func deleteAlbum(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(context, user)
        guard try library.deleteAlbum(uuid: album.uuid, ownerId: user.id ?? 0) else { throw LibraryError.albumNotFound }
        return Self.empty
    }

    /// `GET /v2/albums/{albumId}` → `AlbumDetailsResponse`: for the owner every item without
    /// `remainingViews`; for a recipient whose share is viewable, with each item's remaining
    /// views (its `url` empty at 0) and URLs that die with the share.
    /// Kept whole (`KeptAnswer`) while the owner's library, the URLs' expiry and the share
    /// hold: a client polling an album costs one small read.
    func albumDetails(_ context: Context, _ user: User) throws -> Response {
        let viewerId = user.id ?? 0
        let albumId = try id(context, "albumId")
        return try kept.answer(
            KeptAnswer.Key(kind: .sharedAlbumDetails, subject: albumId, viewer: viewerId),
            owner: { try library.albumOwner(id: albumId) }
        ) { try drawDetails(albumId, viewerId) }
    }

    private func drawDetails(_ albumId: Int64, _ viewerId: Int64) throws -> (
        response: Response, policy: MediaSigner.Policy, until: Date?
    ) {
        guard let (album, reach) = try sharing.album(id: albumId, for: viewerId) else {
            throw LibraryError.albumNotFound
        }
        let share: Share?
        if case .recipient(let found) = reach { share = found } else { share = nil }
        let entries = try library.media(ownerId: album.ownerId, in: .album(album.id), limit: 10_000)
        let remaining = try share.map { try sharing.remainingViews($0) } ?? [:]
        let counts = try sharing.shareCounts(ownerId: album.ownerId)
        let numbering = try number(album, for: viewerId, share: share, shareCounts: counts)
        let details = SharedAlbumsWire.Details(
            preview: SharedAlbumsWire.Preview(
                albumId: album.id, albumNumber: numbering?.number, totalAlbumsShared: numbering?.total,
                hasUnseenContent: share.map { $0.seenAt == nil } ?? false, albumName: album.name,
                profileId: album.ownerId, albumViewable: true),
            sharedCount: counts[album.id] ?? 0,
            createdAt: Self.date(album.createdAt), updatedAt: Self.date(album.updatedAt),
            content: entries.map { entry in
                content(
                    entry, share: share,
                    remaining: share.map { remaining[entry.item.id ?? 0] ?? $0.expiration.viewsPerItem })
            })
        return (.json(writing: details), policy(share), share?.expiresAt)
    }

    /// The album's place, 1-based, and how many albums are shared: for the owner among all
    /// their albums, with the count of those shared with anyone; for a recipient among the
    /// owner's albums shared with them that are still viewable. Nil once the share has run out.
    /// `shareCounts` are the owner's (`Sharing.shareCounts`).
    func number(_ album: Album, for viewerId: Int64, share: Share?, shareCounts: [Int64: Int]) throws -> (
        number: Int, total: Int
    )? {
        let now = clock.now()
        guard let share else {
            return (try library.albumsBefore(album) + 1, shareCounts.count)
        }
        guard share.isViewable(at: now) else { return nil }
        let ids = try sharing.sharedWith(viewerId).filter { $0.ownerId == album.ownerId && $0.isViewable(at: now) }
            .map(\.albumId).sorted()
        return ((ids.firstIndex(of: album.id) ?? 0) + 1, ids.count)
    }

    /// An item as `AlbumContent`: blurred cover, thumbnail and original, signed for `share`'s
    /// policy; the original's URL is `""` when no views are left. Through a share the
    /// "original" is its clean copy (no GPS, no serials); the owner gets the upload itself.
    func content(_ entry: MediaEntry, share: Share?, remaining: Int?) -> SharedAlbumsWire.Content {
        let policy = policy(share)
        let original = share == nil ? Variant.original(entry.ext) : Variant.original(entry.ext).shared(entry)
        return SharedAlbumsWire.Content(
            contentId: entry.item.id ?? 0, contentType: entry.item.mime, coverUrl: url(entry, .blurred, policy),
            processing: entry.item.processingState != .ready, thumbUrl: url(entry, .thumb, policy),
            url: remaining == 0 ? "" : url(entry, original, policy), remainingViews: remaining)
    }
}
