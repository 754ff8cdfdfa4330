import Foundation
import HTTP

/// Turns FastCGI parameters (the CGI/1.1 meta-variables nginx sends) into a `Request`.
public enum RequestBuilder {
    /// Parameter floods are refused before any routing work.
    public static let maximumParameters = 256
    public static let maximumParameterBytes = 64 * 1024

    /// - Throws: `HTTPError` 431 for a flood of headers.
    public static func build(params: [(String, String)], body: RequestBody, scratch: ScratchSpace?) throws -> Request {
        let bytes = params.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count }
        guard params.count <= maximumParameters, bytes <= maximumParameterBytes else {
            throw HTTPError(.headerFieldsTooLarge, "Too many or too large request headers.")
        }
        var lookup: [String: String] = [:]
        var headers = Headers()
        for (name, value) in params {
            lookup[name] = value
            if name.hasPrefix("HTTP_") {
                headers.add(headerName(name.dropFirst(5)), value)
            } else if name == "CONTENT_TYPE" || name == "CONTENT_LENGTH", !value.isEmpty {
                headers.add(headerName(Substring(name)), value)
            }
        }
        let target = lookup["REQUEST_URI"].flatMap { $0.isEmpty ? nil : $0 } ?? (lookup["SCRIPT_NAME"] ?? "/")
        return Request(
            id: lookup["REQUEST_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? UUID().uuidString.lowercased(),
            method: lookup["REQUEST_METHOD"] ?? "GET",
            target: target,
            headers: headers,
            body: body,
            remoteAddress: lookup["REMOTE_ADDR"] ?? "",
            isSecure: lookup["HTTPS"]?.lowercased() == "on",
            scratch: scratch)
    }

    /// `USER_AGENT` → `user-agent`: header names compare case-insensitively, so lower case is
    /// as good as any and cheap.
    static func headerName(_ cgiName: Substring) -> String {
        String(
            decoding: cgiName.utf8.map { byte in
                byte == UInt8(ascii: "_") ? UInt8(ascii: "-") : (byte >= 65 && byte <= 90 ? byte + 32 : byte)
            }, as: UTF8.self)
    }
}
