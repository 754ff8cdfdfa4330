import AlbumCore
import Foundation
import GRDB
import TestSupport
import Testing

/// `check`, backup and restore over a real store with real images and a video.
@Suite struct SafekeepingTests {
    let directory: String
    let database: AppDatabase
    let library: Library
    let media: GeneratedMedia
    let owner: Int64

    init() throws {
        directory = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        database = try AppDatabase(path: directory + "/data/albumen.sqlite")
        library = Library(database: database, blobs: LocalBlobStore(root: directory + "/data/blobs"))
        media = try GeneratedMedia()
        owner = try Accounts(database: database).createUser(username: "alice", password: "12345678").id!
    }

    /// Imports a copy of `file` (import consumes its file) and answers the entry.
    @discardableResult
    func store(_ file: String, as name: String) throws -> MediaEntry {
        let copy = directory + "/" + UUID().uuidString + "-" + name
        try FileManager.default.copyItem(atPath: file, toPath: copy)
        return try library.importMedia(ImportRequest(ownerId: owner, file: copy, originalFilename: name))
    }

    func makeOld(_ path: String) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: path)
    }

    @Test func aHealthyStoreIsClean() throws {
        try store(try media.image("a.jpg", width: 64, height: 48), as: "a.jpg")
        try store(try media.video("v.mp4"), as: "v.mp4")
        let report = try library.check(hash: true)
        #expect(report.isClean && report.blobs == 2, "\(report)")
    }

    @Test func missingCorruptAndOrphanedFilesAreFoundAndRepairedWherePossible() throws {
        let photo = try store(try media.image("a.jpg", width: 64, height: 48), as: "a.jpg")
        let video = try store(try media.video("v.mp4"), as: "v.mp4")
        let other = try store(try media.image("b.jpg", width: 80, height: 60), as: "b.jpg")
        let blobs = library.localBlobs
        unlink(blobs.path(sha256: photo.sha256, suffix: "thumb.jpg"))
        unlink(blobs.path(sha256: video.sha256, suffix: "poster.jpg"))
        // An original whose bytes changed on disk: only `hash` can tell.
        let corrupted = blobs.path(sha256: other.sha256, suffix: "jpg")
        let handle = try #require(FileHandle(forWritingAtPath: corrupted))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data([0, 1, 2, 3]))
        try handle.close()
        // A file no row knows (a crash between the move and the commit), and a young one.
        let stray = blobs.path(sha256: String(repeating: "ab", count: 32), suffix: "jpg")
        try FileManager.default.createDirectory(
            atPath: (stray as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: stray, contents: Data([1, 2, 3])))
        try makeOld(stray)
        let young = blobs.path(sha256: String(repeating: "cd", count: 32), suffix: "jpg")
        try FileManager.default.createDirectory(
            atPath: (young as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: young, contents: Data([4])))

        let found = try library.check()
        #expect(
            Set(found.missing)
                == [
                    BlobPath.relative(sha256: photo.sha256, suffix: "thumb.jpg"),
                    BlobPath.relative(sha256: video.sha256, suffix: "poster.jpg"),
                ])
        #expect(found.corrupt.isEmpty)
        #expect(found.orphans == [BlobPath.relative(sha256: String(repeating: "ab", count: 32), suffix: "jpg")])
        #expect(!found.isClean)
        #expect(try library.check(hash: true).corrupt == [BlobPath.relative(sha256: other.sha256, suffix: "jpg")])

        let aside = directory + "/lost+found"
        let repaired = try library.check(repair: true, asideFolder: aside)
        #expect(repaired.missing.isEmpty && repaired.orphans.isEmpty && repaired.isClean)
        #expect(repaired.remade.count == 2 && repaired.setAside.count == 1)
        #expect(FileManager.default.fileExists(atPath: blobs.path(sha256: photo.sha256, suffix: "thumb.jpg")))
        #expect(FileManager.default.fileExists(atPath: blobs.path(sha256: video.sha256, suffix: "poster.jpg")))
        #expect(FileManager.default.fileExists(atPath: aside + "/" + repaired.setAside[0]))
        #expect(!FileManager.default.fileExists(atPath: stray) && FileManager.default.fileExists(atPath: young))
        // The corrupt original cannot be repaired: it stays a fault.
        #expect(try library.check(hash: true).corrupt.count == 1)
        // A missing original is a fault no repair hides.
        unlink(blobs.path(sha256: photo.sha256, suffix: "jpg"))
        let gone = try library.check(repair: true, asideFolder: aside)
        #expect(gone.missing == [BlobPath.relative(sha256: photo.sha256, suffix: "jpg")] && !gone.isClean)
    }

    @Test func aBackupRestoresIntoAnEmptyFolderWithEveryRowAndFile() throws {
        let photo = try store(try media.image("a.jpg", width: 64, height: 48), as: "a.jpg")
        try store(try media.video("v.mp4"), as: "v.mp4")
        try "s3cret\n".write(toFile: directory + "/data/secret", atomically: true, encoding: .utf8)
        let backup = directory + "/backup"
        let written = try Backup.write(
            database: database, blobs: library.blobs, secretFile: directory + "/data/secret", to: backup)
        #expect(written.blobs == 2 && written.missing.isEmpty && written.linkedFiles == 5)
        // Hard links: the backup costs no space for the media, and the originals stay as they were.
        let original = library.localBlobs.path(sha256: photo.sha256, suffix: "jpg")
        let attributes = try FileManager.default.attributesOfItem(atPath: original)
        #expect((attributes[.referenceCount] as? Int) == 2)
        #expect(throws: LibraryError.self) {
            try Backup.write(database: database, blobs: library.blobs, secretFile: nil, to: backup)
        }

        let restored = directory + "/restored"
        let report = try Backup.restore(from: backup, into: restored)
        #expect(report.blobs == 2)
        #expect(try String(contentsOfFile: restored + "/secret", encoding: .utf8) == "s3cret\n")
        let secretMode = try FileManager.default.attributesOfItem(atPath: restored + "/secret")[.posixPermissions]
        #expect(secretMode as? Int == 0o600)
        let copy = try AppDatabase(path: restored + "/albumen.sqlite")
        let copied = Library(database: copy, blobs: LocalBlobStore(root: restored + "/blobs"))
        #expect(try copied.check(hash: true).isClean)
        #expect(
            try copied.media(ownerId: owner, limit: 10).map(\.item.uuid).sorted()
                == (try library.media(ownerId: owner, limit: 10).map(\.item.uuid).sorted()))
        #expect(throws: LibraryError.self) { try Backup.restore(from: backup, into: restored) }
        #expect(throws: LibraryError.self) { try Backup.restore(from: directory + "/nothing", into: directory + "/x") }
    }
}
