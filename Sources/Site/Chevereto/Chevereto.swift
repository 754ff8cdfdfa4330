import AlbumCore
import HTTP
import Logging

/// Chevereto's API V1.1 (seed 003): one upload endpoint, by POST or GET, trailing slash
/// accepted. Other versions and actions answer the original's coded errors. A value made
/// from the services it uses; its upload route is bound to its method.
struct Chevereto: Dialect {
    let library: Library
    let links: Links
    let configuration: Site.Configuration
    let fetcher: RemoteFetcher
    let logger: Logger

    init(services: Services) {
        library = services.library
        links = services.links
        configuration = services.configuration
        fetcher = services.fetcher
        logger = services.logger
    }

    static let table = RouteTable(
        name: "chevereto", envelope: CheveretoError.envelope, prefixes: ["/api/1/"],
        // base64 sources come as form text: allow up to 64 MiB of it (about 48 MiB of file).
        formTextLimit: 64 * 1024 * 1024,
        // The key as PHP's `$_REQUEST` finds it: the header, then the query, then the body.
        credentials: CredentialSources(apiKey: [.header("X-API-Key"), .query("key"), .form("key")]),
        endpoints: [
            Endpoint("POST", "/api/1/upload", .apiKey, trailingSlash: .optional, uploads: true, upload),
            Endpoint("GET", "/api/1/upload", .apiKey, trailingSlash: .optional, uploads: true, upload),
            // Other versions of upload, other actions of version 1. Not `/api/:version/:action`:
            // that would answer every unknown `/api/a/b` of the other APIs in Chevereto's words.
            Endpoint("POST", "/api/:version/upload", .none, trailingSlash: .optional, unknownVersion),
            Endpoint("GET", "/api/:version/upload", .none, trailingSlash: .optional, unknownVersion),
            Endpoint("POST", "/api/1/:action", .none, trailingSlash: .optional, unknownAction),
            Endpoint("GET", "/api/1/:action", .none, trailingSlash: .optional, unknownAction),
        ])

    static func unknownVersion(_ context: Context) throws -> Response {
        throw CheveretoError("Invalid API version.", code: 110)
    }

    static func unknownAction(_ context: Context) throws -> Response {
        throw CheveretoError("Invalid API action", code: 120)
    }
}
