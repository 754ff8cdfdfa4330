import Crypto
import Foundation

/// Signs and checks media URLs: HMAC-SHA256 over the path and the expiry, with the server's
/// secret. The path names a blob file, so a valid signature needs no database lookup and
/// keeps working after the media row is gone, until it expires.
public struct MediaSigner: Sendable {
    /// Made once: building the key per request cost 2% of a media fetch. (Immutable after
    /// init, so sharing it across threads is safe though swift-crypto 3 does not mark it Sendable.)
    nonisolated(unsafe) private let key: SymmetricKey
    public let lifetime: TimeInterval

    public init(secret: String, lifetime: TimeInterval) {
        key = SymmetricKey(data: Array("albumen-media-v1:\(secret)".utf8))
        self.lifetime = lifetime
    }

    /// `/media/<file>?Expires=<unix time>&Signature=<base64url>`.
    public func url(file: String, now: Date = Date()) -> String {
        // Expiry rounded up to the hour: the same URL for an hour, so browsers cache it.
        let expires = (Int(now.timeIntervalSince1970 + lifetime) / 3600 + 1) * 3600
        let path = "/media/" + file
        return "\(path)?Expires=\(expires)&Signature=\(signature(path: path, expires: expires))"
    }

    public enum Verdict: Equatable, Sendable { case valid, expired, invalid }

    public func verify(path: String, expires: String?, signature: String?, now: Date = Date()) -> Verdict {
        guard let expires, let seconds = Int(expires), let signature else { return .invalid }
        guard Secrets.constantTimeEquals(signature, self.signature(path: path, expires: seconds)) else {
            return .invalid
        }
        return Double(seconds) >= now.timeIntervalSince1970 ? .valid : .expired
    }

    private func signature(path: String, expires: Int) -> String {
        Secrets.base64URL(Array(HMAC<SHA256>.authenticationCode(for: Array("\(path)\n\(expires)".utf8), using: key)))
    }
}
