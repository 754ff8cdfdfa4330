import CMagic
import Foundation

/// Names a file's type from its bytes with libmagic; the client's filename and Content-Type
/// never decide. A magic cookie is not thread-safe, so each worker owns one.
public final class Sniffer {
    private let cookie: magic_t

    public init() throws {
        guard let cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR) else {
            throw MediaError.unavailable("libmagic did not load its database")
        }
        guard magic_load(cookie, nil) == 0 else {
            magic_close(cookie)
            throw MediaError.unavailable("libmagic did not load its database")
        }
        self.cookie = cookie
    }

    deinit { magic_close(cookie) }

    /// The MIME type libmagic reads from the first bytes of `bytes`.
    public func mimeType(of bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { raw in
            magic_buffer(cookie, raw.baseAddress, raw.count).map { String(cString: $0) }
        }
    }

    /// The MIME type of the file at `path`, read from its first bytes.
    public func mimeType(ofFile path: String) -> String? {
        magic_file(cookie, path).map { String(cString: $0) }
    }
}
