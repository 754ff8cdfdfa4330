import AlbumCore
import HTTP

/// `/api/photos`: list (newest first), upload (multipart `file`, optional `album_id`), move
/// (`album_id` null takes it out of its album), delete.
extension WebAPI {
    /// Every photo at once (seed 004 has no paging). A library of up to `keptListing` items is
    /// answered whole and kept until it changes; a larger one is streamed in runs of 1000 read
    /// by their key, so memory stays flat and nothing waits for the whole list.
    func listPhotos(_ context: Context, _ user: User) throws -> Response {
        let ownerId = user.id ?? 0
        if try library.keptCount(ownerId: ownerId) > Self.keptListing { return try streamPhotos(user) }
        return try kept.listing(ownerId: ownerId, as: .webAPIPhoto) {
            let albums = try albumUUIDs(user)
            // No cut: uploads since the count above belong in the answer too.
            let entries = try library.media(ownerId: ownerId, limit: Int(Int32.max))
            return kept.jsonList(entries, as: .webAPIPhoto) { json($0, user, albums) }
        }
    }

    private func streamPhotos(_ user: User) throws -> Response {
        let (library, ownerId, albums) = (library, user.id ?? 0, try albumUUIDs(user))
        let run: @Sendable (MediaItem?) throws -> [MediaEntry] = { last in
            guard let last else { return try library.media(ownerId: ownerId, limit: 1000) }
            return try library.media(ownerId: ownerId, limit: 1000, after: last)
        }
        let api = self
        return StreamedList.json(run: run) { api.json($0, user, albums) }
    }

    static let keptListing = 5000

    func upload(_ context: Context, _ user: User) throws -> Response {
        let form = try context.multipart()
        guard let file = form.file("file") else { throw WebAPIError(.badRequest, "No se proporciono archivo") }
        var request = ImportRequest(ownerId: user.id ?? 0, file: file.path, originalFilename: file.filename)
        if let albumId = form.fields["album_id"], !albumId.isEmpty, albumId != "null" {
            guard let album = try library.album(uuid: albumId, ownerId: user.id ?? 0) else {
                throw WebAPIError(.notFound, "Album no encontrado")
            }
            request.albumId = album.id
        }
        request.uploaderIp = context.request.remoteAddress
        let entry = try library.importMedia(request)
        return .json(writing: json(entry, user, try albumUUIDs(user)))
    }

    func move(_ context: Context, _ user: User) throws -> Response {
        let body = WebAPIBody.decode(WebAPIBody.Move.self, context)
        guard let id = body.id?.value, !id.isEmpty else {
            throw WebAPIError(.badRequest, "No se proporciono ID")
        }
        guard let mediaId = try library.mediaId(uuid: id, ownerId: user.id ?? 0) else {
            throw WebAPIError(.notFound, "Foto no encontrada")
        }
        var albumId: Int64?
        if let albumUUID = body.albumId?.value {
            guard let album = try library.album(uuid: albumUUID, ownerId: user.id ?? 0) else {
                throw WebAPIError(.notFound, "Album no encontrado")
            }
            albumId = album.id
        }
        try library.moveMedia(id: mediaId, toAlbum: albumId, ownerId: user.id ?? 0)
        return .json(writing: try entry(mediaId, user))
    }

    func deletePhoto(_ context: Context, _ user: User) throws -> Response {
        guard let id = WebAPIBody.decode(WebAPIBody.Target.self, context).id?.value, !id.isEmpty else {
            throw WebAPIError(.badRequest, "No se proporciono ID")
        }
        guard let mediaId = try library.mediaId(uuid: id, ownerId: user.id ?? 0) else {
            throw WebAPIError(.notFound, "Foto no encontrada")
        }
        try library.deleteMedia(id: mediaId, ownerId: user.id ?? 0)
        return try .json(["success": true])
    }

    private func albumUUIDs(_ user: User) throws -> [Int64: String] {
        Dictionary(uniqueKeysWithValues: try library.albums(ownerId: user.id ?? 0).map { ($0.id, $0.uuid) })
    }

    private func entry(_ id: Int64?, _ user: User) throws -> WebAPIWire.Photo {
        guard let entry = try library.media(id: id ?? 0, ownerId: user.id) else {
            throw WebAPIError(.notFound, "Foto no encontrada")
        }
        return json(entry, user, try albumUUIDs(user))
    }

    /// The photo object of seed 004; `blob_url` is the item's URL as the pages use it (signed
    /// while the item is private).
    func json(_ entry: MediaEntry, _ user: User, _ albums: [Int64: String]) -> WebAPIWire.Photo {
        let item = entry.item
        return WebAPIWire.Photo(
            id: item.uuid, userId: user.uuid, albumId: item.albumId.flatMap { albums[$0] },
            blobURL: links.mediaURL(entry, .original(entry.ext)), fileName: item.originalFilename,
            fileSize: item.size, fileType: item.mime, width: item.width, height: item.height,
            createdAt: Timestamp.iso8601(item.createdAt))
    }
}
