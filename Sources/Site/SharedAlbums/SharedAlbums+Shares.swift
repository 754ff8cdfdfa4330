import AlbumCore
import HTTP

/// Sharing an album with profiles, and a recipient's views of it and of its items.
extension SharedAlbums {
    /// `POST /v4/albums/{albumId}/shares` `{"profiles":[{"profileId","expirationType"}]}`:
    /// only the owner shares; sharing again changes the share and restarts it.
    func share(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(context, user)
        let body = try SharedAlbumsBody.decode(SharedAlbumsBody.Share.self, context)
        try sharing.share(
            albumId: album.id, ownerId: user.id ?? 0, with: body.profiles.map { ($0.profileId, $0.expirationType) })
        return Self.empty
    }

    /// `GET /v1/albums/{albumId}/shares` → `{"profileIds"}`.
    func shares(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(context, user)
        return try .json(["profileIds": try sharing.recipients(albumId: album.id, ownerId: user.id ?? 0)])
    }

    /// `PUT /v1/albums/{albumId}/unshares` `{"profiles":[{"profileId","shareId"}]}`.
    func unshare(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(context, user)
        let body = try SharedAlbumsBody.decode(SharedAlbumsBody.Unshare.self, context)
        try sharing.unshare(albumId: album.id, ownerId: user.id ?? 0, recipients: body.profiles.map(\.profileId))
        return Self.empty
    }

    /// `PUT /v1/albums/{albumId}/shares/remove`: the owner unshares it from everybody; anyone
    /// else gets 403.
    func unshareAll(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(context, user)
        try sharing.unshareAll(albumId: album.id, ownerId: user.id ?? 0)
        return Self.empty
    }

    /// `GET /v3/albums/{albumId}/view`: a recipient opens the album. The first view starts a
    /// timed share's clock; a second view of a "view once" album is 403. The owner's own view
    /// changes nothing.
    func viewAlbum(_ context: Context, _ user: User) throws -> Response {
        let albumId = try id(context, "albumId")
        if try library.ownsAlbum(id: albumId, ownerId: user.id ?? 0) { return Self.empty }
        try sharing.view(albumId: albumId, recipientId: user.id ?? 0)
        return Self.empty
    }

    /// `POST /v1/albums/{albumId}/view/content/{contentId}` → `{"remainingViews"}`: counted
    /// down for "view once" shares (never below 0, never an error at 0), -1 otherwise and for
    /// the owner.
    func viewContent(_ context: Context, _ user: User) throws -> Response {
        let (entry, share) = try visibleItem(context, user)
        let remaining =
            try share.map {
                try sharing.viewItem(albumId: $0.albumId, mediaId: entry.item.id ?? 0, recipientId: user.id ?? 0)
            } ?? -1
        return try .json(["remainingViews": remaining])
    }

    /// `POST /v2/albums/shares` `{"profileId"}` → whether that profile has albums, and whether
    /// they share one with me that I can view.
    func profileInfo(_ context: Context, _ user: User) throws -> Response {
        let profileId = try SharedAlbumsBody.decode(SharedAlbumsBody.ProfileQuery.self, context).profileId
        let now = clock.now()
        let hasAlbum = try !library.albums(ownerId: profileId).isEmpty
        let sharesWithMe = try sharing.sharedWith(user.id ?? 0).contains {
            $0.ownerId == profileId && $0.isViewable(at: now)
        }
        var writer = JSONWriter(capacity: 100)
        writer.object { json in
            json.key("hasAlbum")
            json.bool(hasAlbum)
            json.key("hasSharedWithMe")
            json.bool(sharesWithMe)
            json.key("profileId")
            json.int(profileId)
        }
        return .json(bytes: writer.bytes)
    }

    /// `GET /v2/albums/shares/{profileId}` → the albums that profile shares with me, each with
    /// one blurred cover and its counts; an album whose share has run out is listed not
    /// viewable, without numbers or URLs.
    func sharedByProfile(_ context: Context, _ user: User) throws -> Response {
        guard let profileId = Int64(context.parameters["profileId"] ?? "") else { throw LibraryError.albumNotFound }
        let shared = try sharing.sharedWith(user.id ?? 0).filter { $0.ownerId == profileId }
        let albums = try sharedAlbums(shared, blur: true)
        var writer = JSONWriter(capacity: 256 + albums.count * 600)
        writer.object { json in
            json.key("albums")
            json.array(albums) { json, shown in
                SharedAlbumsWire.SharedByProfile(
                    preview: shown.preview, expiresAt: Self.milliseconds(shown.share.expiresAt),
                    expirationType: shown.share.expiration.rawValue,
                    content: shown.cover.map {
                        SharedAlbumsWire.ContentMin(contentId: $0.id, contentType: $0.contentType, coverUrl: $0.url)
                    }, imageCount: shown.imageCount, videoCount: shown.videoCount
                ).write(to: &json)
            }
        }
        return .json(bytes: writer.bytes)
    }

    /// A shared album as the lists show it (numbered among the owner's albums shared with me
    /// that are viewable), with its cover (blurred or not) and counts.
    struct SharedAlbum {
        let share: Share
        let album: Album
        let preview: SharedAlbumsWire.Preview
        let cover: (id: Int64, contentType: String, url: String?)?
        let imageCount: Int
        let videoCount: Int
    }

    func sharedAlbums(_ shares: [Share], blur: Bool) throws -> [SharedAlbum] {
        let now = clock.now()
        var viewable: [Int64: [Int64]] = [:]
        for share in shares where share.isViewable(at: now) {
            viewable[share.ownerId, default: []].append(share.albumId)
        }
        return try shares.compactMap { share in
            guard let album = try library.album(id: share.albumId, ownerId: share.ownerId) else { return nil }
            let entries = try library.media(ownerId: share.ownerId, in: .album(album.id), limit: 100_000)
            let open = share.isViewable(at: now)
            let ids = (viewable[share.ownerId] ?? []).sorted()
            let first = entries.first { $0.item.id == album.coverMediaId } ?? entries.first
            return SharedAlbum(
                share: share, album: album,
                preview: SharedAlbumsWire.Preview(
                    albumId: album.id, albumNumber: open ? (ids.firstIndex(of: album.id) ?? 0) + 1 : nil,
                    totalAlbumsShared: open ? ids.count : nil, hasUnseenContent: share.seenAt == nil,
                    albumName: album.name, profileId: album.ownerId, albumViewable: open),
                cover: first.map {
                    (
                        $0.item.id ?? 0, $0.item.mime,
                        open ? url($0, blur ? .blurred : .thumb, policy(share)) : nil
                    )
                },
                imageCount: entries.filter { $0.item.kind == .image }.count,
                videoCount: entries.filter { $0.item.kind == .video }.count)
        }
    }
}
