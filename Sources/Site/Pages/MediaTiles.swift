import AlbumCore

/// The grid tile of a photo or video, shared by the library and album pages: its viewer page,
/// the thumbnail with a `srcset` (thumb, then the medium or the original, whichever is the
/// large picture) and, for videos, the poster and the file the lightbox plays.
enum MediaTiles {
    /// Tiles are at most ~12rem wide; below 40rem the grid has two or three columns.
    static let sizes = "(min-width:40rem) 12rem, 45vw"

    static func tile(_ entry: MediaEntry, _ site: Site) -> [String: Any] {
        let item = entry.item
        let thumb = site.mediaPath(entry, .thumb)
        var tile: [String: Any] = [
            "code": site.mediaCode(item),
            "page": site.viewerPage(item).path,
            "alt": item.title.isEmpty ? item.originalFilename : item.title,
            "thumb": thumb,
        ]
        if item.kind == .image {
            // A picture no larger than the thumbnail has nothing better to offer.
            let settings = site.library.settings
            if max(item.width, item.height) > settings.thumbBox {
                let large = large(entry, site)
                tile["srcset"] = "\(thumb) \(fitted(item, settings.thumbBox))w, \(large.url) \(large.width)w"
            }
        } else {
            tile["video"] = site.mediaPath(entry, .original(entry.ext))
            tile["poster"] = site.mediaPath(entry, .poster)
        }
        return tile
    }

    /// The picture a large view shows: the medium derivative when the original is larger than
    /// its box, else the original itself (no upscaled copy).
    static func large(_ entry: MediaEntry, _ site: Site) -> (url: String, width: Int) {
        let item = entry.item
        let box = site.library.settings.mediumBox
        let longest = max(item.width, item.height)
        guard longest > box else { return (site.mediaPath(entry, .original(entry.ext)), max(item.width, 1)) }
        return (site.mediaPath(entry, .medium), fitted(item, box))
    }

    /// The width of `item` shrunk to fit a `box`-pixel square (never enlarged).
    static func fitted(_ item: MediaItem, _ box: Int) -> Int {
        let longest = max(item.width, item.height, 1)
        return longest > box ? max(1, item.width * box / longest) : item.width
    }
}
