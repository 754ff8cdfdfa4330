import AlbumCore
import HTTP

/// The label bar of an album's grid (seed 002's labels): each label used in the album, a link
/// narrowing the grid to it (`?label=` or, for restricted ones, `?restricted=`), marked when
/// current, and "Show all" while one is chosen. The owner's album page and a shared album's
/// page for its people (restricted labels for its admins only) both draw it.
struct LabelFilter: Encodable {
    struct Link: Encodable {
        let name: String
        let count: Int
        let restricted: Bool
        let href: String
        let current: Bool
    }

    let labels: [Link]
    let filtered: Bool
    let all: String

    /// The labels of `albumId` linked from `base` (the page's path), and the filter the query
    /// asks for: `(label, restricted)`; a restricted one only when `restricted` are shown.
    static func read(_ context: Context, albumId: Int64, base: String, showsRestricted: Bool) throws -> (
        filter: LabelFilter?, label: String?, restricted: String?
    ) {
        let label = context.query["label"].flatMap { $0.isEmpty ? nil : $0 }
        let restricted = showsRestricted ? context.query["restricted"].flatMap { $0.isEmpty ? nil : $0 } : nil
        let found = try context.services.library.albumLabels(albumId: albumId, includingRestricted: showsRestricted)
        guard !found.isEmpty else { return (nil, label, restricted) }
        let links = found.map { found in
            Link(
                name: found.label, count: found.count, restricted: found.restricted,
                href: base + (found.restricted ? "?restricted=" : "?label=") + PercentEncoding.encode(found.label),
                current: found.restricted ? restricted == found.label : label == found.label)
        }
        return (LabelFilter(labels: links, filtered: label != nil || restricted != nil, all: base), label, restricted)
    }
}
