import AlbumCore

/// Pages rendered recently, by template and the exact model they were rendered from. A page's
/// model is plain values (strings, numbers, flags, lists and dictionaries of them) and Mustache
/// renders it the same every time, so the same model gives the same bytes: what differs per
/// response (the masked CSRF token, the tiles) arrives in slots afterwards. swift-mustache
/// spends ~1.5 µs on each tag (context-stack lookups through dynamic casts), 16 % of an album
/// page; encoding the model as a key costs a few µs.
///
/// The key is an injective encoding (type tag, length, bytes), so two different models never
/// share one. A model holding anything else (a date, a custom type) is not kept: it is simply
/// rendered.
final class RenderMemo: Sendable {
    struct Key: Hashable, Sendable {
        let template: String
        let model: [UInt8]
    }

    /// At most 256 pages of at most 64 KB (typically ~10 KB: the tiles are not in them).
    private let pages = Memo<Key, [UInt8]>(capacity: 256)
    private static let largest = 64 * 1024

    func page(_ template: String, _ model: [String: Any], render: () throws -> [UInt8]) rethrows -> [UInt8] {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(2048)
        guard Self.encode(model, into: &encoded) else { return try render() }
        let key = Key(template: template, model: encoded)
        if let known = pages.known(key) { return known }
        let bytes = try render()
        if bytes.count <= Self.largest { pages.store(key, bytes) }
        return bytes
    }

    /// Appends `value`'s encoding; false for a value outside the plain types.
    static func encode(_ value: Any, into out: inout [UInt8]) -> Bool {
        switch value {
        case let text as String:
            tagged("s", text.utf8.count, into: &out)
            out += text.utf8
        case let flag as Bool:
            out.append(flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case let number as Int:
            tagged("i", number, into: &out)
        // Keys in sorted order: two equal dictionaries need not iterate alike (Swift seeds
        // each one's hashing by its storage), and the key must not depend on that.
        case let strings as [String: String]:
            tagged("m", strings.count, into: &out)
            for (key, text) in strings.sorted(by: { $0.key < $1.key }) {
                _ = encode(key, into: &out)
                _ = encode(text, into: &out)
            }
        case let dictionary as [String: Any]:
            tagged("d", dictionary.count, into: &out)
            for (key, item) in dictionary.sorted(by: { $0.key < $1.key }) {
                _ = encode(key, into: &out)
                guard encode(item, into: &out) else { return false }
            }
        case let list as [Any]:
            tagged("a", list.count, into: &out)
            for item in list { guard encode(item, into: &out) else { return false } }
        default:
            return false
        }
        return true
    }

    /// A type tag and a number ending in `;`: `s12;`.
    private static func tagged(_ tag: Unicode.Scalar, _ number: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: tag))
        out += String(number).utf8
        out.append(UInt8(ascii: ";"))
    }
}
