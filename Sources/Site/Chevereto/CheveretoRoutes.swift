import HTTP

/// Chevereto's API V1.1 (seed 003): one upload endpoint, by POST or GET, trailing slash
/// accepted. Other versions and actions answer the original's coded errors.
enum CheveretoRoutes {
    static let table = RouteTable(
        name: "chevereto", envelope: CheveretoError.envelope, prefixes: ["/api/1/"],
        // base64 sources come as form text: allow up to 64 MiB of it (about 48 MiB of file).
        formTextLimit: 64 * 1024 * 1024,
        endpoints: [
            Endpoint("POST", "/api/1/upload", .apiKey, trailingSlash: .optional, CheveretoUpload.upload),
            Endpoint("GET", "/api/1/upload", .apiKey, trailingSlash: .optional, CheveretoUpload.upload),
            Endpoint("POST", "/api/:version/:action", .none, trailingSlash: .optional, unknown),
            Endpoint("GET", "/api/:version/:action", .none, trailingSlash: .optional, unknown),
        ])

    static func unknown(_ context: Context) throws -> Response {
        guard context.parameters["version"] == "1" else { throw CheveretoError("Invalid API version.", code: 110) }
        throw CheveretoError("Invalid API action", code: 120)
    }
}
