import Foundation

/// Files sent as base64 text (Chevereto's `source`, seed 001's `Image`).
enum Base64File {
    /// Writes the bytes `text` encodes to `path`; false when it is not base64. Whitespace is
    /// dropped and a `data:…;base64,` prefix allowed; what is left must be canonical base64
    /// (it round-trips), like Chevereto's strict check, and not empty.
    static func write(_ text: String, to path: String) throws -> Bool {
        var encoded = text.filter { !$0.isWhitespace }
        if encoded.hasPrefix("data:"), let comma = encoded.firstIndex(of: ",") {
            encoded = String(encoded[encoded.index(after: comma)...])
        }
        guard let data = Data(base64Encoded: encoded), !data.isEmpty, data.base64EncodedString() == encoded else {
            return false
        }
        try data.write(to: URL(fileURLWithPath: path))
        return true
    }
}
