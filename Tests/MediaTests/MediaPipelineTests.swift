import Foundation
import Media
import TestSupport
import Testing

@Suite struct SniffingTests {
    let media: GeneratedMedia
    let sniffer: Sniffer

    init() throws {
        media = try GeneratedMedia()
        sniffer = try Sniffer()
    }

    func sniffed(_ path: String) -> MediaType? {
        sniffer.mimeType(ofFile: path).flatMap(MediaType.forSniffed)
    }

    @Test func everyAllowedImageTypeIsNamedFromItsBytes() throws {
        for (name, mime, ext) in [
            ("a.jpg", "image/jpeg", "jpg"), ("a.png", "image/png", "png"), ("a.webp", "image/webp", "webp"),
        ] {
            // Saved under a misleading name: only the bytes count.
            let path = try media.image(name, width: 64, height: 48)
            let renamed = media.path("upload-" + UUID().uuidString + ".bin")
            try FileManager.default.moveItem(atPath: path, toPath: renamed)
            #expect(sniffed(renamed) == MediaType(mime: mime, kind: .image, fileExtension: ext), "\(name)")
        }
        let gif = try media.ffmpeg("a.gif", ["-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=5"])
        #expect(sniffed(gif)?.mime == "image/gif")
        let bmp = try media.ffmpeg("a.bmp", ["-f", "lavfi", "-i", "color=red:size=64x48", "-frames:v", "1"])
        #expect(sniffed(bmp)?.mime == "image/bmp")
    }

    @Test func everyAllowedVideoTypeIsNamedFromItsBytes() throws {
        #expect(sniffed(try media.video("a.mp4"))?.mime == "video/mp4")
        #expect(sniffed(try media.video("a.mov"))?.mime == "video/quicktime")
        #expect(sniffed(try media.video("a.webm", codec: ["-c:v", "libvpx", "-b:v", "200k"]))?.mime == "video/webm")
    }

    @Test func dangerousAndUselessFilesAreRefused() throws {
        let html = try media.write("page.jpg", Array("<!DOCTYPE html><html><body><script>alert(1)</script>".utf8))
        let svg = try media.write(
            "image.svg",
            Array(#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.utf8)
        )
        let zip = try media.write("movie.mp4", [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60))
        let pdf = try media.write("doc.jpg", Array("%PDF-1.4\n1 0 obj<<>>endobj\n".utf8))
        let script = try media.write("run.png", Array("#!/bin/sh\nrm -rf /\n".utf8))
        let empty = try media.write("empty.jpg", [])
        for path in [html, svg, zip, pdf, script, empty] {
            #expect(sniffed(path) == nil, "\(path) sniffed as \(sniffer.mimeType(ofFile: path) ?? "?")")
        }
    }
}

@Suite struct ImageTests {
    let media: GeneratedMedia

    init() throws { media = try GeneratedMedia() }

    @Test func probeReadsTheHeaderAndAnimation() throws {
        let jpeg = try media.image("p.jpg", width: 640, height: 480)
        let info = try ImageProbe.probe(jpeg, pixelLimit: 100_000_000)
        #expect((info.width, info.height, info.frameCount) == (640, 480, 1))
        let gif = try media.ffmpeg("anim.gif", ["-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=5"])
        #expect(try ImageProbe.probe(gif, pixelLimit: 100_000_000).frameCount == 5)
    }

