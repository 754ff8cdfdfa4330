import AlbumCore
import HTTP

/// An album's items: upload (the same bytes keep their content id), order, delete, poster,
/// processing state, and a check of ids against the album.
extension SharedAlbums {
    /// `POST /v1/albums/{albumId}/content` (multipart `content`; `width`, `height` and
    /// `isFresh` are accepted and ignored) → `{"contentId","contentUrl"}`.
    func upload(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(context, user)
        let form = try context.multipart()
        guard let file = form.file("content") else {
            throw HTTPError(.badRequest, "Send the file in a part named \"content\".")
        }
        var request = ImportRequest(ownerId: user.id ?? 0, file: file.path, originalFilename: file.filename)
        request.albumId = album.id
        request.sameBytesSameId = true
        request.uploaderIp = context.request.remoteAddress
        let entry = try library.importMedia(request)
        var writer = JSONWriter(capacity: 400)
        writer.object { json in
            json.key("contentId")
            json.int(entry.item.id ?? 0)
            json.key("contentUrl")
            json.string(url(entry, .original(entry.ext), policy(nil)))
        }
        return .json(bytes: writer.bytes)
    }

    /// `POST /v1/albums/{albumId}/content/order` `{"contentIds"}`: exactly a permutation of the
    /// album's items, else 400.
    func reorder(_ context: Context, _ user: User) throws -> Response {
        let album = try ownAlbum(context, user)
        let body = try SharedAlbumsBody.decode(SharedAlbumsBody.Order.self, context)
        let items = try library.media(ownerId: user.id ?? 0, in: .album(album.id), limit: 100_000).compactMap(\.item.id)
        guard body.contentIds.count == items.count, Set(body.contentIds) == Set(items) else {
            throw LibraryError.badInput(
                field: "contentIds", reason: "contentIds must name every item of the album exactly once.")
        }
        try library.reorder(albumId: album.id, ownerId: user.id ?? 0, mediaIds: body.contentIds)
        return Self.empty
    }

    /// `DELETE /v1/albums/{albumId}/content/{contentId}`: the item goes (URLs already issued
    /// keep working until they expire); a repeat is 403.
    func deleteContent(_ context: Context, _ user: User) throws -> Response {
        let entry = try ownItem(context, user)
        try library.deleteMedia(id: entry.item.id ?? 0, ownerId: user.id ?? 0)
        return Self.empty
    }

    /// `GET …/content/{contentId}/poster` → `{"blurredPosterUrl","posterUrl"}`: a video's
    /// poster frame, a photo's thumbnail, each also blurred.
    func poster(_ context: Context, _ user: User) throws -> Response {
        let (entry, share) = try visibleItem(context, user)
        let policy = policy(share)
        let plain: Variant = entry.item.kind == .video ? .poster : .thumb
        var writer = JSONWriter(capacity: 600)
        writer.object { json in
            json.key("blurredPosterUrl")
            json.string(url(entry, .blurred, policy))
            json.key("posterUrl")
            json.string(url(entry, plain, policy))
        }
        return .json(bytes: writer.bytes)
    }

    /// `GET …/content/{contentId}/processing` → `{"processing"}` from the item's real state.
    func processing(_ context: Context, _ user: User) throws -> Response {
        let (entry, _) = try visibleItem(context, user)
        var writer = JSONWriter(capacity: 40)
        writer.object { json in
            json.key("processing")
            json.bool(entry.item.processingState != .ready)
        }
        return .json(bytes: writer.bytes)
    }

    /// `POST …/content/chat/list-by-id` `{"ids"}` (query `isFresh` ignored): the album's items
    /// with those ids, as `AlbumContent`, when every id is one of them; else 400 (as the
    /// original answered for ids not in the album).
    func listById(_ context: Context, _ user: User) throws -> Response {
        guard let (album, reach) = try sharing.album(id: try id(context, "albumId"), for: user.id ?? 0) else {
            throw LibraryError.albumNotFound
        }
        let share: Share?
        if case .recipient(let found) = reach { share = found } else { share = nil }
        let body = try SharedAlbumsBody.decode(SharedAlbumsBody.Ids.self, context)
        let entries = try library.media(ownerId: album.ownerId, in: .album(album.id), limit: 100_000)
        let byId = Dictionary(uniqueKeysWithValues: entries.map { ($0.item.id ?? 0, $0) })
        guard !body.ids.isEmpty, body.ids.allSatisfy({ byId[$0] != nil }) else {
            throw LibraryError.badInput(field: "ids", reason: "Every id must be an item of the album.")
        }
        let remaining = try share.map { try sharing.remainingViews($0) } ?? [:]
        var writer = JSONWriter(capacity: 256 + body.ids.count * 700)
        writer.object { json in
            json.key("content")
            json.array(body.ids) { json, id in
                let left = share.map { remaining[id] ?? $0.expiration.viewsPerItem }
                content(byId[id]!, share: share, remaining: left).write(to: &json)
            }
        }
        return .json(bytes: writer.bytes)
    }

    /// `user`'s own item named in the path, in their album named in the path.
    func ownItem(_ context: Context, _ user: User) throws -> MediaEntry {
        let album = try ownAlbum(context, user)
        guard let entry = try library.media(id: try id(context, "contentId"), ownerId: user.id ?? 0),
            entry.item.albumId == album.id
        else { throw LibraryError.mediaNotFound }
        return entry
    }

    /// An item of an album `user` may open (theirs, or shared with them and viewable), with the
    /// share it is seen through.
    func visibleItem(_ context: Context, _ user: User) throws -> (MediaEntry, Share?) {
        guard let (album, reach) = try sharing.album(id: try id(context, "albumId"), for: user.id ?? 0),
            let entry = try library.media(id: try id(context, "contentId"), ownerId: album.ownerId),
            entry.item.albumId == album.id
        else { throw LibraryError.albumNotFound }
        if case .recipient(let share) = reach { return (entry, share) }
        return (entry, nil)
    }
}
