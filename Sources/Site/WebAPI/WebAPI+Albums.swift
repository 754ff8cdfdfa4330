import AlbumCore
import HTTP

/// `/api/albums`: list (oldest first, a bare array), create (trimmed name, 200), delete (the id
/// in the JSON body; items stay in the library; idempotent, as the original).
extension WebAPI {
    func listAlbums(_ context: Context, _ user: User) throws -> Response {
        .json(writingAll: try library.albums(ownerId: user.id ?? 0).map { json($0, user) })
    }

    func createAlbum(_ context: Context, _ user: User) throws -> Response {
        guard
            let name = WebAPIBody.decode(WebAPIBody.NewAlbum.self, context).name?.value?
                .trimmingCharacters(in: .whitespacesAndNewlines),
            !name.isEmpty
        else { throw WebAPIError(.badRequest, "Nombre requerido") }
        return .json(writing: json(try library.createAlbum(named: name, ownerId: user.id ?? 0), user))
    }

    func deleteAlbum(_ context: Context, _ user: User) throws -> Response {
        guard let id = WebAPIBody.decode(WebAPIBody.Target.self, context).id?.value, !id.isEmpty else {
            throw WebAPIError(.badRequest, "No se proporciono ID")
        }
        try library.deleteAlbum(uuid: id, ownerId: user.id ?? 0)
        return try .json(["success": true])
    }

    func json(_ album: Album, _ user: User) -> WebAPIWire.Album {
        WebAPIWire.Album(
            id: album.uuid, userId: user.uuid, name: album.name ?? "", createdAt: Timestamp.iso8601(album.createdAt))
    }
}
