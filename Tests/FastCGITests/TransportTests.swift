import FastCGI
import HTTP
import Testing

@Suite struct RequestBuilderTests {
    let params: [(String, String)] = [
        ("REQUEST_METHOD", "POST"), ("REQUEST_URI", "/login?next=%2F"), ("QUERY_STRING", "next=%2F"),
        ("CONTENT_TYPE", "application/x-www-form-urlencoded"), ("CONTENT_LENGTH", "3"),
        ("HTTP_X_API_KEY", "k"), ("HTTP_COOKIE", "a=1"), ("HTTP_USER_AGENT", "curl"),
        ("REMOTE_ADDR", "192.0.2.7"), ("HTTPS", "on"), ("REQUEST_ID", "abc123"),
    ]

    @Test func mapsCGIParametersToARequest() throws {
        let request = try RequestBuilder.build(params: params, scratch: nil)
        #expect(request.method == "POST")
        #expect(request.rawPath == "/login")
        #expect(request.queryString == "next=%2F")
        #expect(request.headers["X-API-Key"] == "k")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(request.cookies == ["a": "1"])
        #expect(request.remoteAddress == "192.0.2.7")
        #expect(request.isSecure)
        #expect(request.id == "abc123")
        #expect(request.headers["Content-Length"] == "3")  // what the worker reads the body by
    }

    @Test func plainHTTPIsNotSecureAndGetsAnId() throws {
        let request = try RequestBuilder.build(
            params: [("REQUEST_METHOD", "GET"), ("REQUEST_URI", "/")], scratch: nil)
        #expect(!request.isSecure)
        #expect(request.id.count == 36)
    }

    @Test func headerFloodsAre431() {
        let flood = (0...RequestBuilder.maximumParameters).map { ("HTTP_X_\($0)", "v") }
        #expect(throws: HTTPError.self) { try RequestBuilder.build(params: flood, scratch: nil) }
        let huge = [("HTTP_X", String(repeating: "a", count: RequestBuilder.maximumParameterBytes + 1))]
        #expect(throws: HTTPError.self) { try RequestBuilder.build(params: huge, scratch: nil) }
    }
}

@Suite struct ResponseSerializerTests {
    @Test func writesStatusHeadersLengthAndBody() {
        var response = Response.text("hi")
        response.headers.add("Set-Cookie", "a=1")
        response.headers.add("Set-Cookie", "b=2")
        let text = String(decoding: ResponseSerializer.serialize(response), as: UTF8.self)
        #expect(
            text
                == "Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\n\r\nhi"
        )
    }

    /// A header whose value holds a control character is left out whole: stripping CR and LF
    /// once turned `/\n/evil.example` into `//evil.example`.
    @Test func headerInjectionIsDefused() {
        var response = Response(status: .found)
        response.headers.add("Location", "/x\r\nSet-Cookie: evil=1")
        response.headers.add("Location", "/\n/evil.example")
        response.headers.add("X-Nul", "a\u{0}b")
        response.headers.add("Bad Name", "v")
        response.headers.add("X-Tab", "a\tb")
        let text = String(decoding: ResponseSerializer.serialize(response), as: UTF8.self)
        #expect(text == "Status: 302 Found\r\nX-Tab: a\tb\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func headResponsesHaveNoBody() {
        let bytes = ResponseSerializer.serialize(.text("body"), includeBody: false)
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("Content-Length: 4\r\n\r\n"))
    }
}
