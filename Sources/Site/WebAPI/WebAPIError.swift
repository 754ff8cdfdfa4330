import AlbumCore
import Foundation
import HTTP

/// A refusal in seed 004's words: `{"error": "…"}` with the documented Spanish strings.
struct WebAPIError: DialectError {
    let status: Status
    let message: String

    init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }

    var problem: Problem { Problem(status, message) }

    static let unauthorized = "No autorizado"
    /// Not among the seed's strings (it has no rate limit); in its language all the same.
    static let tooManyRequests = "Demasiadas solicitudes"

    static let envelope = ErrorEnvelope { problem, _ in
        let message =
            switch problem.kind {
            case .credentialMissing, .credentialInvalid: unauthorized
            case .tooManyRequests: tooManyRequests
            default: problem.message
            }
        var response =
            (try? Response.json(["error": message], status: problem.status)) ?? .text(message, status: problem.status)
        for (name, value) in problem.headers { response.headers.add(name, value) }
        return response
    }
}
