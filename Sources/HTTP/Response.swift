import Foundation

/// A response as handlers return it; the transport writes it.
public struct Response: Sendable {
    public var status: Status
    public var headers: Headers
    public var body: [UInt8]
    /// A body too large to hold (a ZIP of an album): written chunk by chunk after the head
    /// through the function it is given, which throws once the client has gone. `body` is
    /// then empty and the handler sets `Content-Length` itself if it knows it.
    public var stream: BodyStream?

    public typealias BodyStream = @Sendable (_ send: ([UInt8]) throws -> Void) throws -> Void

    public init(status: Status = .ok, headers: Headers = Headers(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A streamed answer; nginx is told to pass it on as it comes (`X-Accel-Buffering: no`)
    /// rather than spool it to disk first.
    public static func streamed(headers: Headers, _ stream: @escaping BodyStream) -> Response {
        var response = Response(headers: headers)
        response.headers.add("X-Accel-Buffering", "no")
        response.stream = stream
        return response
    }

    public static func html(_ text: String, status: Status = .ok) -> Response {
        Response(
            status: status, headers: Headers([("Content-Type", "text/html; charset=utf-8")]), body: Array(text.utf8))
    }

    public static func text(_ text: String, status: Status = .ok) -> Response {
        Response(
            status: status, headers: Headers([("Content-Type", "text/plain; charset=utf-8")]), body: Array(text.utf8))
    }

    /// JSON answers are about one caller at one moment and carry signed, expiring URLs: no cache
    /// may keep them (`no-store`, as pages).
    public static func json(bytes: [UInt8], status: Status = .ok) -> Response {
        Response(
            status: status,
            headers: Headers([("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")]),
            body: bytes)
    }

    /// JSON with stable key order and unescaped slashes (URLs stay readable in transcripts).
    public static func json<T: Encodable>(_ value: T, status: Status = .ok) throws -> Response {
        json(bytes: Array(try JSON.encoder.encode(value)), status: status)
    }

    /// A redirect; 303 after a form post so the browser follows with GET.
    public static func redirect(to location: String, status: Status = .seeOther) -> Response {
        Response(status: status, headers: Headers([("Location", location)]))
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

public enum JSON {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
