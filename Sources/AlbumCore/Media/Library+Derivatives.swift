import Foundation
import GRDB
import Media

/// The derivative variants of a blob, by the suffix their file carries.
public enum Variant: Sendable, Equatable {
    case original(String)
    case thumb, poster, medium, blurred
    /// A JPEG or WebP under 15 MB that any client can show: the original when it is one.
    case stable
    /// A width-resized copy (Chevereto's `width`), 16…4096 pixels.
    case width(Int)

    /// The widths made on first request for anyone who may see the item; any other width
    /// exists only when an upload asked for it.
    public static let standardWidths: Set<Int> = [320, 640, 1024, 1280, 1920]

    /// Parses `jpg` (an original's extension), `thumb.jpg`, `w640.jpg`…; nil for anything else.
    public init?(suffix: String) {
        switch suffix {
        case "thumb.jpg": self = .thumb
        case "poster.jpg": self = .poster
        case "medium.jpg": self = .medium
        case "blurred.jpg": self = .blurred
        case "stable.jpg": self = .stable
        default:
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
        case .poster: "poster.jpg"
        case .medium: "medium.jpg"
        case .blurred: "blurred.jpg"
        case .stable: "stable.jpg"
        case .width(let width): "w\(width).jpg"
        }
    }

    public var mime: String {
        if case .original(let ext) = self {
            return MediaType.forExtension(ext)?.mime ?? "application/octet-stream"
        }
        return "image/jpeg"
    }
}

extension Library {
    /// The most a `stable` copy may weigh.
    public static let stableLimit = 15 * 1024 * 1024

    /// Which file to send for `variant` of blob `sha256` (its suffix and type), making a lazy
    /// derivative first if it is not made yet (medium, blurred, stable, a standard width); nil
    /// when the blob or its source is gone. Other widths are made only when an upload asks for
    /// one (`atUpload`, Chevereto's `width`) and served only once made: anyone holding a public
    /// link could otherwise have every width from 16 to 4096 made and kept (1.7 GB for a 24 MP
    /// photo).
    public func derivative(sha256: String, variant: Variant, atUpload: Bool = false) throws -> (
        suffix: String, mime: String
    )? {
        switch variant {
        case .original, .thumb, .poster:
            // Made at upload: a signed name was issued for a file that exists, and if it has
            // been swept since, nginx answers 404 itself. No syscall on the hottest path.
            return (variant.suffix, variant.mime)
        default:
            if access(blobs.path(sha256: sha256, suffix: variant.suffix), F_OK) == 0 {
                return (variant.suffix, variant.mime)
            }
        }
        var box: Int
        var blur: Double?
        switch variant {
        case .original, .thumb, .poster: return nil  // handled above
        case .medium: box = settings.mediumBox
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
        if variant == .stable, mime == "image/jpeg" || mime == "image/webp", (blob["size"] as Int) <= Self.stableLimit {
            return (ext, mime)  // already displayable everywhere and small enough
        }
        let source = blobs.path(sha256: sha256, suffix: mime.hasPrefix("video/") ? Variant.poster.suffix : ext)
        guard access(source, F_OK) == 0 else { return nil }
        let temporary = try blobs.temporaryPath(suffix: "jpg")
        do {
            try jobs.run {
                // A stable copy shrinks until it fits under the limit.
                while try ImageDerivatives.jpeg(from: source, box: box, to: temporary, blur: blur).size
                    > Self.stableLimit
                {
                    box = box * 3 / 4
                }
            }
        } catch {
            unlink(temporary)
            throw error
        }
        try blobs.adopt(temporary, sha256: sha256, suffix: variant.suffix)
        return (variant.suffix, variant.mime)
    }
}
