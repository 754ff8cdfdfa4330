import HTTP

/// Where a route table's credentials may come from. Each dialect states its own rules in its
/// table (Chevereto takes an API key from the query or the form as PHP's `$_REQUEST` does;
/// another dialect reads one header only, or accepts its original's bearer scheme word), and
/// the credential step reads nothing else.
public struct CredentialSources: Sendable {
    public enum Place: Sendable {
        /// A request header (names compare case-insensitively).
        case header(String)
        case query(String)
        /// A field of an urlencoded or multipart body.
        case form(String)
    }

    /// Where an API key is looked for, first found wins.
    public var apiKey: [Place]
    /// The scheme words accepted before a token in `Authorization` (any case).
    public var bearerSchemes: [String]
    /// Where a developer's API key may ride along with a bearer token (seed 001's `apiKey`):
    /// optional, but when one is there it must be a valid key.
    public var companionKey: [Place]

    public init(
        apiKey: [Place] = [.header("X-API-Key")], bearerSchemes: [String] = ["Bearer"], companionKey: [Place] = []
    ) {
        self.apiKey = apiKey
        self.bearerSchemes = bearerSchemes
        self.companionKey = companionKey
    }

    /// The `X-API-Key` header and `Authorization: Bearer`.
    public static let standard = CredentialSources()
}
