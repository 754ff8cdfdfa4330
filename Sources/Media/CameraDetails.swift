import CVips
import Foundation

/// What the camera wrote about a photo beyond its date: the info panel's rows and some of
/// search's words. Every field is optional: most files carry a few of them.
public struct CameraDetails: Sendable, Equatable {
    public var make: String?
    public var model: String?
    public var lens: String?
    /// The aperture as an f-number (2.8 for f/2.8).
    public var fNumber: Double?
    /// The shutter time in seconds.
    public var exposureTime: Double?
    public var iso: Int?
    /// Millimetres.
    public var focalLength: Double?
    /// Degrees, south and west negative.
    public var latitude: Double?
    public var longitude: Double?

    public init(
        make: String? = nil, model: String? = nil, lens: String? = nil, fNumber: Double? = nil,
        exposureTime: Double? = nil, iso: Int? = nil, focalLength: Double? = nil, latitude: Double? = nil,
        longitude: Double? = nil
    ) {
        (self.make, self.model, self.lens) = (make, model, lens)
        (self.fNumber, self.exposureTime, self.iso, self.focalLength) = (fNumber, exposureTime, iso, focalLength)
        (self.latitude, self.longitude) = (latitude, longitude)
    }

    public var isEmpty: Bool { self == CameraDetails() }

    /// Read from the EXIF fields libvips attaches to an opened image (`exif-ifdN-Name`, each a
    /// string `value (value as text, type, count)`).
    static func read(_ string: (String) -> String?) -> CameraDetails {
        var details = CameraDetails(
            make: string("exif-ifd0-Make"), model: string("exif-ifd0-Model"), lens: string("exif-ifd2-LensModel"),
            fNumber: string("exif-ifd2-FNumber").flatMap(rational),
            exposureTime: string("exif-ifd2-ExposureTime").flatMap(rational),
            iso: string("exif-ifd2-ISOSpeedRatings").flatMap { Int($0.split(separator: " ").first ?? "") },
            focalLength: string("exif-ifd2-FocalLength").flatMap(rational))
        if let latitude = string("exif-ifd3-GPSLatitude").flatMap(degrees),
            let longitude = string("exif-ifd3-GPSLongitude").flatMap(degrees),
            abs(latitude) <= 90, abs(longitude) <= 180
        {
            details.latitude = string("exif-ifd3-GPSLatitudeRef")?.hasPrefix("S") == true ? -latitude : latitude
            details.longitude = string("exif-ifd3-GPSLongitudeRef")?.hasPrefix("W") == true ? -longitude : longitude
        }
        return details
    }

    /// "28/10" → 2.8; a plain number as itself; nil for a zero denominator or nonsense.
    static func rational(_ text: some StringProtocol) -> Double? {
        let parts = text.split(separator: "/")
        guard let numerator = parts.first.flatMap({ Double($0) }), numerator.isFinite else { return nil }
        guard parts.count == 2 else { return parts.count == 1 ? numerator : nil }
        guard let denominator = Double(parts[1]), denominator != 0 else { return nil }
        return numerator / denominator
    }

    /// "51/1 30/1 2601/100" (degrees, minutes, seconds) → 51.507225.
    static func degrees(_ text: String) -> Double? {
        let parts = text.split(separator: " ").map(rational)
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        return zip(parts, [1.0, 60, 3600]).reduce(0) { $0 + ($1.0 ?? 0) / $1.1 }
    }
}
