import AlbumCore
import Foundation

/// The CSRF token as pages carry it: XOR-masked with fresh random bytes for every response
/// (`pad ‖ pad⊕token`, base64url). nginx compresses pages, and a secret that repeats byte for
/// byte in compressed responses beside reflected text can be read from their sizes (BREACH);
/// masked, no two responses share the token's bytes. The check accepts masked and plain forms.
enum CSRFMask {
    static func mask(_ token: String) -> String {
        let bytes = Array(token.utf8)
        let pad = Secrets.randomBytes(bytes.count)  // getrandom(2): cryptographically secure
        return Secrets.base64URL(pad + zip(pad, bytes).map { $0 ^ $1 })
    }

    /// The token inside a masked value; nil when `sent` is not one.
    static func unmask(_ sent: String) -> String? {
        var base64 = sent.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), data.count % 2 == 0, !data.isEmpty else { return nil }
        let bytes = [UInt8](data)
        let half = bytes.count / 2
        return String(validating: zip(bytes[..<half], bytes[half...]).map { $0 ^ $1 }, as: UTF8.self)
    }
}
