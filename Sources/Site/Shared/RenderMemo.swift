import AlbumCore

/// Pages rendered recently, by template and the exact model they were rendered from. A page's
/// model is plain values (strings, numbers, flags, lists and dictionaries of them) and Mustache
/// renders it the same every time, so the same model gives the same bytes: what differs per
/// response (the masked CSRF token, the tiles) arrives in slots afterwards. swift-mustache
/// spends ~1.5 µs on each tag (context-stack lookups through dynamic casts), 16 % of an album
/// page; encoding the model as a key costs a few µs.
///
/// The key is the model's `ModelKey`, an injective encoding, so two different models never
/// share one.
final class RenderMemo: Sendable {
    struct Key: Hashable, Sendable {
        let template: String
        let model: [UInt8]
    }

    /// At most 256 pages of at most 64 KB (typically ~10 KB: the tiles are not in them).
    private let pages = Memo<Key, [UInt8]>(capacity: 256)
    private static let largest = 64 * 1024

    /// The page of `template` for the model whose `ModelKey` is `key`: kept, or rendered.
    func page(_ template: String, key: [UInt8], render: () throws -> [UInt8]) rethrows -> [UInt8] {
        let key = Key(template: template, model: key)
        if let known = pages.known(key) { return known }
        let bytes = try render()
        if bytes.count <= Self.largest { pages.store(key, bytes) }
        return bytes
    }
}
