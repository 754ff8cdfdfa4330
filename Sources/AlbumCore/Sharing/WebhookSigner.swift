import Crypto
import Foundation

/// Signs webhook deliveries. Each subscription's key is derived from the server's secret and
/// the subscription's id, so no signing secret is stored anywhere: `createSubscription` hands
/// it out once, and every delivery is signed with it again. A receiver checks
/// `X-Albumen-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>` and refuses
/// old timestamps (replays).
public struct WebhookSigner: Sendable {
    private let secret: [UInt8]

    public init(secret: String) {
        self.secret = Array("albumen-webhook-v1:\(secret)".utf8)
    }

    /// The subscription's key, in hex (what the subscriber keeps).
    public func key(for webhookUUID: String) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: Array(webhookUUID.utf8), using: SymmetricKey(data: secret)))
    }

    /// The header value for `body` sent at `timestamp`.
    public func signature(_ body: [UInt8], timestamp: Int, webhookUUID: String) -> String {
        let key = SymmetricKey(data: Array(self.key(for: webhookUUID).utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).".utf8) + body, using: key)
        return "t=\(timestamp),v1=\(Self.hex(mac))"
    }

    private static func hex<D: Sequence<UInt8>>(_ bytes: D) -> String {
        bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
