import Foundation
import GRDB
import Media

/// The derivative variants of a blob, by the suffix their file carries.
public enum Variant: Sendable, Equatable {
    case original(String)
    case thumb, poster, medium, blurred
    /// The thumbnail of a picture that may be transparent (PNG, WebP, GIF) as WebP, its alpha
    /// kept; made on first request. `thumb` stays what every dialect names.
    case cutout
    /// A JPEG or WebP under 15 MB that any client can show: the original when it is one.
    case stable
    /// A width-resized copy (Chevereto's `width`), 16…4096 pixels.
    case width(Int)
    /// The original (stored with this extension) without its metadata: no GPS position, no
    /// camera serials, the picture data untouched (`MetadataStrip`, a video remuxed). What a
    /// share, a link or a public album serves instead of the original.
    case clean(String)

    /// The widths made on first request for anyone who may see the item; any other width
    /// exists only when an upload asked for it.
    public static let standardWidths: Set<Int> = [320, 640, 1024, 1280, 1920]

    /// Parses `jpg` (an original's extension), `thumb.jpg`, `w640.jpg`…; nil for anything else.
    public init?(suffix: String) {
        switch suffix {
        case "thumb.jpg": self = .thumb
        case "thumb.webp": self = .cutout
        case "poster.jpg": self = .poster
        case "medium.jpg": self = .medium
        case "blurred.jpg": self = .blurred
        case "stable.jpg": self = .stable
        default:
            if suffix.hasPrefix("clean."), let type = MediaType.forExtension(String(suffix.dropFirst(6))),
                Self.cleanable.contains(type.fileExtension)
            {
                self = .clean(type.fileExtension)
                return
            }
            if suffix.hasPrefix("w"), suffix.hasSuffix(".jpg"), let width = Int(suffix.dropFirst().dropLast(4)),
                (16...4096).contains(width)
            {
                self = .width(width)
            } else if let type = MediaType.forExtension(suffix) {
                self = .original(type.fileExtension)
            } else {
                return nil
            }
        }
    }

    public var suffix: String {
        switch self {
        case .original(let ext): ext
        case .thumb: "thumb.jpg"
        case .cutout: "thumb.webp"
        case .poster: "poster.jpg"
        case .medium: "medium.jpg"
        case .blurred: "blurred.jpg"
        case .stable: "stable.jpg"
        case .width(let width): "w\(width).jpg"
        case .clean(let ext): "clean." + ext
        }
    }

    /// The originals a `clean` copy can be made of without re-encoding the picture or video.
    /// GIF and BMP carry no EXIF, XMP or GPS: their clean copy is the same bytes.
    static let cleanable: Set<String> = MetadataStrip.formats.union(["gif", "bmp", "mp4", "mov", "webm"])

    /// What a share, a link or a public album serves when `self` of an item is asked for:
    /// the clean copy for the original (or for a stable copy that would be the original), and
    /// for HEIC and AVIF, which cannot be stripped in place, the stable JPEG (stripped, made by
    /// libvips). Derivatives are made stripped already.
    public func shared(_ entry: MediaEntry) -> Variant {
        switch self {
        case .original(let ext), .clean(let ext):
            return Self.cleanable.contains(ext) ? .clean(ext) : .stable
        case .stable:
            let small = entry.item.size <= Library.stableLimit
            return (entry.ext == "jpg" || entry.ext == "webp") && small ? .clean(entry.ext) : .stable
        default:
            return self
        }
    }

    public var mime: String {
        switch self {
        case .original(let ext), .clean(let ext): MediaType.forExtension(ext)?.mime ?? "application/octet-stream"
        case .cutout: "image/webp"
        default: "image/jpeg"
        }
    }
}

extension Library {
    /// The most a `stable` copy may weigh.
    public static let stableLimit = 15 * 1024 * 1024

