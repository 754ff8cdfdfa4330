import Crypto
import Foundation

/// AWS Signature Version 4 for S3 (header authorization and presigned URLs), on swift-crypto.
/// Paths come in already encoded the way S3 wants them (`S3Client` encodes each key segment).
public struct SigV4: Sendable {
    public let accessKey: String
    let secretKey: String
    public let region: String
    public let service: String
    /// The day's signing key (four HMACs to derive): made once a day, not per request, since
    /// every media fetch on object storage presigns a URL.
    private let keys = DayKeys()

    public init(accessKey: String, secretKey: String, region: String, service: String = "s3") {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.region = region
        self.service = service
    }

    /// SHA-256 of an empty body, and the marker for a body that is not signed (presigned URLs).
    public static let emptyPayload = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// The `Authorization` header for a request whose signed headers (lower-case names; `host`,
    /// `x-amz-date` and `x-amz-content-sha256` among them) are `headers`.
    public func authorization(
        method: String, path: String, query: [(String, String)], headers: [(String, String)], payloadHash: String,
        date: Date
    ) -> String {
        let (day, stamp) = Self.stamps(date)
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let sorted = headers.map { ($0.0.lowercased(), Self.trimmed($0.1)) }.sorted { $0.0 < $1.0 }
        let signedHeaders = sorted.map(\.0).joined(separator: ";")
        let canonical = [
            method, path, Self.canonicalQuery(query),
            sorted.map { "\($0.0):\($0.1)\n" }.joined(), signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let signature = sign(canonical, stamp: stamp, day: day, scope: scope)
        return
            "AWS4-HMAC-SHA256 Credential=\(accessKey)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    /// The query string of a presigned URL (signed header: `host` alone; body unsigned).
    public func presignedQuery(method: String, host: String, path: String, expires: Int, date: Date) -> String {
        presignedQuery(method: method, host: host, path: path, Presigning(self, expires: expires, date: date))
    }

    /// What every URL presigned at one moment shares (its date, scope and query but for the
    /// signature): made once a minute, so a media fetch costs one hash and one HMAC.
    public struct Presigning: Sendable {
        let day: String
        let stamp: String
        let scope: String
        let query: String

        public init(_ signer: SigV4, expires: Int, date: Date) {
            (day, stamp) = SigV4.stamps(date)
            scope = "\(day)/\(signer.region)/\(signer.service)/aws4_request"
            query = SigV4.canonicalQuery([
                ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", "\(signer.accessKey)/\(scope)"),
                ("X-Amz-Date", stamp), ("X-Amz-Expires", String(expires)), ("X-Amz-SignedHeaders", "host"),
            ])
        }
    }

    public func presignedQuery(method: String, host: String, path: String, _ presigning: Presigning) -> String {
        let canonical =
            method + "\n" + path + "\n" + presigning.query + "\nhost:" + host + "\n\nhost\n" + Self.unsignedPayload
        return presigning.query + "&X-Amz-Signature="
            + sign(canonical, stamp: presigning.stamp, day: presigning.day, scope: presigning.scope)
    }

    private func sign(_ canonicalRequest: String, stamp: String, day: String, scope: String) -> String {
        let stringToSign = [
            "AWS4-HMAC-SHA256", stamp, scope, Secrets.hex(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let key = keys.key(for: day) {
            var key = SymmetricKey(data: Data(("AWS4" + secretKey).utf8))
            for part in [day, region, service, "aws4_request"] {
                key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
            }
            return key
        }
        return Secrets.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// The last day's signing key, shared by the worker threads.
    private final class DayKeys: @unchecked Sendable {
        private let lock = NSLock()
        private var day = ""
        private var key = SymmetricKey(size: .bits256)

        func key(for day: String, derive: () -> SymmetricKey) -> SymmetricKey {
            lock.lock()
            defer { lock.unlock() }
            if day != self.day { (self.day, key) = (day, derive()) }
            return key
        }
    }

    /// Names and values encoded (RFC 3986 unreserved kept), sorted by name then value.
    static func canonicalQuery(_ query: [(String, String)]) -> String {
        let pairs: [(name: String, value: String)] = query.map { (encode($0.0), encode($0.1)) }
        let sorted = pairs.sorted { a, b in a.name == b.name ? a.value < b.value : a.name < b.name }
        return sorted.map { $0.name + "=" + $0.value }.joined(separator: "&")
    }

    /// RFC 3986 percent-encoding with only unreserved characters kept (and `/` when asked: a
    /// key's path segments).
    public static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if unreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func unreserved(_ byte: UInt8) -> Bool {
        let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        return isLetter || isDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
    }

    private static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// `20130524` and `20130524T000000Z` (UTC).
    static func stamps(_ date: Date) -> (day: String, stamp: String) {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        // Digits by hand: String(format:) costs microseconds on Linux, on every media fetch.
        func digits(_ value: Int32, _ count: Int) -> String {
            var text = String(value)
            while text.utf8.count < count { text = "0" + text }
            return text
        }
        let day = digits(parts.tm_year + 1900, 4) + digits(parts.tm_mon + 1, 2) + digits(parts.tm_mday, 2)
        return (day, day + "T" + digits(parts.tm_hour, 2) + digits(parts.tm_min, 2) + digits(parts.tm_sec, 2) + "Z")
    }
}
