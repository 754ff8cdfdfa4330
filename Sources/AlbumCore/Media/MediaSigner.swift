import Foundation

/// Signs and checks media URLs: HMAC-SHA256 over the path and the expiry, with the server's
/// secret. The path names a blob file, so a valid signature needs no database lookup and
/// keeps working after the media row is gone, until it expires.
public struct MediaSigner: Sendable {
    /// How long the URLs of one use live: each dialect or share may ask for its own (seed 000
    /// wants 15 minutes, and never past the share's end).
    public struct Policy: Hashable, Sendable {
        /// The longest a URL lives.
        public var lifetime: TimeInterval
        /// A moment no URL may outlive (a share's end), in unix seconds.
        public var notAfter: Int?
        /// The steps, in seconds, `Expires` is rounded down to (a file keeps one URL for a step,
        /// so pages and answers built from it are reused); half the lifetime when nil. Seed 000
        /// wants URLs that expire 15 minutes after issue: a step of seconds.
        public var step: Int?

        public init(lifetime: TimeInterval, notAfter: Int? = nil, step: Int? = nil) {
            self.lifetime = lifetime
            self.notAfter = notAfter
            self.step = step
        }
    }

    private struct Key: Hashable, Sendable {
        let file: String
        let policy: Policy
    }

    private let tags: MessageTag
    /// Whose "now" URLs are signed and checked at (the services' clock).
    private let clock: Clock
    /// The policy of pages and of dialects that ask for none (`ALBUMEN_SIGNED_URL_LIFETIME`).
    public let standard: Policy
    public var lifetime: TimeInterval { standard.lifetime }
    /// The URL of each file and policy for the current expiry: a page of 100 tiles signs 200.
    /// Room for the pages in use, not for every file ever signed (the soak's RSS settles).
    private let signed = Memo<Key, (expires: Int, url: String)>(capacity: 8192)

    public init(secret: String, lifetime: TimeInterval, clock: Clock = Clock()) {
        tags = MessageTag(key: "albumen-media-v1:\(secret)")
        self.clock = clock
        standard = Policy(lifetime: lifetime)
    }

    /// `/media/<file>?Expires=<unix time>&Signature=<base64url>`.
    public func url(file: String, policy: Policy? = nil, now: Date? = nil) -> String {
        let policy = policy ?? standard
        let expires = expiry(policy: policy, now: now)
        return signed.value(Key(file: file, policy: policy), unless: { $0.expires != expires }) { _ in
            (expires, make(file: file, expires: expires))
        }.url
    }

    /// The `Expires` of URLs signed at `now`: `now + lifetime` rounded down to the policy's step
    /// (half the lifetime unless it says otherwise), so a URL lives between its lifetime less a
    /// step and all of it, never longer, and a file keeps the same URL for that step (browsers
    /// cache it, pages built from it are reused); never past the policy's `notAfter`.
    public func expiry(policy: Policy? = nil, now: Date? = nil) -> Int {
        let policy = policy ?? standard
        let now = now ?? clock.now()
        let step = max(1, policy.step ?? Int(policy.lifetime) / 2)
        let rounded = (Int(now.timeIntervalSince1970) + Int(policy.lifetime)) / step * step
        return policy.notAfter.map { min($0, rounded) } ?? rounded
    }

    private func make(file: String, expires: Int) -> String {
        let path = "/media/" + file
        return "\(path)?Expires=\(expires)&Signature=\(signature(path: path, expires: expires))"
    }

    public enum Verdict: Equatable, Sendable { case valid, expired, invalid }

    public func verify(path: String, expires: String?, signature: String?, now: Date? = nil) -> Verdict {
        guard let expires, let seconds = Int(expires), let signature else { return .invalid }
        guard Secrets.constantTimeEquals(signature, self.signature(path: path, expires: seconds)) else {
            return .invalid
        }
        return Double(seconds) >= (now ?? clock.now()).timeIntervalSince1970 ? .valid : .expired
    }

    private func signature(path: String, expires: Int) -> String {
        tags.tag("\(path)\n\(expires)")
    }
}
