import Foundation
import HTTP

/// Turns FastCGI parameters (the CGI/1.1 meta-variables nginx sends) into a request head; the
/// worker reads the body into it afterwards, knowing method and length.
public enum RequestBuilder {
    /// Parameter floods are refused before any routing work.
    public static let maximumParameters = 256
    public static let maximumParameterBytes = 64 * 1024

    /// - Throws: `HTTPError` 431 for a flood of headers.
    public static func build(params: [(String, String)], scratch: ScratchSpace?) throws -> Request {
        let bytes = params.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count }
        guard params.count <= maximumParameters, bytes <= maximumParameterBytes else {
            throw HTTPError(.headerFieldsTooLarge, "Too many or too large request headers.")
        }
        // One pass, no dictionary: a request has some thirty parameters and we want six.
        var method = "GET"
        var target = ""
        var scriptName = "/"
        var requestId = ""
        var remoteAddress = ""
        var isSecure = false
        var headers = Headers()
        for (name, value) in params {
            if name.hasPrefix("HTTP_") {
                headers.add(headerName(name.dropFirst(5)), value)
                continue
            }
            switch name {
            case "REQUEST_METHOD": method = value
            case "REQUEST_URI": target = value
            case "SCRIPT_NAME": scriptName = value
            case "REQUEST_ID": requestId = value
            case "REMOTE_ADDR": remoteAddress = value
            case "HTTPS": isSecure = value.lowercased() == "on"
            case "CONTENT_TYPE", "CONTENT_LENGTH":
                if !value.isEmpty { headers.add(headerName(Substring(name)), value) }
            default: break
            }
        }
        return Request(
            id: requestId.isEmpty ? UUID().uuidString.lowercased() : requestId,
            method: method,
            target: target.isEmpty ? scriptName : target,
            headers: headers,
            remoteAddress: remoteAddress,
            isSecure: isSecure,
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
