import AlbumCore
import HTTP

/// Seed 000's errors: `{"code": <int>, "message": "<text>"}` with the HTTP status as the code.
/// Another person's album, one that does not exist and the refusals the seed names all answer
/// 403 "Action not permitted" (existence must not leak); limits 402; sizes 413; bad bodies 400.
enum SharedAlbumsError {
    static let notPermitted = "Action not permitted"

    /// The dialect's one table: a problem's kind to its status and words.
    static func answer(_ problem: Problem) -> (Status, String) {
        switch problem.kind {
        case .notFound, .noAccess: (.forbidden, notPermitted)
        case .credentialMissing, .credentialInvalid: (.unauthorized, "Unauthorized")
        case .limitReached: (.paymentRequired, problem.message)
        case .fileTooLarge, .tooManyPixels: (.payloadTooLarge, problem.message)
        case .badInput, .unreadableFile, .unsupportedType, .typeNotAllowed, .videoLength, .refused:
            (.badRequest, problem.message)
        case .methodNotAllowed: (.methodNotAllowed, problem.message)
        case .tooManyRequests: (.tooManyRequests, problem.message)
        case .conflict, .duplicate: (.conflict, problem.message)
        case .failure: (.internalServerError, "Internal error")
        }
    }

    static let envelope = ErrorEnvelope { problem, _ in
        let (status, message) = answer(problem)
        var response = Response.json(writing: Body(code: status.code, message: message), status: status)
        for (name, value) in problem.headers { response.headers.add(name, value) }
        return response
    }

    struct Body: Encodable, JSONWritable {
        let code: Int
        let message: String

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("code")
                json.int(code)
                json.key("message")
                json.string(message)
            }
        }
    }
}
