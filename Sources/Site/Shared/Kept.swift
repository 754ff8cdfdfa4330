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

/// Answers kept for reuse (`KeptRow`, `KeptListing`): one store per process, in the services,
/// so pages and dialects reach it without going through the site.
public final class Kept: Sendable {
    /// Tiles and JSON objects of recently shown media, each with the row it was drawn from:
    /// pages and listings of 100 in each shape for the people active now. Rows deleted since
    /// stay until the memo starts again, so it is kept small: at 10 000 (~2 KB each) a
    /// 10-minute soak saw RSS climb until the end.
    let rows = Memo<KeptRow.Key, KeptRow>(capacity: 2048)
    /// Whole listings, one per owner and shape: at most 256 × 1 MiB, in practice 256 × ~50 KB.
    let listings = Memo<KeptListing.Key, KeptListing>(capacity: 256)
    /// Whole answers about one thing for one viewer (`KeptAnswer`): 256 of ~50 KB.
    let answers = Memo<KeptAnswer.Key, KeptAnswer>(capacity: 256)
    let library: Library
    let signer: MediaSigner

    init(library: Library, signer: MediaSigner) {
        self.library = library
        self.signer = signer
    }

    /// The bytes of `shape` for `entry`, drawn by `draw` unless kept ones still show it.
    func row(_ entry: MediaEntry, as shape: KeptRow.Shape, expires: Int, draw: () -> [UInt8]) -> [UInt8] {
        rows.value(KeptRow.Key(id: entry.item.id ?? 0, shape: shape), unless: { !$0.shows(entry, expires: expires) }) {
            _ in KeptRow(entry: entry, expires: expires, bytes: draw())
        }.bytes
    }

    /// A JSON array with the object of `shape` for each entry, each kept with its row: a
    /// listing's answer.
    func jsonList<T: JSONWritable>(_ entries: [MediaEntry], as shape: KeptRow.Shape, object: (MediaEntry) -> T)
        -> Response
    {
        let expires = signer.expiry()
        var writer = JSONWriter(capacity: 256 + entries.count * 550)
        writer.array(entries) { writer, entry in
            writer.raw(row(entry, as: shape, expires: expires) { JSONWriter.bytes(of: object(entry)) })
        }
        return .json(bytes: writer.bytes)
    }
}
