import AlbumCore
import HTTP

/// Signing in and out.
enum LoginPage {
    /// Set at sign-in, sent back only to `/login` (`LoginThrottle`'s device cookie).
    static let deviceCookie = "albumen_device"

    static func show(_ context: Context) throws -> Response {
        if context.user != nil { return .redirect(to: Page.safeNext(context.query["next"]) ?? Page.library.path) }
        return try form(context, next: context.query["next"], username: "", error: nil, status: .ok)
    }

    static func submit(_ context: Context) throws -> Response {
        let form = try context.form()
        let username = form["username"] ?? ""
        let request = context.request
        let user: User
        let accounts = context.services.accounts
        do {
            user = try accounts.authenticate(
                username: username, password: form["password"] ?? "", address: request.remoteAddress,
                deviceToken: request.cookies[deviceCookie])
        } catch let error as AccountError {
            switch error {
            case .invalidCredentials, .throttled:
                let problem = Problem.from(error, logger: context.services.logger, requestId: request.id)
                var response = try self.form(
                    context, next: form["next"], username: username, error: problem.message, status: problem.status)
                for (name, value) in problem.headers { response.headers.add(name, value) }
                return response
            default: throw error
            }
        }
        // A new session at every sign-in: a session id planted before login is worthless.
        if let old = context.sessionSecret { try context.services.accounts.endSession(secret: old) }
        let started = try context.services.accounts.startSession(
            for: user, address: request.remoteAddress, userAgent: request.headers["User-Agent"])
        var response = Response.redirect(to: Page.safeNext(form["next"]) ?? Page.library.path)
        response.setCookie(
            SetCookie(
                name: Authentication.sessionCookie, value: started.secret,
                maxAge: Int(accounts.sessionLifetime), secure: context.secureCookies))
        // This browser has now signed in to this account: others guessing at it do not slow it down.
        var device = SetCookie(
            name: deviceCookie, value: accounts.throttle.deviceToken(username: user.username),
            maxAge: 365 * 86400, secure: context.secureCookies)
        device.path = Page.login(next: nil).path
        response.setCookie(device)
        return response
    }

    static func logout(_ context: Context) throws -> Response {
        if let secret = context.sessionSecret { try context.services.accounts.endSession(secret: secret) }
        var response = Response.redirect(to: Page.login(next: nil).path)
        response.setCookie(.expired(Authentication.sessionCookie, secure: context.secureCookies))
        return response
    }

    /// The form, with a double-submit CSRF token: the same random value in a cookie and in a
    /// hidden field, which a cross-site page can neither read nor set.
    private static func form(_ context: Context, next: String?, username: String, error: String?, status: Status)
        throws -> Response
    {
        let token =
            context.request.cookies[Authentication.formCookie].flatMap { $0.count == 43 ? $0 : nil }
            ?? Secrets.random()
        var layout = Layout(context, title: "Sign in")
        layout.csrf = Slot(CSRFMask.mask(token))
        let model = Model(next: Page.safeNext(next) ?? "", username: username, error: error)
        var response = try context.views.page("pages/login", layout, model, status: status)
        response.setCookie(
            SetCookie(
                name: Authentication.formCookie, value: token, maxAge: 3600 * 12, secure: context.secureCookies))
        return response
    }

    struct Model: Encodable {
        let next: String
        let username: String
        let error: String?
    }
}
