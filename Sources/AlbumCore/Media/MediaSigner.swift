import Foundation

/// Signs and checks media URLs: HMAC-SHA256 over the path and the expiry, with the server's
/// secret. The path names a blob file, so a valid signature needs no database lookup and
/// keeps working after the media row is gone, until it expires.
public struct MediaSigner: Sendable {
    private let tags: MessageTag
    public let lifetime: TimeInterval
    /// The URL of each file for the current expiry: a page of 100 tiles signs 200 of them.
    private let signed = Memo<String, (expires: Int, url: String)>()

    public init(secret: String, lifetime: TimeInterval) {
        tags = MessageTag(key: "albumen-media-v1:\(secret)")
        self.lifetime = lifetime
    }

    /// `/media/<file>?Expires=<unix time>&Signature=<base64url>`.
    public func url(file: String, now: Date = Date()) -> String {
        let expires = expiry(now: now)
        return signed.value(file, unless: { $0.expires != expires }) { _ in
            (expires, make(file: file, expires: expires))
        }.url
    }

    /// The `Expires` of URLs signed at `now`: `now + lifetime` rounded down to a step of half
    /// the lifetime, so a URL lives between half its lifetime and all of it, never longer, and a
    /// file keeps the same URL for that step (browsers cache it, pages built from it are reused).
    public func expiry(now: Date = Date()) -> Int {
        let step = max(1, Int(lifetime) / 2)
        return (Int(now.timeIntervalSince1970) + Int(lifetime)) / step * step
    }

    private func make(file: String, expires: Int) -> String {
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
        tags.tag("\(path)\n\(expires)")
    }
}
