import HTTP

/// Every link the pages make; templates never build URLs by hand.
public enum Page {
    case library
    case login(next: String?)
    case logout

    public var path: String {
        switch self {
        case .library: "/"
        case .login(let next):
            next.map { "/login?next=" + PercentEncoding.encode($0) } ?? "/login"
        case .logout: "/logout"
        }
    }

    /// `next` only if it is a path on this site (no `//host` or scheme: no open redirect).
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return nil }
        return next
    }
}
