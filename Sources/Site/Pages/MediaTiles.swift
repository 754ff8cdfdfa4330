import AlbumCore

/// The grid of photos and videos shared by the library and album pages. Each tile links to
/// its viewer page, shows the thumbnail with a `srcset` (thumb, then the medium or the
/// original, whichever is the large picture), and for videos names the poster and the file
/// the lightbox plays. Each tile carries the owner's no-script tools inside the page's
/// selection form (`Tools`): a tick, a favourite heart (a submit button naming the item), and
/// on album pages up and down.
///
/// Written here rather than in a Mustache partial: swift-mustache spent ~60 µs a tile (dynamic
/// casts and dictionary lookups per tag), 6 ms for an album of 100; this loop takes a few µs.
/// The rest of each page stays in `Templates/`, whose `{{{tiles}}}` slot `Views` fills with
/// these bytes.
///
/// A tile's bytes are kept with the row they were drawn from (`KeptRow`): an album page of 100
/// spent a fifth of its time drawing tiles.
enum MediaTiles {
    /// What a tile carries besides its tick: the heart everywhere but in the trash (a trashed
    /// item can be no favourite), and ↑/↓ on album pages.
    enum Tools: Hashable, Sendable {
        case library, album, trash
    }

    /// Tiles are at most ~12rem wide; below 40rem the grid has two or three columns.
    static let sizes = "(min-width:40rem) 12rem,45vw"

    static func html(_ entries: [MediaEntry], _ services: Services, tools: Tools) -> [UInt8] {
        let expires = services.links.signer.expiry()
        // An album's tiles name their labels (its owner sees restricted ones too, marked). A
        // label change moves the item's row, so its kept tile is drawn again.
        let labels = tools == .album ? (try? services.library.labels(of: entries.compactMap(\.item.id))) ?? [:] : [:]
        var html: [UInt8] = []
        html.reserveCapacity(entries.count * 900)
        for entry in entries {
            html += services.kept.row(entry, as: .tile(tools), expires: expires) {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(1000)
                tile(entry, labels[entry.item.id ?? 0], services, tools: tools, into: &bytes)
                return bytes
            }
        }
        return html
    }

    /// One tile, written as UTF-8 bytes: `+=` of a literal and `text` (escaped) only.
    private static func tile(
        _ entry: MediaEntry, _ labels: MediaLabels?, _ services: Services, tools: Tools, into html: inout [UInt8]
    ) {
        func text(_ value: String) { HTMLEscape.append(value, to: &html) }
        let item = entry.item
        let code = services.links.mediaCode(item)
        let alt = item.title.isEmpty ? item.originalFilename : item.title
        let thumb = services.links.mediaPath(entry, thumbVariant(entry))
        let isVideo = item.kind != .image
        html += (isVideo ? "<li class=\"tile video" : "<li class=\"tile").utf8
        html += (item.favourite ? " favourite\" data-id=\"" : "\" data-id=\"").utf8
        text(code)
        html += "\" data-info=\"".utf8
        text(Page.info(code: code).path)
        html += "\"><a href=\"".utf8
        text(services.links.viewerPage(item).path)
        if isVideo {
            html += "\" data-video=\"".utf8
            text(services.links.mediaPath(entry, .original(entry.ext)))
            html += "\" data-poster=\"".utf8
            text(services.links.mediaPath(entry, .poster))
        }
        // Zooming in the lightbox loads the full resolution when the large picture is smaller.
        if !isVideo && largeVariant(entry, services) == .medium {
            html += "\" data-original=\"".utf8
            text(services.links.mediaPath(entry, .original(entry.ext)))
        }
        html += "\"><img src=\"".utf8
        text(thumb)
        // A picture no larger than the thumbnail has nothing better to offer.
        let settings = services.library.settings
        if !isVideo && max(item.width, item.height) > settings.thumbBox {
            let large = large(entry, services)
            html += "\" srcset=\"".utf8
            text(thumb)
            html += " \(fitted(item, settings.thumbBox))w,".utf8
            text(large.url)
            html += " \(large.width)w\" sizes=\"\(sizes)".utf8
        }
        html += "\" alt=\"".utf8
        text(alt)
        html += "\" loading=\"lazy\"></a>".utf8
        appendLabels(labels, showsRestricted: true, to: &html)
        html += "<span class=\"tools\"><input type=\"checkbox\" name=\"item\" value=\"".utf8
        text(code)
        html += "\" aria-label=\"Select ".utf8
        text(alt)
        html += "\">".utf8
        if tools != .trash {
            html += "<button class=\"fav\" name=\"toggle-favourite\" value=\"".utf8
            text(code)
            html +=
                (item.favourite
                ? "\" aria-pressed=\"true\" aria-label=\"Favourite: "
                : "\" aria-pressed=\"false\" aria-label=\"Favourite: ").utf8
            text(alt)
            html += "\">♥</button>".utf8
        }
        if tools == .album {
            for (name, word, arrow) in [("up", "earlier", "↑"), ("down", "later", "↓")] {
                html += "<button name=\"\(name)\" value=\"".utf8
                text(code)
                html += "\" aria-label=\"Move ".utf8
                text(alt)
                html += " \(word)\">\(arrow)</button>".utf8
            }
        }
        html += "</span></li>".utf8
    }

    /// A tile's thumbnail: WebP with transparency for the formats that can have it, else the
    /// JPEG made at upload.
    static func thumbVariant(_ entry: MediaEntry) -> Variant {
        entry.item.kind == .image && ["png", "webp", "gif"].contains(entry.ext) ? .cutout : .thumb
    }

    /// The picture a large view shows: the medium derivative when the original is larger than
    /// its box, else the original itself (no upscaled copy).
    static func large(_ entry: MediaEntry, _ services: Services) -> (url: String, width: Int) {
        let variant = largeVariant(entry, services)
        let width =
            variant == .medium ? fitted(entry.item, services.library.settings.mediumBox) : max(entry.item.width, 1)
        return (services.links.mediaPath(entry, variant), width)
    }

    /// What a large view shows of `entry`: a video itself; a picture's medium derivative when
    /// the original is larger than its box, else the original (no upscaled copy). An animated
    /// GIF or WebP is always the original: the medium is one still frame.
    static func largeVariant(_ entry: MediaEntry, _ services: Services) -> Variant {
        let item = entry.item
        return item.kind == .image && item.frameCount == 1
            && max(item.width, item.height) > services.library.settings.mediumBox
            ? .medium : .original(entry.ext)
    }

    /// The width of `item` shrunk to fit a `box`-pixel square (never enlarged).
    static func fitted(_ item: MediaItem, _ box: Int) -> Int {
        let longest = max(item.width, item.height, 1)
        return longest > box ? max(1, item.width * box / longest) : item.width
    }
}

extension MediaTiles {
    /// An item's labels on its tile; restricted ones (drawn only for those who may see them)
    /// marked.
    static func appendLabels(_ labels: MediaLabels?, showsRestricted: Bool, to html: inout [UInt8]) {
        guard let labels else { return }
        let restricted = showsRestricted ? labels.restricted : []
        guard !(labels.labels.isEmpty && restricted.isEmpty) else { return }
        html += "<span class=\"tile-labels\">".utf8
        for label in labels.labels {
            html += "<span>".utf8
            HTMLEscape.append(label, to: &html)
            html += "</span>".utf8
        }
        for label in restricted {
            html += "<span class=\"restricted\" title=\"Restricted\">".utf8
            HTMLEscape.append(label, to: &html)
            html += "</span>".utf8
        }
        html += "</span>".utf8
    }
}
