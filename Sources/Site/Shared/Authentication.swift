import AlbumCore
import Foundation
import HTTP

/// Finds and checks the credential a route declares; fills `context.user`.
enum Authentication {
    static let sessionCookie = "albumen_session"
    /// Double-submit token for forms shown before sign-in (the login form).
    static let formCookie = "albumen_form"

    static func authenticate(_ context: Context, _ credential: Credential, from sources: CredentialSources) throws {
        let request = context.request
        switch credential {
        case .none, .pathSecret:
            return
        case .optionalSession, .session, .ownSession, .adminSession:
            // Each cookie of that name in turn (a few at most): a stale one for a parent domain
            // must not hide the live session behind it.
            for secret in request.cookieValues(sessionCookie).prefix(4) {
                guard let found = try context.services.accounts.session(secret: secret) else { continue }
                context.user = found.user
                context.session = found.session
                context.sessionSecret = secret
                // A manager acting for a member: pages and uploads are the member's, the
                // person's own settings and the administration stay theirs.
                if let member = found.member, credential != .ownSession && credential != .adminSession {
                    context.manager = found.user
                    context.user = member
                }
                break
            }
            if credential != .optionalSession && context.user == nil { throw AuthFailure.missing }
            if credential == .adminSession && context.user?.isAdmin != true { throw AuthFailure.forbidden }
        case .apiKey:
            context.user = try userForAPIKey(context, sources)
        case .bearer:
            context.user = try userForBearer(context, sources)
            try checkCompanionKey(context, sources)
        case .signedURL:
            switch context.links.signer.verify(
                path: context.request.rawPath, expires: context.query["Expires"], signature: context.query["Signature"])
            {
            case .valid: return
            case .expired: throw AuthFailure.expiredSignature
            case .invalid: throw AuthFailure.badSignature
            }
        case .apiKeyOrBearer:
            if apiKey(context, sources) != nil {
                context.user = try userForAPIKey(context, sources)
            } else {
                context.user = try userForBearer(context, sources)
                try checkCompanionKey(context, sources)
            }
        }
    }

    /// A developer key sent beside a bearer token must be a valid key (of anyone: it names
    /// the program, the token the person).
    private static func checkCompanionKey(_ context: Context, _ sources: CredentialSources) throws {
        guard let key = first(sources.companionKey, context) else { return }
        guard !key.isEmpty, try context.services.accounts.user(for: .apiKey, secret: key) != nil else {
            throw AuthFailure.invalid
        }
    }

    /// Unsafe requests that ride on a cookie must come from this site. Browsers that send
    /// `Sec-Fetch-Site` are believed (a page cannot forge it); otherwise `Origin`, when present,
    /// must be the configured public origin (`ALBUMEN_BASE_URL`). Origin is not compared with
    /// Host: Debian's nginx passes `HTTP_HOST` as `$host`, without the port.
    static func checkSameOrigin(_ context: Context) throws {
        let headers = context.request.headers
        if let site = headers["Sec-Fetch-Site"]?.lowercased() {
            guard site == "same-origin" || site == "none" else { throw AuthFailure.crossSite }
            return
        }
        guard let origin = headers["Origin"]?.lowercased() else { return }
        let trusted = context.site.publicOrigin
        let viaHost = headers["Host"].flatMap {
            $0.contains(":") ? (context.request.isSecure ? "https://" : "http://") + $0.lowercased() : nil
        }
        guard origin == trusted || origin == viaHost else { throw AuthFailure.crossSite }
    }

    /// An unsafe HTML form must echo the session's CSRF token; forms that are also shown before
    /// sign-in (credential `session?`) may echo the double-submit cookie's value instead.
    static func checkCSRF(_ context: Context, _ credential: Credential) throws {
        let raw = try context.form()["_csrf"] ?? context.request.headers["X-CSRF-Token"] ?? ""
        let sent = raw.count > 43 ? CSRFMask.unmask(raw) ?? "" : raw
        var accepted = [context.session?.csrfToken]
        if credential == .optionalSession { accepted.append(context.request.cookies[formCookie]) }
        guard !sent.isEmpty, accepted.contains(where: { $0.map { Secrets.constantTimeEquals(sent, $0) } ?? false })
        else { throw AuthFailure.csrf }
    }

    /// The first key found where the table says to look.
    private static func apiKey(_ context: Context, _ sources: CredentialSources) -> String? {
        first(sources.apiKey, context)
    }

    private static func first(_ places: [CredentialSources.Place], _ context: Context) -> String? {
        for place in places {
            let found: String? =
                switch place {
                case .header(let name): context.request.headers[name]
                case .query(let name): context.query[name]
                case .form(let name): (try? context.form())?[name]
                }
            if let found { return found }
        }
        return nil
    }

    private static func userForAPIKey(_ context: Context, _ sources: CredentialSources) throws -> User {
        guard let key = apiKey(context, sources), !key.isEmpty else { throw AuthFailure.missing }
        guard let user = try context.services.accounts.user(for: .apiKey, secret: key) else {
            throw AuthFailure.invalid
        }
        return user
    }

    private static func userForBearer(_ context: Context, _ sources: CredentialSources) throws -> User {
        guard let header = context.request.headers["Authorization"] else { throw AuthFailure.missing }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, sources.bearerSchemes.contains(where: { $0.lowercased() == parts[0].lowercased() })
        else { throw AuthFailure.invalid }
        let token = parts[1].trimmingSpaces
        guard let user = try context.services.accounts.user(for: .token, secret: token) else {
            throw AuthFailure.invalid
        }
        return user
    }
}
