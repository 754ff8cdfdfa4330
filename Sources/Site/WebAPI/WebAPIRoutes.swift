import HTTP

/// The session-cookie JSON API of seed 004 (Galey Cloud), which the page scripts speak too.
/// Cookie-authenticated unsafe calls pass the same-origin check (`Site.respond`).
enum WebAPIRoutes {
    static let table = RouteTable(
        name: "webapi", envelope: WebAPIError.envelope, prefixes: ["/api/albums", "/api/photos"],
        endpoints: [
            Endpoint("GET", "/api/albums", .session, WebAPIAlbums.list),
            Endpoint("POST", "/api/albums", .session, WebAPIAlbums.create),
            Endpoint("DELETE", "/api/albums", .session, WebAPIAlbums.delete),
            Endpoint("GET", "/api/photos", .session, WebAPIPhotos.list),
            Endpoint("POST", "/api/photos/upload", .session, uploads: true, WebAPIPhotos.upload),
            Endpoint("PATCH", "/api/photos/move", .session, WebAPIPhotos.move),
            Endpoint("DELETE", "/api/photos/delete", .session, WebAPIPhotos.delete),
        ])
}
