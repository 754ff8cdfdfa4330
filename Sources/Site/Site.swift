import AlbumCore
import Foundation
import HTTP
import Logging

/// Everything a URL reaches. `tables` is the one list of route tables; `respond` is the fixed
/// pipeline every request goes through: route, credential, same-origin and CSRF checks,
/// handler, and on any error the matched table's own error format.
public final class Site: Sendable {
    /// The one list of route tables, one line each.
    static func tables(debugRoutes: Bool) -> [RouteTable] {
        [
            PageRoutes.table,
            ServiceAPI.table,
            MediaRoutes.table,
            Chevereto.table,
            WebAPI.table,
            SharedAlbums.table,
            Pictures.table,
            LabeledAlbums.table,
        ] + (debugRoutes ? [DebugRoutes.table] : [])
    }

    public struct Configuration: Sendable {
        /// The public origin, e.g. `http://127.0.0.1:8080` (links in API answers).
        public var baseURL: String
        /// Signs media URLs.
        public var secret: String
        /// Test-only routes (a slow request for the drain test). Off in production.
        public var debugRoutes = false
        /// The transport's body limit, for the words of "too large" errors.
        public var maxUpload = 2 << 30
        /// Uploads from URLs (Chevereto `source=https://…`): who may, and the SSRF guard's caps.
        public var urlUploads = RemoteFetcher.Settings()
        /// Refuse the same bytes from the same address within a day (Chevereto's check; off by
        /// default, DESIGN §2.2).
        public var refuseDuplicates = false
        /// Requests a minute per credential (a session, an API key's or a token's user); 0 is off.
        public var rateLimit = 0
        /// Uploads in progress at once per user; 0 is off.
        public var uploadsPerUser = 3

        public init(baseURL: String, secret: String, debugRoutes: Bool = false) {
            self.baseURL = baseURL
            self.secret = secret
            self.debugRoutes = debugRoutes
        }
    }

    struct Route: Sendable {
        let endpoint: Endpoint
        let table: RouteTable
        /// The endpoint's handler, bound to this site's dialect values.
        let handler: Endpoint.Handler
    }

    /// The parts handlers work with (`Services.build` wires them).
    public let services: Services
    let rateLimiter: RateLimiter
    let uploadSlots: UploadSlots
    /// `scheme://host[:port]` of `configuration.baseURL`, lower-cased: the origin browsers send.
    let publicOrigin: String
    private let router: Router<Route>
    private let tables: [RouteTable]

    /// - Throws: `Router.Clash` when two routes have the same method and shape.
    public init(services: Services) throws {
        self.services = services
        let configuration = services.configuration
        publicOrigin = Self.origin(of: configuration.baseURL)
        rateLimiter = RateLimiter(perMinute: configuration.rateLimit)
        uploadSlots = UploadSlots(perUser: configuration.uploadsPerUser)
        tables = Self.tables(debugRoutes: configuration.debugRoutes)
        let dialects = Dialects(services: services)
        router = try Self.router(for: tables) { endpoint, table in
            Route(endpoint: endpoint, table: table, handler: endpoint.bind(dialects))
        }
    }

    var logger: Logger { services.logger }

