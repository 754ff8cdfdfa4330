import AlbumCore

/// The read-only grid of an album seen through a share, a link or a public page: every URL
/// signed for the visitor's policy and naming clean files only (`Links.visitorPath`), no
/// viewer pages or tools of the owner's. An item whose views are used up is a placeholder.
enum VisitorTiles {
    struct Options {
        /// How long the URLs live (the share's or link's end at most).
        var policy: MediaSigner.Policy
        /// Each tile also offers the clean original as a download.
        var downloads = false
        /// Items not to show (their views are used up).
        var usedUp: Set<Int64> = []
        /// Where a tile's large picture is fetched: through a route that counts the view (a
        /// view-once share), or straight from the media URL when nil.
        var countedView: ((MediaEntry) -> String)?
        /// Each item's labels (seed 002), drawn on its tile; restricted ones only when
        /// `showsRestricted` (the album's admins).
        var labels: [Int64: MediaLabels] = [:]
        var showsRestricted = false
        /// For an album's admins: where an item's labels are managed.
        var labelPage: ((MediaEntry) -> String)?
    }

    static func html(_ entries: [MediaEntry], _ services: Services, _ options: Options) -> [UInt8] {
        var html: [UInt8] = []
        html.reserveCapacity(entries.count * 700)
        let links = services.links
        for entry in entries {
            func text(_ value: String) { HTMLEscape.append(value, to: &html) }
            let item = entry.item
            let alt = item.title.isEmpty ? "Photo" : item.title
            if options.usedUp.contains(item.id ?? 0) {
                html += "<li class=\"tile used\"><span class=\"placeholder\">Viewed — no views left</span></li>".utf8
                continue
            }
            let isVideo = item.kind != .image
            let thumb = links.visitorPath(entry, .thumb, options.policy)
            let target =
                options.countedView?(entry)
                ?? links.visitorPath(entry, MediaTiles.largeVariant(entry, services), options.policy)
            html += (isVideo ? "<li class=\"tile video\"><a href=\"" : "<li class=\"tile\"><a href=\"").utf8
            text(target)
            html += "\" data-large=\"".utf8
            text(target)
            if isVideo {
                html += "\" data-video=\"".utf8
                text(target)
                html += "\" data-poster=\"".utf8
                text(links.visitorPath(entry, .poster, options.policy))
            }
            html += "\"><img src=\"".utf8
            text(thumb)
            html += "\" alt=\"".utf8
            text(alt)
            html += "\" loading=\"lazy\"></a>".utf8
            MediaTiles.appendLabels(options.labels[item.id ?? 0], showsRestricted: options.showsRestricted, to: &html)
            if let labelPage = options.labelPage?(entry) {
                html += "<a class=\"edit-labels\" href=\"".utf8
                text(labelPage)
                html += "\">Labels</a>".utf8
            }
            if options.downloads {
                html += "<a class=\"download\" href=\"".utf8
                text(links.visitorPath(entry, .original(entry.ext), options.policy) + "&download=1")
                html += "\" download>Download</a>".utf8
            }
            html += "</li>".utf8
        }
        return html
    }
}
