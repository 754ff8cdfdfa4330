import AlbumCore
import HTTP

/// The session-cookie JSON API of seed 004 (Galey Cloud), which the page scripts speak too: a
/// value made from the services it uses, its routes bound to its methods. Cookie-authenticated
/// unsafe calls pass the same-origin check (`Site.respond`). Each endpoint names the words of
/// its documented 500.
struct WebAPI: Dialect {
    let library: Library
    let links: Links
    let kept: Kept

    init(services: Services) {
        library = services.library
        links = services.links
        kept = services.kept
    }

    static let table = RouteTable(
        name: "webapi", envelope: WebAPIError.envelope, prefixes: ["/api/albums", "/api/photos"],
        endpoints: [
            Endpoint("GET", "/api/albums", .session, failure: "Error al obtener albums", listAlbums),
            Endpoint("POST", "/api/albums", .session, failure: "Error al crear album", createAlbum),
            Endpoint("DELETE", "/api/albums", .session, failure: "Error al eliminar album", deleteAlbum),
            Endpoint("GET", "/api/photos", .session, failure: "Error al obtener fotos", listPhotos),
            Endpoint("POST", "/api/photos/upload", .session, uploads: true, failure: "Error al subir", upload),
            Endpoint("PATCH", "/api/photos/move", .session, failure: "Error al mover foto", move),
            Endpoint("DELETE", "/api/photos/delete", .session, failure: "Error al eliminar foto", deletePhoto),
        ])
}