    /// Which file to send for `variant` of blob `sha256` (its suffix and type), making a lazy
    /// derivative first if it is not made yet (medium, blurred, cutout, stable, a standard
    /// width); nil when the blob or its source is gone. Other widths are made only when an upload asks for
    /// one (`atUpload`, Chevereto's `width`) and served only once made: anyone holding a public
    /// link could otherwise have every width from 16 to 4096 made and kept (1.7 GB for a 24 MP
    /// photo).
    ///
    /// `optimistic` (the media routes) on object storage: a lazy derivative is taken to exist,
    /// since asking would cost a round trip on every fetch; nginx comes back once when it does
    /// not, and the route asks again without it, which makes it.
    public func derivative(sha256: String, variant: Variant, atUpload: Bool = false, optimistic: Bool = false) throws
        -> (suffix: String, mime: String)?
    {
        switch variant {
        case .original, .thumb, .poster:
            // Made at upload: a signed name was issued for a file that exists, and if it has
            // been swept since, nginx answers 404 itself. No syscall on the hottest path.
            let gone = blobs.isRemote && !optimistic && !blobs.contains(sha256: sha256, suffix: variant.suffix)
            return gone ? nil : (variant.suffix, variant.mime)
        case .stable:
            break  // may be the original itself: decided below
        default:
            if isStored(sha256: sha256, variant: variant, optimistic: optimistic) {
                return (variant.suffix, variant.mime)
            }
        }
        if case .clean(let ext) = variant { return try clean(sha256: sha256, ext: ext) }
        var box: Int
        var blur: Double?
        switch variant {
        case .original, .thumb, .poster, .clean: return nil  // handled above
        case .medium: box = settings.mediumBox
        case .cutout: box = settings.thumbBox
        case .blurred: (box, blur) = (settings.blurredBox, settings.blurSigma)
        case .width(let width):
            guard atUpload || Variant.standardWidths.contains(width) else { return nil }
            box = width
        case .stable: box = 8192
        }
        guard
            let blob = try database.read({ db in
                try Row.fetchOne(
                    db, sql: "SELECT extension, mime, size FROM blobs WHERE sha256 = ?", arguments: [sha256])
            })
        else { return nil }
        let ext: String = blob["extension"]
        let mime: String = blob["mime"]
        if variant == .stable {
            if mime == "image/jpeg" || mime == "image/webp", (blob["size"] as Int) <= Self.stableLimit {
                return (ext, mime)  // already displayable everywhere and small enough
            }
            if isStored(sha256: sha256, variant: variant, optimistic: optimistic) {
                return (variant.suffix, variant.mime)
            }
        }
        let format: ImageDerivatives.Format = variant == .cutout ? .webp : .jpeg
        let temporary = try blobs.temporaryPath(suffix: format == .webp ? "webp" : "jpg")
        let made = try blobs.withLocalFile(
            sha256: sha256, suffix: mime.hasPrefix("video/") ? Variant.poster.suffix : ext
        ) { source in
            do {
                try jobs.run {
                    // A stable copy shrinks until it fits under the limit.
                    while try ImageDerivatives.jpeg(from: source, box: box, to: temporary, blur: blur, format: format)
                        .size > Self.stableLimit
                    {
                        box = box * 3 / 4
                    }
                }
            } catch {
                unlink(temporary)
                throw error
            }
        }
        guard made != nil else { return nil }
        try blobs.adopt(temporary, sha256: sha256, suffix: variant.suffix)
        return (variant.suffix, variant.mime)
    }

    /// Whether a lazy derivative is there to send: asked of the store, or on object storage
    /// taken for granted when `optimistic` (nginx comes back if it is not).
    private func isStored(sha256: String, variant: Variant, optimistic: Bool) -> Bool {
        blobs.isRemote && optimistic || blobs.contains(sha256: sha256, suffix: variant.suffix)
    }

    /// Makes the clean copy of blob `sha256` (stored as `ext`): its bytes with the metadata
    /// segments taken out, or its video and audio remuxed without metadata.
    private func clean(sha256: String, ext: String) throws -> (suffix: String, mime: String)? {
        let variant = Variant.clean(ext)
        let temporary = try blobs.temporaryPath(suffix: ext)
        let made = try blobs.withLocalFile(sha256: sha256, suffix: ext) { source in
            do {
                try jobs.run {
                    if MetadataStrip.formats.contains(ext) {
                        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
                        try Data(MetadataStrip.strip(bytes, ext: ext)).write(to: URL(fileURLWithPath: temporary))
                    } else if MediaType.forExtension(ext)?.kind == .video {
                        try VideoProbe.withoutMetadata(source, to: temporary, format: ext)
                    } else {
                        try FileManager.default.copyItem(atPath: source, toPath: temporary)
                    }
                }
            } catch {
                unlink(temporary)
                throw error
            }
        }
        guard made != nil else { return nil }
        try blobs.adopt(temporary, sha256: sha256, suffix: variant.suffix)
        return (variant.suffix, variant.mime)
    }
}
