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
        // libmagic 5.44 reads up to 7 MB of a file by default: the whole of a 6 MB photo into
        // freshly mapped pages, 6-10 ms on an upload's critical path. What names an image or a
        // video lies in its first bytes; 1 MB is what libmagic itself read for years.
        var most = Self.bytesRead
        magic_setparam(cookie, MAGIC_PARAM_BYTES_MAX, &most)
        self.cookie = cookie
    }

    /// How much of a file (or buffer) is looked at.
    public static let bytesRead = 1 << 20

    /// How much of a file this sniffer looks at, as libmagic reports it.
    public var bytesLooked: Int {
        var most = 0
        magic_getparam(cookie, MAGIC_PARAM_BYTES_MAX, &most)
        return most
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
