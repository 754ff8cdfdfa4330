import AlbumCore
import HTTP

/// Bytes drawn from one media row, kept with the row they were drawn from and the moment their
/// signed URLs expire: a tile of the album pages (`MediaTiles`) or an item of a JSON listing.
/// The next answer that shows the same row before that moment copies them instead of drawing
/// again. Whatever changes in the row (title, album, visibility, …) draws them afresh, so
/// nothing needs invalidating, not even after another process changed the database. (What else
/// they show is fixed by the row: the owner's and the album's UUIDs never change.)
final class KeptRow: Sendable {
    /// What was drawn: a tile (editable or not) or the object of one JSON shape.
    enum Shape: Hashable, Sendable {
        case tile(editable: Bool)
        case webAPIPhoto
        case nativeMedia
    }

    struct Key: Hashable, Sendable {
        let id: Int64
        let shape: Shape
    }

    /// A class: handing one out is a retain, not a copy of a row's ~20 fields.
    let entry: MediaEntry
    let expires: Int
    let bytes: [UInt8]

    init(entry: MediaEntry, expires: Int, bytes: [UInt8]) {
        self.entry = entry
        self.expires = expires
        self.bytes = bytes
    }

    /// Whether these bytes still show `entry` with URLs that expire at `expires`.
    func shows(_ entry: MediaEntry, expires: Int) -> Bool {
        self.expires == expires && self.entry == entry
    }
}

extension Site {
    /// The bytes of `shape` for `entry`, drawn by `draw` unless kept ones still show it.
    func kept(_ entry: MediaEntry, as shape: KeptRow.Shape, expires: Int, draw: () -> [UInt8]) -> [UInt8] {
        keptRows.value(
            KeptRow.Key(id: entry.item.id ?? 0, shape: shape), unless: { !$0.shows(entry, expires: expires) }
        ) { _ in KeptRow(entry: entry, expires: expires, bytes: draw()) }.bytes
    }

    /// A JSON array with the object of `shape` for each entry, each kept with its row: a
    /// listing's answer.
    func keptJSONList<T: JSONWritable>(
        _ entries: [MediaEntry], as shape: KeptRow.Shape, object: (MediaEntry) -> T
    ) -> Response {
        let expires = services.links.signer.expiry()
        var writer = JSONWriter(capacity: 256 + entries.count * 550)
        writer.array(entries) { writer, entry in
            writer.raw(kept(entry, as: shape, expires: expires) { JSONWriter.bytes(of: object(entry)) })
        }
        return .json(bytes: writer.bytes)
    }
}
