import AlbumCore
import HTTP

/// `/api/albums`: list (oldest first, a bare array), create (trimmed name, 200), delete (the id
/// in the JSON body; items stay in the library; idempotent, as the original).
enum WebAPIAlbums {
    static func list(_ context: Context) throws -> Response {
        let user = try context.requiredUser
        return .json(writingAll: try context.services.library.albums(ownerId: user.id ?? 0).map { json($0, user) })
    }

    static func create(_ context: Context) throws -> Response {
        let user = try context.requiredUser
        guard
            let name = WebAPIBody.decode(WebAPIBody.NewAlbum.self, context).name?.value?
                .trimmingCharacters(in: .whitespacesAndNewlines),
            !name.isEmpty
        else { throw WebAPIError(.badRequest, "Nombre requerido") }
        return .json(writing: json(try context.services.library.createAlbum(named: name, ownerId: user.id ?? 0), user))
    }

    static func delete(_ context: Context) throws -> Response {
        let user = try context.requiredUser
        guard let id = WebAPIBody.decode(WebAPIBody.Target.self, context).id?.value, !id.isEmpty else {
            throw WebAPIError(.badRequest, "No se proporciono ID")
        }
        try context.services.library.deleteAlbum(uuid: id, ownerId: user.id ?? 0)
        return try .json(["success": true])
    }

    static func json(_ album: Album, _ user: User) -> WebAPIWire.Album {
        WebAPIWire.Album(
            id: album.uuid, userId: user.uuid, name: album.name, createdAt: Timestamp.iso8601(album.createdAt))
    }
}
