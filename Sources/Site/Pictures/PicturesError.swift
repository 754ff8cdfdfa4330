import AlbumCore
import HTTP

/// Seed 001's answers come as JSON or XML, chosen by `Accept`, and so do its errors: ASP.NET
/// Web API's `HttpError`, `{"Message":"…"}` or `<Error><Message>…</Message></Error>`.
enum PicturesError {
    /// What a refusal of `Accept` says (in JSON: the client accepts neither format).
    static let notAcceptable = "The requested media type is not available: ask for application/json or application/xml."

    /// The dialect's one table: a problem's kind to its status and words. The credential
    /// words are ASP.NET's own.
    static func answer(_ problem: Problem) -> (Status, String) {
        switch problem.kind {
        case .credentialMissing, .credentialInvalid: (.unauthorized, "Authorization has been denied for this request.")
        case .failure: (.internalServerError, "An error has occurred.")
        default: (problem.status, problem.message)
        }
    }

    static let envelope = ErrorEnvelope { problem, context in
        let (status, message) = answer(problem)
        var response: Response
        switch WireFormat(accept: context.request.headers["Accept"]) ?? .json {
        case .json:
            var json = JSONWriter(capacity: 64 + message.utf8.count)
            json.object { json in
                json.key("Message")
                json.string(message)
            }
            response = .json(bytes: json.bytes, status: status)
        case .xml(let type):
            var xml = XMLWriter(capacity: 64 + message.utf8.count)
            xml.markup("<Error><Message>")
            xml.text(message)
            xml.markup("</Message></Error>")
            response = .xml(bytes: xml.bytes, status: status, contentType: type)
        }
        for (name, value) in problem.headers { response.headers.add(name, value) }
        if status == .unauthorized { response.headers.add("WWW-Authenticate", "Bearer") }
        return response
    }
}

/// The format of an answer, by `Accept` with q-values: `application/xml` or `text/xml` is
/// XML, anything else that is acceptable JSON; nil when the client takes neither (406).
enum WireFormat: Hashable, Sendable {
    case json
    /// The XML media type the client asked for, echoed in `Content-Type`.
    case xml(String)

    init?(accept: String?) {
        switch Negotiation.preferred(accept, among: ["application/json", "text/json", "application/xml", "text/xml"]) {
        case "application/json", "text/json": self = .json
        case "application/xml": self = .xml("application/xml")
        case "text/xml": self = .xml("text/xml")
        default: return nil
        }
    }
}
