import CVips
import Foundation

/// What an image's header says, read without decoding pixels.
public struct ImageInfo: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// EXIF orientation 1…8 (1 when absent).
    public var orientation: Int
    /// More than one for animated GIF/WebP.
    public var frameCount: Int
    public var takenAt: Date?
    public var title: String?
    public var description: String?
    public var camera = CameraDetails()

    /// Width and height as shown, after orientation (5…8 swap them).
    public var displayWidth: Int { orientation >= 5 ? height : width }
    public var displayHeight: Int { orientation >= 5 ? width : height }
}

public enum ImageProbe {
    /// Reads the header of the image at `path` and refuses more than `pixelLimit` pixels
    /// before anything is decoded.
    public static func probe(_ path: String, pixelLimit: Int) throws -> ImageInfo {
        try Vips.start()
        guard let image = albumen_vips_open_header(path) else { throw MediaError.invalid(Vips.takeError()) }
        defer { albumen_vips_unref(image) }
        let width = Int(vips_image_get_width(image))
        let height = Int(vips_image_get_height(image))
        guard width > 0, height > 0 else { throw MediaError.invalid("the image has no pixels") }
        guard width * height <= pixelLimit else {
            throw MediaError.tooManyPixels(width: width, height: height, limit: pixelLimit)
        }
        var pages: Int32 = 1
        if vips_image_get_typeof(image, "n-pages") != 0 { vips_image_get_int(image, "n-pages", &pages) }
        var orientation: Int32 = 1
        if vips_image_get_typeof(image, "orientation") != 0 { vips_image_get_int(image, "orientation", &orientation) }
        return ImageInfo(
            width: width, height: height, orientation: (1...8).contains(orientation) ? Int(orientation) : 1,
            frameCount: max(1, Int(pages)),
            takenAt: exifString(image, "exif-ifd2-DateTimeOriginal").flatMap(parseExifDate)
                ?? exifString(image, "exif-ifd0-DateTime").flatMap(parseExifDate),
            title: exifString(image, "exif-ifd0-XPTitle") ?? exifString(image, "exif-ifd0-ImageDescription"),
            description: exifString(image, "exif-ifd0-XPComment"),
            camera: CameraDetails.read { exifString(image, $0) })
    }

    /// libvips gives EXIF strings as `value (value, type, count)`; the part before " (" is the value.
    private static func exifString(_ image: UnsafeMutablePointer<VipsImage>, _ name: String) -> String? {
        guard vips_image_get_typeof(image, name) != 0 else { return nil }
        var raw: UnsafePointer<CChar>?
        guard vips_image_get_string(image, name, &raw) == 0, let raw else { return nil }
        var text = String(cString: raw)
        if let cut = text.range(of: " (", options: .backwards) { text = String(text[..<cut.lowerBound]) }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        return text.isEmpty ? nil : text
    }

    /// EXIF dates are `YYYY:MM:DD HH:MM:SS` in the camera's local time, which EXIF does not
    /// record: read as UTC, the usual convention of photo hosts.
    static func parseExifDate(_ text: String) -> Date? {
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 6, (1900...2999).contains(digits[0]), (1...12).contains(digits[1]),
            (1...31).contains(digits[2])
        else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (digits[0], digits[1], digits[2])
        (components.hour, components.minute, components.second) = (digits[3], digits[4], digits[5])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }
}
