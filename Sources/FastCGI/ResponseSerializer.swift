import HTTP

/// The bytes of a FastCGI response: CGI headers (`Status:` first), a blank line, the body.
public enum ResponseSerializer {
    public static func serialize(_ response: Response, includeBody: Bool = true) -> [UInt8] {
        var bytes = head(response, reserving: includeBody ? response.body.count : 0)
        if includeBody { bytes += response.body }
        return bytes
    }

    /// The CGI headers and the blank line after them: what goes before the body, which large
    /// answers send from where it lies (`DirectOutput`) rather than copied behind these.
    public static func head(_ response: Response, reserving extra: Int = 0) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + extra)
        bytes += "Status: \(response.status.code) \(response.status.reason)\r\n".utf8
        var hasLength = false
        var redirectsToNginx = false
        for (name, value) in response.headers {
            // A value with a control character is a bug upstream. Stripping CR/LF turned
            // `Location: /\n/evil.example` into `//evil.example` (an open redirect) and a NUL made
            // nginx answer 502: such a header is left out whole.
            guard isToken(name), isFieldValue(value) else { continue }
            if Headers.sameName(name, "Content-Length") { hasLength = true }
            if Headers.sameName(name, "X-Accel-Redirect") { redirectsToNginx = true }
            bytes += name.utf8
            bytes += [58, 32]
            bytes += value.utf8
            bytes += [13, 10]
        }
        if !hasLength && !redirectsToNginx && response.stream == nil {
            bytes += "Content-Length: \(response.body.count)\r\n".utf8
        }
        bytes += [13, 10]
        return bytes
    }

    /// RFC 9110 field-value: visible characters, spaces, tabs and bytes ≥ 0x80; no CR, LF, NUL.
    private static func isFieldValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 >= 0x20 ? $0 != 0x7F : $0 == 0x09 }
    }

    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x5F || "!#$%&'*+.^`|~".utf8.contains(byte)
            }
    }
}
