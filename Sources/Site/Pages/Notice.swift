import AlbumCore
import HTTP

/// What a page's form did, said on the page it returns to: "Moved 3 items to Paris", or why
/// nothing was done ("Tick at least one photo or video first.") with the rest of the page as it
/// was, instead of a bare error page whose only link leads elsewhere. Carried over the
/// redirect-after-post by the session's `Flash`; `Layout` shows it once.
enum Notice {
    /// Runs `action` (which answers what it did, in words) and redirects to `back` with that
    /// notice, or with the refusal's own words when the form asked for something that cannot
    /// be done (bad input, a limit, a conflict). Missing things and failures stay errors.
    static func redirect(_ context: Context, to back: String, _ action: () throws -> String?) throws -> Response {
        let said: [String: String]
        do {
            said = (try action()).map { ["notice": $0] } ?? [:]
        } catch {
            let problem = Problem.from(error, logger: context.services.logger, requestId: context.request.id)
            guard [400, 402, 409].contains(problem.status.code), context.sessionSecret != nil else { throw error }
            said = ["problem": problem.message]
        }
        if let session = context.sessionSecret, !said.isEmpty { context.services.flash.put(said, session: session) }
        return .redirect(to: back)
    }
}
