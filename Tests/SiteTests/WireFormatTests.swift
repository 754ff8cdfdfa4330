import Foundation
import HTTP
import Testing

@testable import Site

/// The listings' speed tricks, pinned against the reference implementations they replace.
@Suite struct WireFormatTests {
    static let instants: [Double] =
        [
            0, -1, -0.001, 0.999, 951_782_400, 951_868_799.999, 1_709_164_800.5, 4_102_444_799.999,
            253_402_300_799.999, -62_135_596_800, 1_764_500_000.123_456,
        ]
        + (0..<3000).map { _ in Double(Int64.random(in: -2_000_000_000_000...6_000_000_000_000)) / 1000 }

    @Test func iso8601IsFoundationsFormat() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        // Foundation writes years before 1583 in the Julian calendar; Albumen's dates are later.
        for instant in Self.instants where instant >= -12_219_292_800 {
            let date = Date(timeIntervalSince1970: instant)
            #expect(Timestamp.iso8601(date) == formatter.string(from: date), "\(instant)")
        }
    }

    @Test func plainIsTheCalendarsDateInEachZone() {
        for zone in ["UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"] {
            let zone = TimeZone(identifier: zone)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            for instant in Self.instants where instant >= -12_219_292_800 {  // Gregorian in Foundation too
                let date = Date(timeIntervalSince1970: instant)
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
                let expected = String(
                    format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
                #expect(Timestamp.plain(date, in: zone) == expected, "\(instant) \(zone.identifier)")
            }
        }
        #expect(Timestamp.day(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29")
    }

    func expectSameAsEncoder<T: Encodable & JSONWritable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        var writer = JSONWriter()
        value.write(to: &writer)
        let reference = String(decoding: try JSON.encoder.encode(value), as: UTF8.self)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == reference, sourceLocation: sourceLocation)
        let list = Response.json(writingAll: [value, value])
        #expect(list.bodyText == String(decoding: try JSON.encoder.encode([value, value]), as: UTF8.self))
    }

    @Test func writtenObjectsAreWhatTheEncoderWrites() throws {
        let awkward = (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined() + "\"\\/ é 😀 \u{2028} </script>"
        for text in ["", "photo.jpg", awkward] {
            for album in [nil, "a-1", text] {
                try expectSameAsEncoder(
                    WebAPIWire.Photo(
                        id: "u", userId: text, albumId: album, blobURL: "http://x/i/a/b.jpg?Expires=1&Signature=z",
                        fileName: text, fileSize: 123_456, fileType: "image/jpeg", width: -1, height: 0,
                        createdAt: "2026-01-01T00:00:00.000Z"))
            }
            try expectSameAsEncoder(WebAPIWire.Album(id: "a", userId: "u", name: text, createdAt: "t"))
            for duration in [nil, 0, 1, 2.5, 2.002, 3599.999, 0.04, 12.345678] as [Double?] {
                try expectSameAsEncoder(
                    ServiceAPI.Item(
                        id: 7, uuid: "u", kind: "video", mime: "video/mp4", title: text, width: 1, height: 2,
                        duration: duration, size: 3, createdAt: "c", url: "/media/x", thumbUrl: "/media/y"))
            }
        }
    }
}

/// Sizes for people: decimal units for what is stored, binary limits as they were set.
@Suite struct DisplayTests {
    @Test func limitsSetInBinaryUnitsReadAsTheyWereSet() {
        #expect(Display.limit(2 << 30) == "2 GB")  // ALBUMEN_MAX_UPLOAD=2G, not "2.1 GB"
        #expect(Display.limit(64 << 20) == "64 MB")
        #expect(Display.limit(512 << 10) == "512 KB")
        #expect(Display.limit(1_500_000) == "1.5 MB")
        #expect(Display.bytes(2 << 30) == "2.1 GB")
    }
}