    @Test func aHeaderClaimingTooManyPixelsIsRefusedBeforeDecoding() throws {
        // 69 bytes of PNG whose IHDR claims 50000×50000 (7.5 GB of pixels) over one tiny IDAT
        // chunk: only the header may be read.
        let png: [UInt8] = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
            0xC3, 0x50, 0x00, 0x00, 0xC3, 0x50, 0x08, 0x02, 0x00, 0x00, 0x00, 0xC4, 0xCD, 0xAA, 0x9D, 0x00, 0x00, 0x00,
            0x0C, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0xA0, 0x3D, 0x00, 0x00, 0x00, 0x64, 0x00, 0x01, 0x86,
            0x64, 0x3C, 0x35, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        ]
        let path = try media.write("bomb.png", png)
        #expect(throws: MediaError.tooManyPixels(width: 50000, height: 50000, limit: 100_000_000)) {
            try ImageProbe.probe(path, pixelLimit: 100_000_000)
        }
    }

    @Test func truncatedImagesFailToDecode() throws {
        let jpeg = try media.image("whole.jpg", width: 1600, height: 1200)
        let data = try Data(contentsOf: URL(fileURLWithPath: jpeg))
        let cut = try media.write("cut.jpg", Array(data.prefix(data.count / 3)))
        #expect(throws: MediaError.self) {
            try ImageDerivatives.jpeg(from: cut, box: 400, to: media.path("cut-thumb.jpg"))
        }
    }

    @Test func derivativesFitTheBoxApplyOrientationAndDropGPS() throws {
        let jpeg = try media.image("gps.jpg", width: 1600, height: 1200)
        try media.run(
            "exiftool", "-q", "-overwrite_original", "-GPSLatitude=48.8584", "-GPSLatitudeRef=N",
            "-GPSLongitude=2.2945", "-GPSLongitudeRef=E", "-Orientation#=6", "-Artist=Someone", jpeg)
        #expect(try media.run("exiftool", "-s", "-GPSLatitude", jpeg).contains("48 deg"))

        let info = try ImageProbe.probe(jpeg, pixelLimit: 100_000_000)
        #expect(info.orientation == 6)
        #expect((info.displayWidth, info.displayHeight) == (1200, 1600))

        let thumb = media.path("thumb.jpg")
        let made = try ImageDerivatives.jpeg(from: jpeg, box: 400, to: thumb)
        #expect((made.width, made.height) == (300, 400))  // rotated to portrait, inside 400×400
        let blurred = try ImageDerivatives.jpeg(from: jpeg, box: 64, to: media.path("blur.jpg"), blur: 4)
        #expect(max(blurred.width, blurred.height) == 64)
        for derivative in [thumb, media.path("blur.jpg")] {
            let tags = try media.run("exiftool", "-s", "-a", "-G1", "-GPS:all", "-EXIF:all", "-XMP:all", derivative)
            #expect(tags.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(derivative): \(tags)")
        }
    }

    @Test func smallImagesAreNeverUpscaled() throws {
        let small = try media.image("small.png", width: 120, height: 80)
        let made = try ImageDerivatives.jpeg(from: small, box: 400, to: media.path("small-thumb.jpg"))
        #expect((made.width, made.height) == (120, 80))
    }
}

@Suite struct VideoTests {
    let media: GeneratedMedia

    init() throws { media = try GeneratedMedia() }

    @Test func probeGivesSizeDurationAndCodec() throws {
        let mp4 = try media.video("v.mp4", seconds: 3, size: "320x240")
        let info = try VideoProbe.probe(mp4)
        #expect((info.width, info.height) == (320, 240))
        #expect(abs(info.duration - 3) < 0.2)
        #expect(info.codec == "h264" || info.codec == "mpeg4")
    }

    @Test func posterFrameBecomesAThumbnail() throws {
        let mp4 = try media.video("p.mp4", seconds: 2)
        let poster = media.path("poster.jpg")
        try VideoProbe.poster(mp4, at: 1, to: poster)
        let made = try ImageDerivatives.jpeg(from: poster, box: 160, to: media.path("poster-thumb.jpg"))
        #expect((made.width, made.height) == (160, 120))
    }

    @Test func filesWithoutAVideoStreamAreRefused() throws {
        let audio = try media.ffmpeg(
            "sound.mp4", ["-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac"])
        #expect(throws: MediaError.noVideoStream) { try VideoProbe.probe(audio) }
        let junk = try media.write("junk.mp4", [UInt8](repeating: 7, count: 1000))
        #expect(throws: MediaError.self) { try VideoProbe.probe(junk) }
    }
}
