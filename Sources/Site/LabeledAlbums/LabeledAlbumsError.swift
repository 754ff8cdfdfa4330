import AlbumCore
import HTTP

/// Seed 002's errors: `{"message": "…"}`. Every bad parameter is 400 "Invalid request", a
/// missing or bad key 401 "Unauthorized", an admin action by a participant 403, and anything the
/// caller may not see 404 "Album not found" (or "Photo not found"), exactly like a missing one.
struct LabeledAlbumsError: DialectError {
    let problem: Problem

    static let invalid = LabeledAlbumsError(problem: Problem(.badInput(field: nil), .badRequest, "Invalid request"))
    static let albumNotFound = LabeledAlbumsError(problem: Problem(.notFound, "Album not found"))
    static let photoNotFound = LabeledAlbumsError(problem: Problem(.notFound, "Photo not found"))
    static let webhookNotFound = LabeledAlbumsError(problem: Problem(.notFound, "Webhook not found"))
    private static let ownWords: Set<String> = [photoNotFound.problem.message, webhookNotFound.problem.message]
    static let forbidden = LabeledAlbumsError(
        problem: Problem(
            .noAccess, .forbidden, "Forbidden. The caller does not have permission to perform this action."))

    /// The dialect's one table: a problem's kind to its status and words.
    static func answer(_ problem: Problem) -> (Status, String) {
        switch problem.kind {
        case .credentialMissing, .credentialInvalid: (.unauthorized, "Unauthorized")
        case .badInput: (.badRequest, "Invalid request")
        case .notFound:
            // The dialect's own words pass; any other missing thing is the album.
            (.notFound, ownWords.contains(problem.message) ? problem.message : "Album not found")
        case .noAccess: (.forbidden, forbidden.problem.message)
        case .failure: (.internalServerError, "Internal server error")
        default: (problem.status, problem.message)
        }
    }

    static let envelope = ErrorEnvelope { problem, _ in
        let (status, message) = answer(problem)
        var json = JSONWriter(capacity: 64 + message.utf8.count)
        json.object { json in
            json.key("message")
            json.string(message)
        }
        var response = Response.json(bytes: json.bytes, status: status)
        for (name, value) in problem.headers { response.headers.add(name, value) }
        return response
    }
}
