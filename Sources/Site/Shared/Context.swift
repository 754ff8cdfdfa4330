import AlbumCore
import HTTP

/// What a handler gets: the request, its path parameters and query, and who is asking.
public final class Context: @unchecked Sendable {
    public let site: Site
    public let request: Request
    public let parameters: [String: String]
    public internal(set) var query = Parameters()
    public internal(set) var user: User?
    public internal(set) var session: AuthSession?
    /// The person signed in when they act for `user` as their group's manager ("Manage as").
    public internal(set) var manager: User?
    /// The cookie secret of `session`, needed to end it.
    public internal(set) var sessionSecret: String?
    /// The matched table's `formTextLimit`.
    var formTextLimit = 1024 * 1024
    private var parsedForm: Parameters?
    private var parsedMultipart: MultipartForm?

    init(site: Site, request: Request, parameters: [String: String]) {
        self.site = site
        self.request = request
        self.parameters = parameters
    }

    /// The signed-in user; only call from routes whose credential requires one.
    public var requiredUser: User {
        get throws {
            guard let user else { throw AuthFailure.missing }
            return user
        }
    }

    /// Fields of an urlencoded or multipart body (parsed once).
    public func form() throws -> Parameters {
        if let parsedForm { return parsedForm }
        let form: Parameters
        switch request.contentType {
        case "application/x-www-form-urlencoded":
            let bytes = try request.body.collect(limit: formTextLimit)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw HTTPError(.badRequest, "The form is not UTF-8 text.")
            }
            form = try Parameters(urlEncoded: text)
        case "multipart/form-data":
            form = try multipart().fields
        default:
            form = Parameters()
        }
        parsedForm = form
        return form
    }

    /// The multipart body, file parts written to the request's scratch space (parsed once).
    public func multipart() throws -> MultipartForm {
        if let parsedMultipart { return parsedMultipart }
        var limits = MultipartForm.Limits()
        limits.fieldBytes = max(limits.fieldBytes, formTextLimit)
        limits.totalFieldBytes = max(limits.totalFieldBytes, formTextLimit + limits.fieldBytes)
        let parsed = try MultipartForm(request: request, limits: limits)
        parsedMultipart = parsed
        return parsed
    }

    public var services: Services { site.services }
    public var links: Links { site.services.links }
    public var views: Views { site.services.views }

    /// Cookies carry `Secure` when the client reached nginx over HTTPS, or when the public
    /// address is `https://` (TLS ended by a proxy in front of nginx, which then speaks HTTP).
    var secureCookies: Bool { request.isSecure || site.publicOrigin.hasPrefix("https://") }
}
