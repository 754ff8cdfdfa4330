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

    var problem: Problem { Problem(.badRequest, message) }

    /// Always HTTP 400, like the original (even for a bad key):
    /// `{"status_code":400,"error":{"message":…,"code":…},"status_txt":"Bad Request"}`; with
    /// `format=txt` or `redirect` the message alone as text (DESIGN §2.3: 400, not the
    /// original's 200, so upload clients see a failure). The one exception is a rate limit:
    /// 429 in the same shape, with `Retry-After`, so clients that back off can.
    static let envelope = ErrorEnvelope { problem, context in
        let (message, code) = words(for: problem, context)
        let status: Status = problem.status == .tooManyRequests ? .tooManyRequests : .badRequest
        var response: Response
        switch CheveretoUpload.Format(CheveretoUpload.parameter("format", context)) {
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

    /// The original's messages and codes for what the shared layers throw.
    static func words(for problem: Problem, _ context: Context) -> (String, Int) {
        let megabytes = { (bytes: Int) in "File too big - max \(max(1, bytes / (1024 * 1024))) MB" }
        switch problem.cause {
        case let error as CheveretoError: return (error.message, error.code)
        case let error as AuthFailure where error == .missing: return ("No key provided.", 100)
        case let error as AuthFailure where error == .invalid: return ("Invalid API key.", 100)
        case let error as LibraryError:
            switch error {
            case .unsupportedType(let mime):
                // A picture or video type we do not take vs. not a picture at all.
                return mime.hasPrefix("image/") || mime.hasPrefix("video/")
                    ? ("Unavailable image format", 613) : ("Invalid mimetype", 612)
            case .typeNotAllowed(let ext): return ("Disabled image format (\(ext))", 614)
            case .emptyFile, .unreadable, .noVideoStream: return ("Invalid image", 400)
            case .fileTooLarge(let limit): return (megabytes(limit), 400)
            case .duplicate: return ("Duplicated upload", 101)
            default: return (problem.message, 400)
            }
        default:
            if problem.status == .payloadTooLarge, (problem.cause as? HTTPError) != nil {
                return (megabytes(context.services.configuration.maxUpload), 400)
            }
            return (problem.message, problem.status.code)
        }
    }
}
