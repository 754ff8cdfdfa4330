import AlbumCore
import HTTP

/// A refusal in Chevereto's own words and code.
struct CheveretoError: DialectError {
    let message: String
    let code: Int

    init(_ message: String, code: Int) {
        self.message = message
        self.code = code
    }

    var problem: Problem { Problem(.refused(code: code), .badRequest, message) }

    /// Always HTTP 400, like the original (even for a bad key):
    /// `{"status_code":400,"error":{"message":…,"code":…},"status_txt":"Bad Request"}`; with
    /// `format=txt` or `redirect` the message alone as text (DESIGN §2.3: 400, not the
    /// original's 200, so upload clients see a failure). The one exception is a rate limit:
    /// 429 in the same shape, with `Retry-After`, so clients that back off can.
    static let envelope = ErrorEnvelope { problem, context in
        let (message, code) = words(for: problem, context)
        let status: Status = problem.status == .tooManyRequests ? .tooManyRequests : .badRequest
        var response: Response
        switch Chevereto.Format(Chevereto.parameter("format", context)) {
        case .txt, .redirect:
            response = .text(message, status: status)
        case .json:
            let body: JSONValue = [
                "status_code": .int(status.code), "error": ["message": .string(message), "code": .int(code)],
                "status_txt": .string(status.reason),
            ]
            response = (try? .json(body, status: status)) ?? .text(message, status: status)
        }
        for (name, value) in problem.headers { response.headers.add(name, value) }
        return response
    }

    /// The original's messages and codes, by kind: Chevereto's one table.
    static func words(for problem: Problem, _ context: Context) -> (String, Int) {
        let megabytes = { (bytes: Int) in "File too big - max \(max(1, bytes / (1024 * 1024))) MB" }
        switch problem.kind {
        case .refused(let code): return (problem.message, code)
        case .credentialMissing: return ("No key provided.", 100)
        case .credentialInvalid: return ("Invalid API key.", 100)
        // A picture or video type we do not take vs. not a picture at all.
        case .unsupportedType(let mime) where mime.hasPrefix("image/") || mime.hasPrefix("video/"):
            return ("Unavailable image format", 613)
        case .unsupportedType: return ("Invalid mimetype", 612)
        case .typeNotAllowed(let ext): return ("Disabled image format (\(ext))", 614)
        case .unreadableFile: return ("Invalid image", 400)
        case .fileTooLarge(let limit): return (megabytes(limit ?? context.services.configuration.maxUpload), 400)
        case .duplicate: return ("Duplicated upload", 101)
        case .tooManyPixels, .videoLength, .limitReached: return (problem.message, 400)
        default: return (problem.message, problem.status.code)
        }
    }
}
