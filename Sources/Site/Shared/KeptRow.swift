import AlbumCore
import HTTP

/// Bytes drawn from one media row, kept with the row they were drawn from and the moment their
/// signed URLs expire: a tile of the album pages (`MediaTiles`) or an item of a JSON listing.
/// The next answer that shows the same row before that moment copies them instead of drawing
/// again. Whatever changes in the row (title, album, visibility, …) draws them afresh, so
/// nothing needs invalidating, not even after another process changed the database. (What else
/// they show is fixed by the row: the owner's and the album's UUIDs never change.)
final class KeptRow: Sendable {
    /// What was drawn: a tile (with the tools of its page) or the object of one JSON shape.
    enum Shape: Hashable, Sendable {
        case tile(MediaTiles.Tools)
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
