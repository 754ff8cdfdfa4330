import HTTP

/// The session-cookie JSON API of seed 004 (Galey Cloud), which the page scripts speak too.
/// Cookie-authenticated unsafe calls pass the same-origin check (`Site.respond`). Each endpoint
/// names the words of its documented 500.
enum WebAPIRoutes {
    static let table = RouteTable(
        name: "webapi", envelope: WebAPIError.envelope, prefixes: ["/api/albums", "/api/photos"],
        endpoints: [
            Endpoint("GET", "/api/albums", .session, failure: "Error al obtener albums", WebAPIAlbums.list),
            Endpoint("POST", "/api/albums", .session, failure: "Error al crear album", WebAPIAlbums.create),
            Endpoint("DELETE", "/api/albums", .session, failure: "Error al eliminar album", WebAPIAlbums.delete),
            Endpoint("GET", "/api/photos", .session, failure: "Error al obtener fotos", WebAPIPhotos.list),
            Endpoint(
                "POST", "/api/photos/upload", .session, uploads: true, failure: "Error al subir", WebAPIPhotos.upload),
            Endpoint("PATCH", "/api/photos/move", .session, failure: "Error al mover foto", WebAPIPhotos.move),
            Endpoint("DELETE", "/api/photos/delete", .session, failure: "Error al eliminar foto", WebAPIPhotos.delete),
        ])
}
