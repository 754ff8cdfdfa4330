import Foundation
import Media
import TestSupport
import Testing

@Suite struct SnifferTests {
    @Test func libmagicNamesTypesFromBytesNotNames() throws {
        let sniffer = try Sniffer()
        // The 8-byte PNG signature and an IHDR chunk: enough for libmagic.
        let png: [UInt8] =
            [
                0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0,
                0, 1, 8, 6, 0, 0, 0,
            ]
        #expect(sniffer.mimeType(of: png) == "image/png")
        #expect(
            sniffer.mimeType(of: Array("<!DOCTYPE html><html><script>alert(1)</script></html>".utf8)) == "text/html")
        #expect(
            sniffer.mimeType(
                of: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
                == "image/jpeg")
    }

    /// A large photo is named from its first megabyte, not read whole (libmagic's default is 7 MB),
    /// and text after a megabyte of image does not make it something else.
    @Test func aLargeFileIsNamedFromItsFirstMegabyte() throws {
        let sniffer = try Sniffer()
        #expect(sniffer.bytesLooked == Sniffer.bytesRead && Sniffer.bytesRead == 1 << 20)
        let media = try GeneratedMedia()
        let photo = try Data(contentsOf: URL(fileURLWithPath: try media.image("big.jpg", width: 64, height: 48)))
        let path = media.directory + "/padded.jpg"
        var padded = photo
        padded.append(Data(repeating: 0, count: 3 << 20))
        padded.append(Data("<!DOCTYPE html><html><script>alert(1)</script></html>".utf8))
        try padded.write(to: URL(fileURLWithPath: path))
        #expect(sniffer.mimeType(ofFile: path) == "image/jpeg")
    }

    @Test func libvipsStarts() throws {
        let version = try Vips.start()
        #expect(version.split(separator: ".").count == 3)
        #expect(try Vips.start() == version)
    }
}
