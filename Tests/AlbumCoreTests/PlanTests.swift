import AlbumCore
import Foundation
import GRDB
import Media
import TestSupport
import Testing

@Suite struct PlanTests {
    let directory: String
    let database: AppDatabase
    let owner: Int64
    let admin: Int64

    init() throws {
        directory = try temporaryDirectory()
        database = try AppDatabase(path: directory + "/a.sqlite")
        let accounts = Accounts(database: database)
        owner = try accounts.createUser(username: "alice", password: "12345678").id!
        admin = try accounts.createUser(username: "root", password: "12345678", role: .admin).id!
    }

    func library(_ plan: Plan) -> Library {
        var settings = MediaSettings()
        settings.defaultPlan = plan
        return Library(database: database, blobs: LocalBlobStore(root: directory + "/blobs"), settings: settings)
    }

    func file(_ name: String, _ arguments: [String]) throws -> String {
        try FileManager.default.createDirectory(atPath: directory + "/tmp", withIntermediateDirectories: true)
        let path = directory + "/tmp/" + UUID().uuidString + "-" + name
        try runTool("ffmpeg", ["-f", "lavfi"] + arguments + [path])
        return path
    }

    func photo(_ seed: Int = 1) throws -> String {
        try file("p.jpg", ["-i", "testsrc2=size=320x240,noise=alls=20:allf=t:all_seed=\(seed)", "-frames:v", "1"])
    }

    func video(seconds: Int, seed: Int = 1) throws -> String {
        try file("v.mp4", ["-i", "testsrc=duration=\(seconds):size=160x120:rate=10:decimals=\(seed % 3)"])
    }

    func count(_ table: String) throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test func fileSizeAndTypeLimitsAreEnforcedBeforeAnythingIsStored() throws {
        var plan = Plan()
        plan.maxFileBytes = 1000
        #expect(throws: LibraryError.fileTooLarge(limit: 1000)) {
            try library(plan).importMedia(ImportRequest(ownerId: owner, file: try photo(), originalFilename: "a.jpg"))
        }
        plan = Plan()
        plan.allowedTypes = ["png", "mp4"]
        #expect(throws: LibraryError.typeNotAllowed("jpg")) {
            try library(plan).importMedia(ImportRequest(ownerId: owner, file: try photo(), originalFilename: "a.jpg"))
        }
        #expect(try count("media") == 0 && count("blobs") == 0)
    }

    @Test func albumsAndTheirItemsAndVideosAreCounted() throws {
        var plan = Plan()
        plan.maxAlbums = 1
        plan.maxItemsPerAlbum = 2
        plan.maxVideosPerAlbum = 1
        let library = library(plan)
        let album = try library.album(named: "Trip", ownerId: owner)
        #expect(try library.album(named: "Trip", ownerId: owner) == album)  // found, not created
        #expect(throws: LibraryError.limitReached(.albums(1))) {
            try library.album(named: "Second", ownerId: owner)
        }
        func add(_ path: String) throws {
            var request = ImportRequest(
                ownerId: owner, file: path, originalFilename: (path as NSString).lastPathComponent)
            request.albumId = album
            _ = try library.importMedia(request)
        }
        try add(try video(seconds: 1, seed: 1))
        #expect(throws: LibraryError.limitReached(.videosPerAlbum(1))) {
            try add(try video(seconds: 1, seed: 2))
        }
        try add(try photo(2))
        #expect(throws: LibraryError.limitReached(.itemsPerAlbum(2))) { try add(try photo(3)) }
        // Outside the album the item limits do not apply.
        _ = try library.importMedia(ImportRequest(ownerId: owner, file: try photo(4), originalFilename: "free.jpg"))
    }

    @Test func videoLengthMustFitThePlan() throws {
        var plan = Plan()
        (plan.minVideoSeconds, plan.maxVideoSeconds) = (2, 3)
        let library = library(plan)
        #expect(throws: LibraryError.self) {
            try library.importMedia(
                ImportRequest(ownerId: owner, file: try video(seconds: 1), originalFilename: "short.mp4"))
        }
        #expect(throws: LibraryError.self) {
            try library.importMedia(
                ImportRequest(ownerId: owner, file: try video(seconds: 5), originalFilename: "long.mp4"))
        }
        _ = try library.importMedia(
            ImportRequest(ownerId: owner, file: try video(seconds: 2), originalFilename: "ok.mp4"))
    }

    @Test func adminsAreUnlimitedAndAPlanRowOverridesTheDefault() throws {
        var strict = Plan()
        strict.maxFileBytes = 10
        let library = library(strict)
        _ = try library.importMedia(ImportRequest(ownerId: admin, file: try photo(5), originalFilename: "a.jpg"))
        try database.write { db in
            try db.execute(
                sql:
                    "INSERT INTO plans (id, name, max_file_bytes, allowed_types) VALUES (7, 'pro', 10000000, 'jpg, png')"
            )
            try db.execute(sql: "UPDATE users SET plan_id = 7 WHERE id = ?", arguments: [owner])
        }
        #expect(try library.plan(for: owner).allowedTypes == ["jpg", "png"])
        _ = try library.importMedia(ImportRequest(ownerId: owner, file: try photo(6), originalFilename: "b.jpg"))
    }
}
