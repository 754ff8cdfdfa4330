/// A transport-neutral HTTP request, as the FastCGI layer (or a test) builds it.
public struct Request: Sendable {
    public var id: String
    public var method: String
    /// The raw request target's path part, still percent-encoded.
    public var rawPath: String
    /// The raw query string, without `?`; parse it with `Parameters(query:)`.
    public var queryString: String
    public var headers: Headers
    public var body: RequestBody
    public var remoteAddress: String
    /// Whether the client reached nginx over HTTPS (decides the cookie's `Secure`).
    public var isSecure: Bool
    /// Where per-request temporary files go; removed when the request is done.
    public var scratch: ScratchSpace?
    /// Set when the transport refused the body (too large, cut short): the site answers it in
    /// the matched route's own error format.
    public var transportError: HTTPError?

    public init(
        id: String = "-", method: String, target: String, headers: Headers = Headers(),
        body: RequestBody = .empty, remoteAddress: String = "127.0.0.1", isSecure: Bool = false,
        scratch: ScratchSpace? = nil
    ) {
        self.id = id
        self.method = method.uppercased()
        if let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            rawPath = String(target[..<mark])
            queryString = String(target[target.utf8.index(after: mark)...])
        } else {
            rawPath = target
            queryString = ""
        }
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.isSecure = isSecure
        self.scratch = scratch
    }

    /// The decoded path segments; a trailing slash shows as a final empty segment.
    public func pathSegments() throws -> [String] {
        guard rawPath.hasPrefix("/") else { throw HTTPError(.badRequest, "The request path is malformed.") }
        return try rawPath.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
            try PercentEncoding.decode(utf8: $0)
        }
    }

    public var cookies: [String: String] { Cookies.parse(headers.values("Cookie")) }

    /// Every value of cookie `name` the request carries (`Cookies.values`).
    public func cookieValues(_ name: String) -> [String] { Cookies.values(named: name, in: headers.values("Cookie")) }

    /// The media type of the body, lower-cased, without parameters.
    public var contentType: String? {
        headers["Content-Type"].map { HeaderValue($0).value.lowercased() }
    }

    public var isSafeMethod: Bool { ["GET", "HEAD", "OPTIONS"].contains(method) }
}
