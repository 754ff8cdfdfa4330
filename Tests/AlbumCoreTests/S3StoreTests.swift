import AlbumCore
import Foundation
import GRDB
import TestSupport
import Testing

/// The S3 store against a real SeaweedFS (`weed mini`, started per test and stopped with it):
/// signed requests, write-once names, multipart uploads, listings, and a library on top. One at
/// a time: five stores starting at once on two cores take half a minute.
@Suite(.serialized) final class S3StoreTests {
    let directory: String
    let service: ObjectStore
    let store: S3BlobStore
    let media: GeneratedMedia

    init() throws {
        directory = try temporaryDirectory()
        service = try ObjectStore()
        store = S3BlobStore(client: try S3Client(Self.settings(service)), scratchFolder: directory + "/scratch")
        media = try GeneratedMedia()
    }

    deinit { service.stop() }

    static func settings(_ service: ObjectStore, secret: String? = nil, bucket: String? = nil) -> S3Settings {
        S3Settings(
            endpoint: service.endpoint, bucket: bucket ?? service.bucket, accessKey: service.accessKey,
            secretKey: secret ?? service.secretKey)
    }

    func temporary(_ bytes: [UInt8]) throws -> String {
        let path = try store.temporaryPath(suffix: "jpg")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aFileIsWrittenOnceReadBackListedAndRemoved() throws {
        try store.verify()
        let name = BlobPath.relative(sha256: String(repeating: "ab", count: 32), suffix: "jpg")
        let first = try temporary(Array("first bytes".utf8))
        try store.adopt(first, as: name)
        #expect(access(first, F_OK) != 0)  // the temp file is gone
        #expect(store.size(of: name) == 11)
        // Written once: other bytes under the same name leave the stored ones alone.
        try store.adopt(try temporary(Array("other bytes!".utf8)), as: name)
        #expect(try store.withLocalFile(name) { try String(contentsOfFile: $0, encoding: .utf8) } == "first bytes")
        let derivative = BlobPath.relative(sha256: String(repeating: "ab", count: 32), suffix: "thumb.jpg")
        try store.adopt(try temporary([1, 2, 3]), as: derivative)
        #expect(store.files(of: String(repeating: "ab", count: 32)) == [name, derivative])
        #expect(try store.list(prefix: "ab/").map(\.size).sorted() == [3, 11])
        #expect(store.removeAll(sha256: String(repeating: "ab", count: 32)) == 2)
        #expect(store.size(of: name) == nil)
        #expect(try store.withLocalFile(name) { _ in true } == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/scratch").isEmpty)
    }

    @Test func aLargeFileGoesUpInPartsAndComesBackWhole() throws {
        let multipart = S3BlobStore(
            client: store.client, scratchFolder: directory + "/scratch", multipartThreshold: 6 << 20,
            partSize: 5 << 20)
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 13 << 20)
        bytes.withUnsafeMutableBytes { raw in
            for index in 0..<(raw.count / 8) {
                raw.storeBytes(of: generator.next(), toByteOffset: index * 8, as: UInt64.self)
            }
        }
        let path = try temporary(bytes)
        let sha256 = try FileDigest.of(path).sha256
        let name = BlobPath.relative(sha256: sha256, suffix: "mp4")
        try multipart.adopt(path, as: name)
        #expect(multipart.size(of: name) == bytes.count)
        #expect(try multipart.withLocalFile(name) { try FileDigest.of($0).sha256 } == sha256)
        #expect(try store.list(prefix: "").count == 1)  // no parts left behind as objects
    }

