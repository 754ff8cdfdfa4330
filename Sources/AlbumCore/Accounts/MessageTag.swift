import Crypto

/// Tags that prove a message came from this server: HMAC-SHA256 with a key made from the
/// server's secret and a purpose, truncated to 128 bits (as RFC 4868 allows HMAC-SHA256-128; every
/// tile of a page carries two, and 128 bits are still far beyond guessing), in base64url. Signed
/// media URLs and device cookies are tagged this way.
public struct MessageTag: Sendable {
    /// Keyed once: HMAC's inner and outer pads cost two SHA-256 blocks, 3% of a media fetch
    /// when made per request. Each use copies this value (a struct) and hashes on the copy.
    /// (Immutable after init; swift-crypto 3 does not mark HMAC Sendable.)
    nonisolated(unsafe) private let keyed: HMAC<SHA256>

    /// - Parameter key: what the key is made from, e.g. `albumen-media-v1:<secret>`.
    public init(key: String) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: Array(key.utf8)))
    }

    public func tag(_ message: String) -> String {
        var mac = keyed
        mac.update(data: Array(message.utf8))
        return Secrets.base64URL(Array(mac.finalize()).prefix(16))
    }

    /// Whether `tag` is `message`'s, compared in constant time.
    public func verify(_ tag: String, of message: String) -> Bool {
        Secrets.constantTimeEquals(tag, self.tag(message))
    }
}
