import AlbumCore
import Foundation
import GRDB
import Media
import TestSupport
import Testing

@Suite struct ImportTests {
    let directory: String
    let database: AppDatabase
    let library: Library
    let owner: Int64

    init() throws {
        directory = try temporaryDirectory()
        database = try AppDatabase(path: directory + "/a.sqlite")
        library = Library(database: database, blobs: LocalBlobStore(root: directory + "/blobs"))
        owner = try Accounts(database: database).createUser(username: "alice", password: "12345678").id!
    }

    /// A fresh upload file in the scratch folder (import consumes it).
    func upload(_ make: (String) throws -> Void, name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory + "/tmp", withIntermediateDirectories: true)
        let path = directory + "/tmp/" + UUID().uuidString + "-" + name
        try make(path)
        return path
    }

    func tool(_ name: String, _ arguments: [String]) throws { try runTool(name, arguments) }

    func jpeg(width: Int = 800, height: Int = 600, seed: Int = 1) throws -> String {
        try upload(
            { path in
                try tool("vips", ["black", path + ".v", "\(width)", "\(height)", "--bands", "3"])
                try tool("vips", ["linear", path + ".v", path + ".l.v", "1", "\(seed % 200)"])
                try tool("vips", ["copy", path + ".l.v", path + "[Q=90]"])
                unlink(path + ".v")
                unlink(path + ".l.v")
            }, name: "IMG_0001-holiday_beach.jpg")
    }

    func blobCount() throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM blobs") ?? 0 }
    }
    func mediaCount() throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM media") ?? 0 }
    }
    func filesInStore() -> [String] {
        (FileManager.default.enumerator(atPath: library.localBlobs.root)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".jpg") || $0.hasSuffix(".mp4") || $0.hasSuffix(".png") }.sorted()
    }

    @Test func anImageIsStoredWithItsThumbnailAndRow() throws {
        let file = try jpeg()
        var request = ImportRequest(ownerId: owner, file: file, originalFilename: "IMG_0001-holiday_beach.jpg")
        request.tags = ["beach", "beach", " sea "]
        let entry = try library.importMedia(request)
        let item = entry.item
        // The answer carries the bytes' address as a later read finds it.
        let stored = try #require(try library.media(id: item.id!))
        #expect(stored.item == item && stored.sha256 == entry.sha256 && stored.ext == entry.ext && entry.ext == "jpg")
        #expect(item.mime == "image/jpeg")
        #expect((item.width, item.height) == (800, 600))
        #expect(item.title == "IMG 0001 holiday beach")
        #expect(item.visibility == .private)
        #expect(item.processingState == .ready)
        #expect(!FileManager.default.fileExists(atPath: file))  // moved into the store
        let blob = try #require(try database.read { try Blob.fetchOne($0, sql: "SELECT * FROM blobs") })
        #expect(blob.sha256.count == 64 && blob.md5.count == 32 && blob.refCount == 1)
        #expect(FileManager.default.fileExists(atPath: library.localBlobs.path(sha256: blob.sha256, suffix: "jpg")))
        #expect(
            FileManager.default.fileExists(atPath: library.localBlobs.path(sha256: blob.sha256, suffix: "thumb.jpg")))
        let tags = try database.read { try String.fetchAll($0, sql: "SELECT tag FROM media_tags ORDER BY tag") }
        #expect(tags == ["beach", "sea"])
    }

    @Test func theSameBytesTwiceMakeOneBlob() throws {
        let first = try jpeg(seed: 7)
        let second = directory + "/tmp/copy.jpg"
        try FileManager.default.copyItem(atPath: first, toPath: second)
        let a = try library.importMedia(ImportRequest(ownerId: owner, file: first, originalFilename: "a.jpg")).item
        let b = try library.importMedia(ImportRequest(ownerId: owner, file: second, originalFilename: "b.jpg")).item
        #expect(a.blobId == b.blobId && a.id != b.id)
        #expect(try blobCount() == 1)
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT ref_count FROM blobs") } == 2)
        #expect(filesInStore().count == 2)  // original + thumb, once
    }

    @Test func refusedFilesLeaveNothingStored() throws {
        let cases: [(String, [UInt8], LibraryError)] = [
            (
                "page.jpg", Array("<!DOCTYPE html><html><script>alert(1)</script></html>".utf8),
                .unsupportedType("text/html")
            ),
            ("empty.jpg", [], .emptyFile),
            (
                "x.mp4", [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 100),
                .unsupportedType("application/zip")
            ),
        ]
        for (name, bytes, expected) in cases {
            let file = try upload({ try Data(bytes).write(to: URL(fileURLWithPath: $0)) }, name: name)
            #expect(throws: expected) {
                try library.importMedia(ImportRequest(ownerId: owner, file: file, originalFilename: name))
            }
        }
        let whole = try jpeg(width: 1600, height: 1200)
        let data = try Data(contentsOf: URL(fileURLWithPath: whole))
        let truncated = try upload(
            { try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: $0)) }, name: "cut.jpg")
        #expect(throws: LibraryError.self) {
            try library.importMedia(ImportRequest(ownerId: owner, file: truncated, originalFilename: "cut.jpg"))
        }
        #expect(try mediaCount() == 0)
        #expect(try blobCount() == 0)
        #expect(filesInStore().isEmpty)
    }

    @Test func aJPEGCarryingPHPIsKeptOnlyAsAJPEG() throws {
        let file = try jpeg()
        try tool("exiftool", ["-q", "-overwrite_original", "-Comment=<?php system($_GET['c']); ?>", file])
        let item = try library.importMedia(ImportRequest(ownerId: owner, file: file, originalFilename: "shell.php"))
            .item
        #expect(item.mime == "image/jpeg")
        let blob = try #require(try database.read { try Blob.fetchOne($0, sql: "SELECT * FROM blobs") })
        #expect(blob.extension == "jpg")
        #expect(filesInStore().allSatisfy { $0.hasSuffix(".jpg") })
    }

    @Test func videosGetAPosterThumbnailAndDuration() throws {
        let file = try upload(
            { path in
                try tool(
                    "ffmpeg",
                    [
                        "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=25",
                        "-f", "mp4", path,
                    ])
            }, name: "clip.mp4")
        let item = try library.importMedia(ImportRequest(ownerId: owner, file: file, originalFilename: "clip.mp4")).item
        #expect(item.kind == .video && item.mime == "video/mp4")
        #expect(abs((item.duration ?? 0) - 2) < 0.2)
        let sha = try #require(try database.read { try String.fetchOne($0, sql: "SELECT sha256 FROM blobs") })
        for suffix in ["mp4", "poster.jpg", "thumb.jpg"] {
            #expect(
                FileManager.default.fileExists(atPath: library.localBlobs.path(sha256: sha, suffix: suffix)),
                "\(suffix)")
        }
    }

    @Test func deletingKeepsBytesUntilSignedURLsExpireThenSweepRemovesThem() throws {
        let item = try library.importMedia(ImportRequest(ownerId: owner, file: try jpeg(), originalFilename: "a.jpg"))
            .item
        try library.deleteMedia(id: item.id!, ownerId: owner)
        #expect(try mediaCount() == 0)
        #expect(filesInStore().count == 2)  // still there for URLs already issued
        #expect(try library.sweep().removedBlobs == 0)
        let later = Date().addingTimeInterval(library.settings.signedURLLifetime + 60)
        #expect(try library.sweep(now: later).removedBlobs == 1)
        #expect(filesInStore().isEmpty)
        #expect(try blobCount() == 0)
    }

    @Test func sweepRemovesExpiredMediaStraysAndTemporaries() throws {
        var request = ImportRequest(ownerId: owner, file: try jpeg(), originalFilename: "a.jpg")
        request.expiresAt = Date().addingTimeInterval(60)
        _ = try library.importMedia(request)
        // A crash between the move and the commit leaves a file no row knows.
        let stray = library.localBlobs.path(sha256: String(repeating: "ab", count: 32), suffix: "jpg")
        try FileManager.default.createDirectory(
            atPath: (stray as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: stray, contents: Data([1, 2, 3])))
        #expect(
            FileManager.default.createFile(atPath: try library.blobs.temporaryPath(suffix: "jpg"), contents: Data([1])))

        let report = try library.sweep(now: Date().addingTimeInterval(3600), grace: 0)
        #expect(report.expiredMedia == 1)
        #expect(report.strayFiles == 1)
        #expect(report.temporaries == 1)
        #expect(try mediaCount() == 0)
    }

    @Test func otherUsersAlbumsAndMediaAreOutOfReach() throws {
        var request = ImportRequest(ownerId: owner, file: try jpeg(), originalFilename: "a.jpg")
        request.albumId = 424242
        #expect(throws: LibraryError.albumNotFound) { try library.importMedia(request) }
        let item = try library.importMedia(
            ImportRequest(ownerId: owner, file: try jpeg(seed: 3), originalFilename: "b.jpg")
        ).item
        let mallory = try Accounts(database: database).createUser(username: "mallory", password: "12345678").id!
        #expect(throws: LibraryError.mediaNotFound) { try library.deleteMedia(id: item.id!, ownerId: mallory) }
    }
}

extension ImportTests {
    @Test func stableOfASmallJPEGIsTheOriginalAndOfOtherTypesAMadeJPEG() throws {
        let item = try library.importMedia(
            ImportRequest(ownerId: owner, file: try jpeg(seed: 9), originalFilename: "a.jpg")
        ).item
        let sha = try #require(
            try database.read {
                try String.fetchOne($0, sql: "SELECT sha256 FROM blobs WHERE id = ?", arguments: [item.blobId])
            })
        let stable = try library.derivative(sha256: sha, variant: .stable)
        #expect(stable?.suffix == "jpg" && stable?.mime == "image/jpeg")
        #expect(try library.derivative(sha256: sha, variant: .medium)?.suffix == "medium.jpg")
        #expect(try library.derivative(sha256: String(repeating: "0", count: 64), variant: .stable) == nil)
    }
}
