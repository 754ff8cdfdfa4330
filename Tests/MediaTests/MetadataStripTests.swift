import Foundation
import Media
import TestSupport
import Testing

/// What a share serves as an original: the camera's metadata gone (checked with exiftool),
/// the picture itself the same bytes, decoded to the same pixels.
@Suite struct MetadataStripTests {
    let media: GeneratedMedia

    init() throws { media = try GeneratedMedia() }

    /// GPS, a camera serial, maker and XMP written by exiftool, as a phone would.
    static let tags = [
        "-GPSLatitude=52.3676", "-GPSLatitudeRef=N", "-GPSLongitude=4.9041", "-GPSLongitudeRef=E",
        "-SerialNumber=SN-1234567", "-BodySerialNumber=BODY-7654321", "-Make=Albumen Camera", "-XMP:Creator=Someone",
        "-Comment=secret note",
    ]

    func tagged(_ name: String, _ extra: [String] = []) throws -> String {
        let path = try media.image(name, width: 320, height: 200)
        try runTool("exiftool", ["-q", "-overwrite_original"] + Self.tags + extra + [path])
        #expect(try runTool("exiftool", ["-GPSLatitude", path]).contains("52 deg"))
        return path
    }

    func stripped(_ path: String, ext: String) throws -> String {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try media.write("clean-" + (path as NSString).lastPathComponent, MetadataStrip.strip(bytes, ext: ext))
    }

    /// exiftool's report of everything identifying that is left.
    func leftovers(_ path: String) throws -> String {
        try runTool(
            "exiftool",
            ["-a", "-s", "-n", "-GPS:all", "-SerialNumber", "-BodySerialNumber", "-Make", "-XMP:all", "-Comment", path])
    }

    func pixels(_ path: String) throws -> Data {
        let raw = media.path(UUID().uuidString + ".raw")
        try runTool("vips", ["rawsave", path, raw])
        return try Data(contentsOf: URL(fileURLWithPath: raw))
    }

    @Test(arguments: ["jpg", "png", "webp"])
    func nothingIdentifyingIsLeftAndThePixelsAreTheSame(ext: String) throws {
        let original = try tagged("photo." + ext)
        let clean = try stripped(original, ext: ext)
        let left = try leftovers(clean)
        #expect(left.isEmpty, "\(ext): \(left)")
        #expect(try pixels(clean) == pixels(original))
        // Still a valid file of its type.
        #expect(try runTool("vipsheader", [clean]).contains("320x200"))
    }

    @Test func aJPEGKeepsItsOrientationAndDropsTrailingPreviews() throws {
        let original = try tagged("turned.jpg", ["-Orientation#=6"])
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: original)))
        let trailer = Array("GPS 52.3676 4.9041 appended by a camera".utf8)
        bytes += trailer
        let clean = try MetadataStrip.jpeg(bytes)
        let path = try media.write("turned-clean.jpg", clean)
        #expect(try leftovers(path).isEmpty)
        #expect(
            try runTool("exiftool", ["-s3", "-n", "-Orientation", path]).trimmingCharacters(in: .whitespacesAndNewlines)
                == "6")
        #expect(!String(decoding: clean, as: UTF8.self).contains("52.3676"))
        // The compressed picture is copied, not re-encoded: the clean file is the original
        // minus segments, never larger.
        #expect(clean.count < bytes.count - trailer.count)
    }

    @Test func truncatedAndForeignBytesAreRefused() throws {
        #expect(throws: MediaError.self) { try MetadataStrip.jpeg([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]) }
        #expect(throws: MediaError.self) { try MetadataStrip.jpeg(Array("not a picture".utf8)) }
        // A stuffed byte where a marker belongs (found by the fuzzer: copied as a marker, a second
        // reading saw a different file).
        #expect(throws: MediaError.self) {
            try MetadataStrip.jpeg([0xFF, 0xD8, 0xFF, 0xFF, 0x00, 0x00, 0x04, 0, 0, 0xFF, 0xD9])
        }
        #expect(throws: MediaError.self) {
            try MetadataStrip.png([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])
        }
        #expect(throws: MediaError.self) { try MetadataStrip.webp(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8X".utf8)) }
    }

    @Test func aVideoLosesItsLocationAndKeepsItsStreams() throws {
        let path = try media.video("walk.mp4")
        try runTool(
            "ffmpeg",
            [
                "-i", path, "-c", "copy", "-metadata", "location=+52.3676+004.9041/", "-metadata",
                "com.apple.quicktime.make=Albumen Camera", media.path("tagged.mp4"),
            ])
        let tagged = media.path("tagged.mp4")
        #expect(try runTool("exiftool", ["-s", "-GPS:all", "-Keys:all", "-UserData:all", tagged]).contains("52"))
        let clean = media.path("clean.mp4")
        try VideoProbe.withoutMetadata(tagged, to: clean, format: "mp4")
        let report = try runTool("exiftool", ["-s", "-GPS:all", "-Keys:all", "-UserData:all", clean])
        #expect(!report.contains("52"), "\(report)")
        #expect(try VideoProbe.probe(clean).width == 320)
    }
}
