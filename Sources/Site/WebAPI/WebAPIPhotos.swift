import AlbumCore
import HTTP

/// `/api/photos`: list (newest first), upload (multipart `file`, optional `album_id`), move
/// (`album_id` null takes it out of its album), delete.
enum WebAPIPhotos {
    static func list(_ context: Context) throws -> Response {
        let user = try context.requiredUser
        return try context.site.keptListing(ownerId: user.id ?? 0, as: .webAPIPhoto) {
            let albums = try albumUUIDs(user, context)
            let entries = try context.services.library.media(ownerId: user.id ?? 0, limit: 10_000)
            return context.site.keptJSONList(entries, as: .webAPIPhoto) { json($0, user, albums, context) }
        }
    }

    static func upload(_ context: Context) throws -> Response {
        let user = try context.requiredUser
        let form = try context.multipart()
        guard let file = form.file("file") else { throw WebAPIError(.badRequest, "No se proporciono archivo") }
        var request = ImportRequest(ownerId: user.id ?? 0, file: file.path, originalFilename: file.filename)
        if let albumId = form.fields["album_id"], !albumId.isEmpty, albumId != "null" {
            guard let album = try context.services.library.album(uuid: albumId, ownerId: user.id ?? 0) else {
                throw WebAPIError(.notFound, "Album no encontrado")
            }
            request.albumId = album.id
        }
        request.uploaderIp = context.request.remoteAddress
        let entry = try context.services.library.importMedia(request)
        return .json(writing: json(entry, user, try albumUUIDs(user, context), context))
    }

    static func move(_ context: Context) throws -> Response {
        let user = try context.requiredUser
        let body = WebAPIBody.decode(WebAPIBody.Move.self, context)
        guard let id = body.id?.value, !id.isEmpty else {
            throw WebAPIError(.badRequest, "No se proporciono ID")
        }
        guard let mediaId = try context.services.library.mediaId(uuid: id, ownerId: user.id ?? 0) else {
            throw WebAPIError(.notFound, "Foto no encontrada")
        }
        var albumId: Int64?
        if let albumUUID = body.albumId?.value {
            guard let album = try context.services.library.album(uuid: albumUUID, ownerId: user.id ?? 0) else {
                throw WebAPIError(.notFound, "Album no encontrado")
            }
            albumId = album.id
        }
        try context.services.library.moveMedia(id: mediaId, toAlbum: albumId, ownerId: user.id ?? 0)
        return .json(writing: try entry(mediaId, user, context))
    }

    static func delete(_ context: Context) throws -> Response {
        let user = try context.requiredUser
        guard let id = WebAPIBody.decode(WebAPIBody.Target.self, context).id?.value, !id.isEmpty else {
            throw WebAPIError(.badRequest, "No se proporciono ID")
        }
        guard let mediaId = try context.services.library.mediaId(uuid: id, ownerId: user.id ?? 0) else {
            throw WebAPIError(.notFound, "Foto no encontrada")
        }
        try context.services.library.deleteMedia(id: mediaId, ownerId: user.id ?? 0)
        return try .json(["success": true])
    }

    private static func albumUUIDs(_ user: User, _ context: Context) throws -> [Int64: String] {
        Dictionary(
            uniqueKeysWithValues: try context.services.library.albums(ownerId: user.id ?? 0).map { ($0.id, $0.uuid) })
    }

    private static func entry(_ id: Int64?, _ user: User, _ context: Context) throws -> WebAPIWire.Photo {
        guard let entry = try context.services.library.media(id: id ?? 0, ownerId: user.id) else {
            throw WebAPIError(.notFound, "Foto no encontrada")
        }
        return json(entry, user, try albumUUIDs(user, context), context)
    }

    /// The photo object of seed 004; `blob_url` is the item's URL as the pages use it (signed
    /// while the item is private).
    static func json(_ entry: MediaEntry, _ user: User, _ albums: [Int64: String], _ context: Context)
        -> WebAPIWire.Photo
    {
        let item = entry.item
        return WebAPIWire.Photo(
            id: item.uuid, userId: user.uuid, albumId: item.albumId.flatMap { albums[$0] },
            blobURL: context.links.mediaURL(entry, .original(entry.ext)), fileName: item.originalFilename,
            fileSize: item.size, fileType: item.mime, width: item.width, height: item.height,
            createdAt: Timestamp.iso8601(item.createdAt))
    }
}