    @Test func aWrongKeyOrAMissingBucketIsSaidClearly() throws {
        let wrong = S3BlobStore(
            client: try S3Client(Self.settings(service, secret: "not-the-secret")), scratchFolder: directory)
        #expect(throws: LibraryError.self) { try wrong.verify() }
        do { try wrong.verify() } catch { #expect("\(error)".contains("refused ALBUMEN_S3_ACCESS_KEY")) }
        let missing = S3BlobStore(
            client: try S3Client(Self.settings(service, bucket: "no-such-bucket")), scratchFolder: directory)
        do {
            try missing.verify()
            Issue.record("a missing bucket passed")
        } catch { #expect("\(error)".contains("has no bucket no-such-bucket")) }
        #expect(throws: LibraryError.self) {
            _ = try S3Client(S3Settings(endpoint: "ftp://x", bucket: "b", accessKey: "a", secretKey: "s"))
        }
    }

    @Test func aLibraryOnObjectStorageImportsChecksMakesDerivativesAndSweeps() throws {
        let database = try AppDatabase(path: directory + "/albumen.sqlite")
        let library = Library(database: database, blobs: store)
        let owner = try Accounts(database: database).createUser(username: "alice", password: "12345678").id!
        let file = try media.image("a.jpg", width: 640, height: 480)
        let copy = directory + "/upload.jpg"
        try FileManager.default.copyItem(atPath: file, toPath: copy)
        let entry = try library.importMedia(ImportRequest(ownerId: owner, file: copy, originalFilename: "a.jpg"))
        #expect(
            store.files(of: entry.sha256).map { String($0.split(separator: ".", maxSplits: 1)[1]) } == [
                "jpg", "thumb.jpg",
            ])
        #expect(try library.check(hash: true).isClean)
        // The media route's first ask is optimistic; asked again after nginx's miss, it is made.
        #expect(
            try library.derivative(sha256: entry.sha256, variant: .medium, optimistic: true)?.suffix == "medium.jpg")
        #expect(!store.contains(sha256: entry.sha256, suffix: "medium.jpg"))
        #expect(try library.derivative(sha256: entry.sha256, variant: .medium)?.suffix == "medium.jpg")
        #expect(store.contains(sha256: entry.sha256, suffix: "medium.jpg"))
        // A thumbnail gone from the bucket is seen by check and made again by repair.
        store.remove(BlobPath.relative(sha256: entry.sha256, suffix: "thumb.jpg"))
        #expect(try library.check().missing == [BlobPath.relative(sha256: entry.sha256, suffix: "thumb.jpg")])
        #expect(try library.check(repair: true).remade.count == 1)
        #expect(try library.check(hash: true).isClean)
        // A stray object no row knows is swept once older than the grace period.
        let stray = BlobPath.relative(sha256: String(repeating: "cd", count: 32), suffix: "jpg")
        try store.adopt(try temporary([9, 9]), as: stray)
        #expect(try library.sweep(grace: 600).strayFiles == 0)
        #expect(try library.sweep(now: Date().addingTimeInterval(3600), grace: 600).strayFiles == 1)
        #expect(store.size(of: stray) == nil)
    }

    @Test func aLibraryMovesToTheBucketAndBackVerified() throws {
        let database = try AppDatabase(path: directory + "/albumen.sqlite")
        let local = LocalBlobStore(root: directory + "/blobs")
        let library = Library(database: database, blobs: local)
        let owner = try Accounts(database: database).createUser(username: "alice", password: "12345678").id!
        var hashes: [String] = []
        for (index, size) in [(0, 320), (1, 400)] {
            let copy = directory + "/upload-\(index).jpg"
            try FileManager.default.copyItem(
                atPath: try media.image("p\(index).jpg", width: size, height: 240), toPath: copy)
            hashes.append(
                try library.importMedia(ImportRequest(ownerId: owner, file: copy, originalFilename: "p.jpg")).sha256)
        }
        let location = StorageLocation(database: database)
        #expect(throws: LibraryError.self) { try location.claim(.s3) }  // files on disk: refused
        // A copy an earlier run verified and that was then removed from the bucket is not
        // trusted: nothing switches while an original is missing there.
        let stale = BlobPath.relative(sha256: hashes[0], suffix: "jpg")
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO storage_copies (target, relative, sha256) VALUES ('s3', ?, ?)",
                arguments: [stale, hashes[0]])
        }
        #expect(throws: LibraryError.self) {
            _ = try StorageMigration(database: database, from: local, to: store, targetKind: .s3).run()
        }
        #expect(try location.recorded() == .local)
        try database.write { db in try db.execute(sql: "DELETE FROM storage_copies") }
        let there = try StorageMigration(database: database, from: local, to: store, targetKind: .s3).run()
        guard case .switched(let progress) = there else {
            Issue.record("not switched: \(there)")
            return
        }
        #expect(progress.total == 4 && progress.copied == 1 && progress.skipped == 3)  // the refused run copied three
        #expect(try location.recorded() == .s3)
        #expect(try Library(database: database, blobs: store).check(hash: true).isClean)
        #expect(
            try StorageMigration(database: database, from: local, to: store, targetKind: .s3).run() == .alreadyThere)
        // Back: the local files are still there, so each is only verified.
        let back = try StorageMigration(database: database, from: store, to: local, targetKind: .local).run()
        #expect(back == .switched(StorageMigration.Progress(total: 4, copied: 0, skipped: 4, bytes: 0)))
        #expect(try location.recorded() == .local)
        #expect(try library.check(hash: true).isClean && hashes.count == 2)
    }
}
