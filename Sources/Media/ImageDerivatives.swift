import CVips
import Foundation

/// Derivatives of an image made with libvips in process: shrink-on-load thumbnails into a box,
/// orientation applied, every piece of metadata (EXIF, GPS, XMP) stripped. Animated images give
/// their first frame.
public enum ImageDerivatives {
    public struct Made: Sendable, Equatable {
        public let width: Int
        public let height: Int
        public let size: Int
    }

    /// The file format a derivative is written in.
    public enum Format: Sendable {
        case jpeg
        /// Keeps the picture's transparency (JPEG has none: transparent pixels came out black).
        case webp
    }

    /// A JPEG (or `format`) no larger than `box`×`box` (never upscaled), written to `output`.
    public static func jpeg(
        from input: String, box: Int, to output: String, quality: Int = 82, blur: Double? = nil,
        format: Format = .jpeg
    ) throws -> Made {
        try Vips.start()
        var thumbnail: UnsafeMutablePointer<VipsImage>?
        guard albumen_vips_thumbnail(input, &thumbnail, Int32(box), Int32(box)) == 0, var image = thumbnail else {
            throw MediaError.invalid(Vips.takeError())
        }
        defer { albumen_vips_unref(image) }
        if let blur {
            var blurred: UnsafeMutablePointer<VipsImage>?
            guard albumen_vips_gaussblur(image, &blurred, blur) == 0, let blurred else {
                throw MediaError.invalid(Vips.takeError())
            }
            albumen_vips_unref(image)
            image = blurred
            // The deferred unref now releases the blurred image; the original was released above.
        }
        let saved =
            switch format {
            case .jpeg: albumen_vips_jpegsave(image, output, Int32(quality))
            case .webp: albumen_vips_webpsave(image, output, Int32(quality))
            }
        guard saved == 0 else {
            throw MediaError.invalid(Vips.takeError())
        }
        var written = stat()  // not FileManager's attributes: they read /etc/passwd and /etc/group too
        let size = stat(output, &written) == 0 ? Int(written.st_size) : 0
        return Made(width: Int(vips_image_get_width(image)), height: Int(vips_image_get_height(image)), size: size)
    }
}