    /// The route list as `albumen routes` prints it: method, path, credential, table.
    public static func routeList(debugRoutes: Bool = false) throws -> String {
        let tables = tables(debugRoutes: debugRoutes)
        _ = try router(for: tables) { endpoint, _ in endpoint.path }  // refuse clashes here too
        var lines = ""
        for table in tables {
            for endpoint in table.endpoints {
                let path = endpoint.path + (endpoint.trailingSlash == .optional ? "[/]" : "")
                lines +=
                    pad(endpoint.method, 7) + pad(path, 40) + pad(endpoint.credential.rawValue, 16) + table.name + "\n"
            }
        }
        return lines
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    /// `http://Example.org:8080/photos` → `http://example.org:8080`.
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url.lowercased() }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        return (url[..<schemeEnd.upperBound] + authority).lowercased()
    }

    static func router<Target>(for tables: [RouteTable], _ target: (Endpoint, RouteTable) -> Target) throws
        -> Router<Target>
    {
        var router = Router<Target>()
        for table in tables {
            for endpoint in table.endpoints {
                try router.add(
                    endpoint.method, endpoint.path, trailingSlash: endpoint.trailingSlash,
                    caseInsensitive: table.caseInsensitivePaths, target(endpoint, table))
            }
        }
        return router
    }

    /// Answers one request. Never throws: every failure becomes the table's error response.
    public func respond(_ request: Request) -> Response {
        let segments: [String]
        do {
            segments = try request.pathSegments()
        } catch {
            return fail(error, Context(site: self, request: request, parameters: [:]), nil)
        }
        switch router.match(method: request.method, segments: segments) {
        case .notFound:
            let context = Context(site: self, request: request, parameters: [:])
            return fail(HTTPError(.notFound, "There is nothing at this address."), context, nil)
        case .methodNotAllowed(let allowed):
            var problem = Problem(.methodNotAllowed, "\(request.method) is not allowed here.")
            problem.headers = [("Allow", allowed.joined(separator: ", "))]
            let context = Context(site: self, request: request, parameters: [:])
            return fallbackTable(for: request.rawPath).envelope.render(problem, context)
        case .found(let route, let parameters):
            let context = Context(site: self, request: request, parameters: parameters)
            do {
                // The request's reads share one transaction (a body streamed afterwards reads
                // on its own).
                return try services.database.reading { try run(route, context) }
            } catch {
                return fail(error, context, route.table, route.endpoint)
            }
        }
    }

    private func run(_ route: Route, _ context: Context) throws -> Response {
        if let refused = context.request.transportError { throw refused }
        context.formTextLimit = route.table.formTextLimit
        context.query = try Parameters(urlEncoded: context.request.queryString)
        let credential = route.endpoint.credential
        try Authentication.authenticate(context, credential, from: route.table.credentials)
        // Per credential: who it is and how they came (a browser session and a script's API key
        // of the same person are counted apart).
        if let user = context.user, let wait = rateLimiter.take("\(credential.rawValue) \(user.id ?? 0)") {
            throw RateLimited(retryAfter: wait)
        }
        if !context.request.isSafeMethod {
            if credential.usesSession { try Authentication.checkSameOrigin(context) }
            // A secret in the path is itself the permission: a cross-site form could only post
            // to it by knowing it, and then could use it directly.
            if route.table.checksCSRF && credential != .pathSecret { try Authentication.checkCSRF(context, credential) }
        }
        if route.endpoint.uploads, let user = context.user?.id {
            return try uploadSlots.holding(user) { try route.handler(context) }
        }
        return try route.handler(context)
    }

    /// The one place an error becomes a response: mapped to a `Problem`, then dressed by the
    /// matched table's envelope (or, for unmatched paths, the table that owns the prefix).
    private func fail(_ error: Error, _ context: Context, _ table: RouteTable?, _ endpoint: Endpoint? = nil) -> Response
    {
        var problem = Problem.from(error, logger: logger, requestId: context.request.id)
        if problem.status == .internalServerError, let words = endpoint?.failure { problem.message = words }
        return (table ?? fallbackTable(for: context.request.rawPath)).envelope.render(problem, context)
    }

    /// For a path no route matched, the table whose prefix fits best, so `/api/…` answers JSON.
    private func fallbackTable(for path: String) -> RouteTable {
        let folded = path.lowercased()
        return tables.compactMap { table in
            table.prefixes.filter {
                table.caseInsensitivePaths ? folded.hasPrefix($0.lowercased()) : path.hasPrefix($0)
            }
            .map(\.count).max().map { (table, $0) }
        }
        .max { $0.1 < $1.1 }?.0 ?? tables[0]
    }
}
