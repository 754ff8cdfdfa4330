import AlbumCore
import HTTP

/// One route: method, full path, the credential it accepts, and what answers it.
public struct Endpoint: Sendable {
    public typealias Handler = @Sendable (Context) throws -> Response

    public let method: String
    public let path: String
    public let credential: Credential
    public let trailingSlash: TrailingSlash
    /// Takes files in (and makes thumbnails): counted against the user's concurrent uploads.
    public let uploads: Bool
    /// The words of this endpoint's 500, for a dialect that documents one per endpoint (the
    /// WebAPI's "Error al …"); nil keeps the table's own.
    public let failure: String?
    /// Makes what answers the route once the site's dialect values exist.
    let bind: @Sendable (Dialects) -> Handler

    /// A route answered by a function of the request alone (pages, health).
    public init(
        _ method: String, _ path: String, _ credential: Credential,
        trailingSlash: TrailingSlash = .exact, uploads: Bool = false, failure: String? = nil,
        _ handler: @escaping Handler
    ) {
        self.init(method, path, credential, trailingSlash, uploads, failure) { _ in handler }
    }

    /// A route answered by a function of the request and the signed-in user (`credential`
    /// requires one, so the function never sees a missing user).
    public init(
        _ method: String, _ path: String, _ credential: Credential,
        trailingSlash: TrailingSlash = .exact, uploads: Bool = false, failure: String? = nil,
        _ handler: @escaping @Sendable (Context, User) throws -> Response
    ) {
        precondition(credential.requiresUser, "\(method) \(path): a signed-in route needs a credential")
        self.init(method, path, credential, trailingSlash, uploads, failure) { _ in
            { context in try handler(context, try context.requiredUser) }
        }
    }

    /// A route answered by a method of dialect `D` for the signed-in user: the credential step
    /// has found one (`credential` requires it), so the method never sees a missing user.
    public init<D: Dialect>(
        _ method: String, _ path: String, _ credential: Credential,
        trailingSlash: TrailingSlash = .exact, uploads: Bool = false, failure: String? = nil,
        _ action: @escaping @Sendable (D) -> @Sendable (Context, User) throws -> Response
    ) {
        precondition(credential.requiresUser, "\(method) \(path): a signed-in route needs a credential")
        self.init(method, path, credential, trailingSlash, uploads, failure) { dialects in
            let answer = action(dialects.value(D.self))
            return { context in try answer(context, try context.requiredUser) }
        }
    }

    private init(
        _ method: String, _ path: String, _ credential: Credential, _ trailingSlash: TrailingSlash, _ uploads: Bool,
        _ failure: String?, bind: @escaping @Sendable (Dialects) -> Handler
    ) {
        self.method = method
        self.path = path
        self.credential = credential
        self.trailingSlash = trailingSlash
        self.uploads = uploads
        self.failure = failure
        self.bind = bind
    }
}

/// A dialect's or a page family's routes, with the one error format they all answer in.
public struct RouteTable: Sendable {
    public let name: String
    public let envelope: ErrorEnvelope
    /// Unmatched paths under these prefixes get this table's 404 (the longest prefix wins).
    public let prefixes: [String]
    /// HTML forms: unsafe methods must carry the CSRF token.
    public let checksCSRF: Bool
    /// The most bytes a text field of a form body may have (an urlencoded body as a whole).
    /// Pages keep the 1 MiB default; an API that takes base64 files raises it.
    public let formTextLimit: Int
    /// Where this table's API keys and bearer tokens may come from.
    public let credentials: CredentialSources
    /// Literal path segments match in any case (the original's paths did).
    public let caseInsensitivePaths: Bool
    public let endpoints: [Endpoint]

    public init(
        name: String, envelope: ErrorEnvelope, prefixes: [String], checksCSRF: Bool = false,
        formTextLimit: Int = 1024 * 1024, credentials: CredentialSources = .standard,
        caseInsensitivePaths: Bool = false, endpoints: [Endpoint]
    ) {
        self.caseInsensitivePaths = caseInsensitivePaths
        self.name = name
        self.envelope = envelope
        self.prefixes = prefixes
        self.checksCSRF = checksCSRF
        self.formTextLimit = formTextLimit
        self.credentials = credentials
        self.endpoints = endpoints
    }
}
