import Foundation
import Media
import TestSupport
import Testing

/// Archives written by `ZipStream` and read back by Python's zipfile and Info-ZIP's unzip:
/// names, bytes, CRCs and dates as given; ZIP64 structures checked by lowering their limit.
@Suite struct ZipStreamTests {
    let media: GeneratedMedia

    init() throws { media = try GeneratedMedia() }

    func archive(_ stream: ZipStream, _ entries: [ZipStream.Entry]) throws -> String {
        var bytes: [UInt8] = []
        var largest = 0
        try stream.write(entries) { chunk in
            largest = max(largest, chunk.count)
            bytes += chunk
        }
        #expect(Int64(bytes.count) == stream.length(of: entries))
        #expect(largest <= 1 << 20)
        return try media.write("out-\(UUID().uuidString).zip", bytes)
    }

    func entries() throws -> [ZipStream.Entry] {
        let photo = try media.image("a.jpg", width: 300, height: 200)
        let text = try media.write("b.bin", Array((0..<5000).map { UInt8($0 % 251) }))
        let empty = try media.write("c.bin", [])
        let taken = Date(timeIntervalSince1970: 1_563_098_400)  // 2019-07-14 10:00:00
        return [
            ZipStream.Entry(name: "Paris été.jpg", path: photo, size: try size(photo), modified: taken),
            ZipStream.Entry(name: "b.bin", path: text, size: 5000, modified: taken),
            ZipStream.Entry(name: "empty.bin", path: empty, size: 0, modified: taken),
        ]
    }

    func size(_ path: String) throws -> Int64 {
        Int64(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0)
    }

    /// Python reads the archive and prints each name, its SHA-256 and date.
    func read(_ zip: String) throws -> String {
        try runTool(
            "python3",
            [
                "-c",
                """
                import hashlib, sys, zipfile
                with zipfile.ZipFile(sys.argv[1]) as z:
                    assert z.testzip() is None
                    for i in z.infolist():
                        print(i.filename, hashlib.sha256(z.read(i)).hexdigest(), i.date_time, i.file_size)
                """, zip,
            ])
    }

    func expected(_ entries: [ZipStream.Entry]) throws -> String {
        try entries.map { entry in
            let digest = try runTool("sha256sum", [entry.path]).split(separator: " ")[0]
            return "\(entry.name) \(digest) (2019, 7, 14, 10, 0, 0) \(entry.size)"
        }.joined(separator: "\n") + "\n"
    }

    @Test func aPlainArchiveHoldsTheFilesByteForByte() throws {
        let entries = try entries()
        let zip = try archive(ZipStream(chunkSize: 4096), entries)
        #expect(try read(zip) == (try expected(entries)))
        _ = try runTool("unzip", ["-tqq", zip])
    }

    @Test func zip64FieldsAreWrittenWherePastTheLimit() throws {
        let entries = try entries()
        // Every size and offset of 1000 bytes or more takes its ZIP64 form.
        let zip = try archive(ZipStream(zip64Above: 1000, chunkSize: 4096), entries)
        #expect(try read(zip) == (try expected(entries)))
        _ = try runTool("unzip", ["-tqq", zip])
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: zip)))
        #expect(bytes.count > 22 + 20 + 56)
        // The ZIP64 end record's locator sits right before the classic end record.
        #expect(Array(bytes[bytes.count - 42..<bytes.count - 38]) == [0x50, 0x4B, 0x06, 0x07])
    }

    @Test func aFileShorterThanSaidStopsTheArchive() throws {
        var entries = try entries()
        entries[1] = ZipStream.Entry(name: "b.bin", path: entries[1].path, size: 9000, modified: Date())
        #expect(throws: MediaError.self) { try ZipStream().write(entries) { _ in } }
    }
}
