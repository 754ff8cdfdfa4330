import AlbumCore
import Foundation
import HTTP

/// What others share with me: the feed, one profile's part of it, the paywall (albums I can no
/// longer view), and the unseen marks.
extension SharedAlbums {
    /// `POST /v3/pressie-albums/feed` (optional `isFavorite`, `isOnline` — meaningless here —,
    /// `onlyVideo`, `blur`) → `PressieAlbumsFeedResponse`.
    func feed(_ context: Context, _ user: User) throws -> Response {
        let filters = try SharedAlbumsBody.decode(SharedAlbumsBody.Feed.self, context, empty: SharedAlbumsBody.Feed())
        return try feed(user, shares: try sharing.sharedWith(user.id ?? 0), filters: filters)
    }

    /// `GET /v3/pressie-albums/feed/{profileId}`: the feed of what that profile shares with me.
    func profileFeed(_ context: Context, _ user: User) throws -> Response {
        guard let profileId = Int64(context.parameters["profileId"] ?? "") else { throw LibraryError.albumNotFound }
        let shares = try sharing.sharedWith(user.id ?? 0).filter { $0.ownerId == profileId }
        return try feed(user, shares: shares, filters: SharedAlbumsBody.Feed())
    }

    private func feed(_ user: User, shares: [Share], filters: SharedAlbumsBody.Feed) throws -> Response {
        var albums = try sharedAlbums(shares, blur: filters.blur == true)
        if filters.onlyVideo == true { albums = albums.filter { $0.videoCount > 0 } }
        let profiles = try self.profiles(Set(albums.map(\.share.ownerId)))
        var owners: [Int64] = []
        for album in albums where !owners.contains(album.share.ownerId) { owners.append(album.share.ownerId) }
        let nonEmpty = try library.albumSummaries(ownerId: user.id ?? 0).filter { $0.itemCount > 0 }.count
        var writer = JSONWriter(capacity: 512 + albums.count * 900)
        writer.object { json in
            json.key("emptyAlbumId")
            json.null()
            json.key("experimentStatus")
            json.int(0)
            json.key("nonEmptyPersonalAlbumCount")
            json.int(nonEmpty)
            json.key("profileFeeds")
            json.array(owners) { json, owner in
                let theirs = albums.filter { $0.share.ownerId == owner }
                let newest = theirs.first
                json.object { json in
                    json.key("content")
                    json.object { json in
                        json.key("albumId")
                        json.int(newest?.album.id)
                        json.key("coverUrl")
                        json.string(newest?.cover?.url)
                    }
                    json.key("paywallStatus")
                    json.string(theirs.contains { $0.preview.albumViewable } ? "ALLOW" : "PAYWALL")
                    json.key("profile")
                    profiles(owner).write(to: &json)
                    json.key("profileId")
                    json.int(owner)
                    json.key("seen")
                    json.bool(theirs.allSatisfy { $0.share.seenAt != nil })
                }
            }
            json.key("sharedAlbums")
            json.array(albums) { json, shown in
                SharedAlbumsWire.FeedAlbum(
                    preview: shown.preview, albumVersion: shown.album.version,
                    expiresAt: Self.milliseconds(shown.share.expiresAt), imageCount: shown.imageCount,
                    videoCount: shown.videoCount, cover: shown.cover,
                    profile: profiles(shown.share.ownerId)
                ).write(to: &json)
            }
        }
        return .json(bytes: writer.bytes)
    }

    /// The profiles (users) with these ids as the feed shows them, looked up once; one that is
    /// gone shows its id without a name.
    func profiles(_ ids: Set<Int64>) throws -> (Int64) -> SharedAlbumsWire.Profile {
        var names: [Int64: String] = [:]
        for id in ids { names[id] = try accounts.user(id: id)?.username }
        return { SharedAlbumsWire.Profile(profileId: $0, name: names[$0] ?? "") }
    }

    /// `POST /v3/pressie-albums/feed/paywall/` `{"counterpartyId"}`: albums shared with me
    /// (by that profile, if given) that I can no longer view, with blurred covers and URLs.
    func paywall(_ context: Context, _ user: User) throws -> Response {
        let body = try SharedAlbumsBody.decode(
            SharedAlbumsBody.Paywall.self, context, empty: SharedAlbumsBody.Paywall(counterpartyId: nil))
        let now = clock.now()
        let closed = try sharing.sharedWith(user.id ?? 0).filter {
            !$0.isViewable(at: now) && (body.counterpartyId == nil || $0.ownerId == body.counterpartyId)
        }
        let profiles = try self.profiles(Set(closed.map(\.ownerId)))
        let policy = policy(nil)
        let items = try closed.map { try library.media(ownerId: $0.ownerId, in: .album($0.albumId), limit: 100_000) }
        var writer = JSONWriter(capacity: 256 + closed.count * 800)
        writer.object { json in
            json.key("albumPaywallContent")
            json.array(zip(closed, items)) { json, shown in
                let (share, entries) = shown
                json.object { json in
                    json.key("albumId")
                    json.int(share.albumId)
                    json.key("albumsItemCount")
                    json.int(entries.count)
                    json.key("paywallCoverUrl")
                    json.string(entries.first.map { url($0, .blurred, policy) } ?? "")
                    json.key("paywallUrls")
                    json.array(entries) { json, entry in json.string(url(entry, .blurred, policy)) }
                    json.key("profile")
                    profiles(share.ownerId).write(to: &json)
                }
            }
        }
        return .json(bytes: writer.bytes)
    }

    /// `POST /v3/pressie-albums/feed/update/read` `{"itemId","itemType","targetProfileId"}`:
    /// marks the shared album `itemId` seen, or with only `targetProfileId` everything that
    /// profile shares with me.
    func markRead(_ context: Context, _ user: User) throws -> Response {
        let body = try SharedAlbumsBody.decode(SharedAlbumsBody.Read.self, context)
        let recipient = user.id ?? 0
        if let albumId = body.itemId {
            try sharing.markSeen(recipientId: recipient, albumId: albumId)
        } else if let owner = body.targetProfileId {
            try sharing.markSeen(recipientId: recipient, ownerId: owner)
        } else {
            throw LibraryError.badInput(
                field: "itemId", reason: "Name the album (itemId) or the profile (targetProfileId).")
        }
        return Self.empty
    }

    /// `PUT /v1/albums/red-dot`: the unseen mark goes: everything shared with me is seen.
    func redDot(_ context: Context, _ user: User) throws -> Response {
        try sharing.markSeen(recipientId: user.id ?? 0)
        return Self.empty
    }
}
