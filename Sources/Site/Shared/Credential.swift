/// The credential a route accepts. Every route declares one; `Site.respond` enforces it before
/// the handler runs, so a handler never checks for itself whether someone is signed in.
public enum Credential: String, Sendable, CaseIterable {
    /// Anyone; no credential is looked at.
    case none
    /// A session cookie if there is one (pages that change for a signed-in visitor).
    case optionalSession = "session?"
    /// A session cookie, required.
    case session
    /// A session cookie, required, for the person themselves even while they manage a group
    /// member's library ("Manage as"): their own settings, keys and password.
    case ownSession = "own-session"
    /// A session cookie of an administrator; anyone else signed in gets 403. Always the person
    /// themselves, as `ownSession`.
    case adminSession = "admin-session"
    /// An API key, from where the route's table says (`CredentialSources`).
    case apiKey = "api-key"
    /// `Authorization: <scheme> <token>`, with the schemes the route's table accepts.
    case bearer
    /// Either an API key or a bearer token.
    case apiKeyOrBearer = "api-key|bearer"
    /// A URL signed by this server (`Expires`, `Signature`): media bytes.
    case signedURL = "signed-url"
    /// An unguessable secret in the path, which the handler checks against the row: permanent
    /// links to `link` media, Chevereto delete links.
    case pathSecret = "path-secret"

    /// Whether a request that passes it always has a signed-in user.
    var requiresUser: Bool {
        switch self {
        case .session, .ownSession, .adminSession, .apiKey, .bearer, .apiKeyOrBearer: true
        case .none, .optionalSession, .signedURL, .pathSecret: false
        }
    }

    var usesSession: Bool { [.session, .optionalSession, .ownSession, .adminSession].contains(self) }
}
