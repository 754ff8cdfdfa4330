import AlbumCore
import HTTP

/// Albumen's own JSON API: health for monitors, "who am I" so a client can check an API key
/// or bearer token, and one's media (`ServiceAPI+Media.swift`). The dialects of seeds 000–004
/// build their own shapes on the same use cases.
struct ServiceAPI: Dialect {
    let library: Library
    let links: Links
    let baseURL: String
    let kept: Kept

    init(services: Services) {
        library = services.library
        links = services.links
        kept = services.kept
        baseURL = services.configuration.baseURL
    }

    static let table = RouteTable(
        name: "service", envelope: .json, prefixes: ["/api/", "/healthz"],
        // Chevereto clients' keys work here too, from wherever they send them.
        credentials: CredentialSources(apiKey: [.header("X-API-Key"), .query("key"), .form("key")]),
        endpoints: [
            Endpoint("GET", "/healthz", .none, health),
            Endpoint("GET", "/api/me", .apiKeyOrBearer, me),
            Endpoint("GET", "/api/media", .apiKeyOrBearer, listMedia),
            Endpoint("POST", "/api/media", .apiKeyOrBearer, uploads: true, uploadMedia),
        ])

    /// Monitors poll this often: the two possible bodies are constants, not encoded each time.
    private static let healthy = Array(#"{"database":"ok","status":"ok"}"#.utf8)
    private static let unhealthy = Array(#"{"database":"unavailable","status":"error"}"#.utf8)

    static func health(_ context: Context) throws -> Response {
        do {
            try context.services.database.check()
            return .json(bytes: healthy)
        } catch {
            return .json(bytes: unhealthy, status: .serviceUnavailable)
        }
    }

    struct Me: Encodable {
        let id: Int64
        let uuid: String
        let username: String
        let role: String
    }

    func me(_ context: Context, _ user: User) throws -> Response {
        try .json(Me(id: user.id ?? 0, uuid: user.uuid, username: user.username, role: user.role.rawValue))
    }
}
