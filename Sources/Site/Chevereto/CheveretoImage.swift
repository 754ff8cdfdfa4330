import AlbumCore
import Foundation
import HTTP

/// The `image` object of an upload's answer: the key set of the seed's example and
/// seed-apis §4.2, with true values (sizes from the files, dates, links under the base URL).
struct CheveretoImage {
    let object: JSONValue
    /// The direct file URL (`format=txt`).
    let url: String
    /// The viewer page (`format=redirect`).
    let pathViewer: String
    let code: String

    init(
        _ entry: MediaEntry, _ context: Context, width: Int?, categoryId: String?, resource: String,
        tags: [String], deleteSecret: String
    ) throws {
        let services = context.services
        let links = context.links
        let library = services.library
        let item = entry.item
        let isVideo = item.kind != .image
        let name = links.fileName(item)
        code = links.mediaCode(item)

        // `width`: a smaller copy becomes "the image"; the original stays (chain bit 8).
        var resized: Variant?
        if let width, !isVideo, item.frameCount == 1, (16...4096).contains(width), width < item.width {
            resized = .width(width)
            _ = try library.derivative(sha256: entry.sha256, variant: .width(width), atUpload: true)
        }
        let imageVariant = resized ?? .original(entry.ext)
        let imageExt = resized == nil ? entry.ext : "jpg"
        let imageMime = resized == nil ? item.mime : "image/jpeg"
        let (imageWidth, imageHeight) = resized == nil ? (item.width, item.height) : Self.fit(item, box: width ?? 0)
        let imageSize = resized.flatMap { library.blobs.size(sha256: entry.sha256, suffix: $0.suffix) } ?? item.size
        url = links.mediaURL(entry, imageVariant)

        // Medium, as the original makes it: for images larger than the medium box.
        let mediumBox = library.settings.mediumBox
        var medium: (url: String, size: Int, width: Int, height: Int)?
        if !isVideo, max(item.width, item.height) > mediumBox {
            _ = try library.derivative(sha256: entry.sha256, variant: .medium)
            let (w, h) = Self.fit(item, box: mediumBox, longSide: true)
            medium = (
                links.mediaURL(entry, .medium),
                library.blobs.size(sha256: entry.sha256, suffix: Variant.medium.suffix) ?? 0,
                w, h
            )
        }
        let thumbSize = library.blobs.size(sha256: entry.sha256, suffix: Variant.thumb.suffix) ?? 0
        let frameSize = isVideo ? library.blobs.size(sha256: entry.sha256, suffix: Variant.poster.suffix) ?? 0 : 0
        let frameURL = isVideo ? links.mediaURL(entry, .poster) : ""
        let chain = (isVideo ? 16 : 0) + (resized != nil ? 8 : 0) + 4 + (medium != nil ? 2 : 0) + 1

        func file(_ suffix: String, ext: String, mime: String, url: String, size: Int) -> JSONValue {
            let fileName = suffix.isEmpty ? name : "\(name).\(suffix)"
            return [
                "filename": .string("\(fileName).\(ext)"), "name": .string(fileName), "mime": .string(mime),
                "extension": .string(ext), "url": .string(url), "size": .int(size),
            ]
        }
        let absent: JSONValue = ["filename": nil, "name": nil, "mime": nil, "extension": nil, "url": nil]
        let viewer = links.viewerPage(item).path
        pathViewer = viewer
        let base = services.configuration.baseURL
        let title = item.title
        let date = item.createdAt
        let seconds = Int((item.duration ?? 0).rounded())
        let display =
            medium.map { ($0.url, $0.width, $0.height) } ?? (isVideo ? frameURL : url, imageWidth, imageHeight)

        object = [
            "name": .string(name), "extension": .string(imageExt), "size": .int(imageSize),
            "width": .int(imageWidth), "height": .int(imageHeight),
            "date": .string(Timestamp.plain(date, in: .current)), "date_gmt": .string(Timestamp.plain(date)),
            "title": .string(title), "tags": .array(tags.map(JSONValue.string)),
            "description": .optional(item.description.isEmpty ? nil : item.description),
            "nsfw": .int(item.nsfw ? 1 : 0), "storage_mode": "datefolder",
            "md5": .optional(try library.md5(sha256: entry.sha256)), "source_md5": nil,
            "original_filename": .string(item.originalFilename), "original_exifdata": nil, "views": 0,
            "category_id": categoryId.flatMap(Int.init).map(JSONValue.int) ?? .null,
            "chain": .int(chain), "thumb_size": .int(thumbSize), "medium_size": .int(medium?.size ?? 0),
            "frame_size": .int(frameSize),
            "expiration_date_gmt": .optional(item.expiresAt.map { Timestamp.plain($0) }),
            "likes": 0, "is_animated": .int(item.frameCount > 1 ? 1 : 0), "is_approved": 1, "is_360": 0,
            "duration": .int(seconds), "type": .string(isVideo ? "video" : "image"),
            "tags_string": .string(tags.joined(separator: ",")),
            "file": ["resource": ["type": .string(resource)]],
            "id_encoded": .string(code), "filename": .string("\(name).\(imageExt)"), "mime": .string(imageMime),
            "url": .string(url),
            "ratio": .double(imageHeight > 0 ? Double(imageWidth) / Double(imageHeight) : 0),
            "size_formatted": .string(Display.bytes(imageSize)),
            "frame": isVideo
                ? file("fr", ext: "jpg", mime: "image/jpeg", url: frameURL, size: frameSize) : absent,
            "image": file("", ext: imageExt, mime: imageMime, url: url, size: imageSize),
            "thumb": file(
                "th", ext: "jpg", mime: "image/jpeg", url: links.mediaURL(entry, .thumb), size: thumbSize),
            "url_frame": .string(frameURL),
            "medium": medium.map { file("md", ext: "jpg", mime: "image/jpeg", url: $0.url, size: $0.size) } ?? absent,
            "duration_time": .string(isVideo ? Display.clock(seconds) : ""),
            "url_viewer": .string(base + viewer), "path_viewer": .string(viewer),
            "url_short": .string(base + Page.shortLink(item.kind, code: code).path),
            "display_url": .string(display.0), "display_width": .int(display.1), "display_height": .int(display.2),
            "views_label": "views", "likes_label": "likes",
            "how_long_ago": .string(Self.howLongAgo(date)),
            "date_fixed_peer": .string(Timestamp.plain(date)),
            "title_truncated": .string(Self.truncate(title)),
            "title_truncated_html": .string(HTMLEscape.escape(Self.truncate(title))),
            "is_use_loader": false, "display_title": .string(title),
            "delete_url": .string(base + Page.deleteLink(item.kind, code: code, secret: deleteSecret).path),
        ]
    }

    /// The size of `item` scaled to `box` pixels wide (or on its long side), as libvips rounds.
    static func fit(_ item: MediaItem, box: Int, longSide: Bool = false) -> (Int, Int) {
        guard item.width > 0, item.height > 0 else { return (0, 0) }
        let scale = Double(box) / Double(longSide ? max(item.width, item.height) : item.width)
        return (
            max(1, Int((Double(item.width) * scale).rounded())), max(1, Int((Double(item.height) * scale).rounded()))
        )
    }

    /// Chevereto truncates display titles to 28 characters, the last three an ellipsis.
    static func truncate(_ title: String) -> String {
        title.count > 28 ? String(title.prefix(25)) + "..." : title
    }

    static func howLongAgo(_ date: Date, now: Date = Date()) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        switch seconds {
        case ..<60: return "moments ago"
        case ..<3600: return seconds / 60 == 1 ? "1 minute ago" : "\(seconds / 60) minutes ago"
        case ..<86400: return seconds / 3600 == 1 ? "1 hour ago" : "\(seconds / 3600) hours ago"
        default: return seconds / 86400 == 1 ? "1 day ago" : "\(seconds / 86400) days ago"
        }
    }
}
