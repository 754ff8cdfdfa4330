import HTTP

/// The bytes of a FastCGI response: CGI headers (`Status:` first), a blank line, the body.
public enum ResponseSerializer {
    public static func serialize(_ response: Response, includeBody: Bool = true) -> [UInt8] {
        var head = "Status: \(response.status.code) \(response.status.reason)\r\n"
        var hasLength = false
        for (name, value) in response.headers {
            // CR or LF in a header would let a value inject headers or a body: drop them.
            guard isToken(name) else { continue }
            if Headers.sameName(name, "Content-Length") { hasLength = true }
            head += name + ": " + String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }) + "\r\n"
        }
        if !hasLength && response.headers["X-Accel-Redirect"] == nil {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if includeBody { bytes += response.body }
        return bytes
    }

    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
    }
}
