import AlbumCore
import Foundation
import GRDB
import Media
import TestSupport
import Testing

/// Issue 14's library through the real SQLite file and real libvips: the trash, favourites,
/// search (FTS5, kept by triggers), the timeline by date taken and camera details from EXIF.
@Suite struct LibraryKeepingTests {
    let directory: String
    let database: AppDatabase
    let library: Library
    let owner: Int64
    let other: Int64
    let media: GeneratedMedia

    init() throws {
        directory = try temporaryDirectory()
        database = try AppDatabase(path: directory + "/a.sqlite")
        library = Library(database: database, blobs: LocalBlobStore(root: directory + "/blobs"))
        let accounts = Accounts(database: database)
        owner = try accounts.createUser(username: "alice", password: "12345678").id!
        other = try accounts.createUser(username: "bob", password: "12345678").id!
        media = try GeneratedMedia()
    }

    /// A JPEG (distinct bytes per `seed`) with these EXIF tags written by exiftool.
    func photo(
        _ name: String, seed: Int, exif: [String] = [], owner: Int64? = nil, album: Int64? = nil,
        tags: [String] = []
    ) throws -> MediaEntry {
        let path = try media.image("\(seed)-\(name)", width: 64 + seed, height: 48)
        if !exif.isEmpty { _ = try runTool("exiftool", ["-q", "-overwrite_original"] + exif + [path]) }
        var request = ImportRequest(ownerId: owner ?? self.owner, file: path, originalFilename: name)
        request.albumId = album
        request.tags = tags
        return try library.importMedia(request)
    }

    @Test func theTrashTakesAnItemOutOfItsAlbumAndRestoreBringsItBack() throws {
        let album = try library.createAlbum(named: "Paris", ownerId: owner)
        let entry = try photo("eiffel.jpg", seed: 1, album: album.id)
        let id = entry.item.id!
        #expect(try library.trash(ids: [id], ownerId: other) == 0)
        #expect(try library.trash(ids: [id], ownerId: owner) == 1)
        #expect(try library.media(id: id, ownerId: owner) == nil)
        #expect(try library.mediaCount(ownerId: owner, in: .album(album.id)) == 0)
        #expect(try library.mediaCount(ownerId: owner, in: .timeline) == 0)
        #expect(try library.media(ownerId: owner, in: .trash, limit: 10).map(\.item.id) == [id])
        #expect(try library.media(id: id, visibleTo: .user(owner)) == nil)

        #expect(try library.restore(ids: [id], ownerId: owner) == 1)
        #expect(try library.media(id: id, ownerId: owner)?.item.albumId == album.id)
        #expect(try library.mediaCount(ownerId: owner, in: .trash) == 0)
    }

    @Test func theSweeperEmptiesTheTrashAfterItsDaysAndPurgeAtOnce() throws {
        let first = try photo("a.jpg", seed: 2).item.id!
        let second = try photo("b.jpg", seed: 3).item.id!
        let now = Date()
        try library.trash(ids: [first], ownerId: owner, now: now.addingTimeInterval(-31 * 86_400))
        try library.trash(ids: [second], ownerId: owner, now: now)
        let report = try library.sweep(now: now)
        #expect(report.trashedMedia == 1)
        #expect(try library.media(ownerId: owner, in: .trash, limit: 10).map(\.item.id) == [second])
        #expect(try library.purge(ownerId: owner) == 1)
        #expect(try library.mediaCount(ownerId: owner, in: .trash) == 0)
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM media") } == 0)
    }

    @Test func uploadingTrashedBytesAgainBringsTheItemBack() throws {
        let path = try media.image("again.jpg", width: 90, height: 60)
        let copy = media.path("copy.jpg")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let first = try library.importMedia(ImportRequest(ownerId: owner, file: path, originalFilename: "again.jpg"))
        try library.trash(ids: [first.item.id!], ownerId: owner)
        var request = ImportRequest(ownerId: owner, file: copy, originalFilename: "again.jpg")
        request.refuseOwnCopy = true
        #expect(throws: LibraryError.alreadyInLibrary(mediaId: first.item.id!)) { try library.importMedia(request) }
        #expect(try library.media(id: first.item.id!, ownerId: owner) != nil)
    }

    @Test func favouritesAreTheOwnersOnly() throws {
        let id = try photo("f.jpg", seed: 4).item.id!
        #expect(try library.setFavourite(true, ids: [id], ownerId: other) == 0)
        #expect(try library.setFavourite(true, ids: [id], ownerId: owner) == 1)
        #expect(try library.media(ownerId: owner, in: .favourites, limit: 5).map(\.item.id) == [id])
        #expect(try library.setFavourite(false, ids: [id], ownerId: owner) == 1)
        #expect(try library.mediaCount(ownerId: owner, in: .favourites) == 0)
    }

    @Test func searchFindsByTagCameraAlbumFileNameAndDate() throws {
        let album = try library.createAlbum(named: "Lisbon trip", ownerId: owner)
        let tram = try photo(
            "IMG_2041.jpg", seed: 5,
            exif: ["-Model=Canon EOS R6", "-Make=Canon", "-DateTimeOriginal=2019:07:14 10:00:00"],
            album: album.id, tags: ["tram"]
        ).item.id!
        let other = try photo("beach.jpg", seed: 6, exif: ["-DateTimeOriginal=2021:03:02 10:00:00"]).item.id!
        _ = try photo("bobs.jpg", seed: 7, owner: self.other, tags: ["tram"])

        func found(_ text: String) throws -> [Int64?] {
            try library.search(text, ownerId: owner, limit: 10).map(\.item.id)
        }
        #expect(try found("tram") == [tram])
        #expect(try found("canon") == [tram])
        #expect(try found("EOS R6") == [tram])
        #expect(try found("lisbon") == [tram])
        #expect(try found("IMG_2041") == [tram])
        #expect(try found("2019") == [tram])
        #expect(try found("July 2019") == [tram])
        #expect(try found("March 2019") == [])
        #expect(try found("2021") == [other])
        #expect(try found("bea") == [other])
        #expect(try found("\"tram*(:") == [tram])
        #expect(try found("  ") == [])
        #expect(try library.searchCount("tram", ownerId: owner) == 1)

        // Kept by triggers: a renamed album, a trashed item.
        try library.updateAlbum(id: album.id, ownerId: owner, name: "Porto", description: "")
        #expect(try found("lisbon") == [])
        #expect(try found("porto") == [tram])
        try database.write { db in
            try db.execute(sql: "INSERT INTO media_labels (media_id, label) VALUES (?, 'keeper')", arguments: [tram])
        }
        #expect(try found("keeper") == [tram])
        try database.write { db in try db.execute(sql: "DELETE FROM media_labels WHERE label = 'keeper'") }
        #expect(try found("keeper") == [])
        try library.trash(ids: [tram], ownerId: owner)
        #expect(try found("tram") == [])
    }

    /// The full-text index drives the search: never a walk over the owner's media.
    @Test func searchStartsFromTheIndex() throws {
        let plan = try database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Library.searchEntries, arguments: ["\"a\"*", 1, 10, 0])
                .map { $0["detail"] as String }
        }
        #expect(plan.first?.hasPrefix("SCAN media_search VIRTUAL TABLE") == true, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN media") && !$0.contains("media_search") }, "\(plan)")
    }

    @Test func theTimelineGoesByDateTakenInMonths() throws {
        let old = try photo("old.jpg", seed: 8, exif: ["-DateTimeOriginal=2018:05:01 12:00:00"]).item.id!
        let mid = try photo("mid.jpg", seed: 9, exif: ["-DateTimeOriginal=2020:01:31 23:59:59"]).item.id!
        let undated = try photo("new.jpg", seed: 10).item.id!
        #expect(try library.media(ownerId: owner, in: .timeline, limit: 10).map(\.item.id) == [undated, mid, old])
        let months = try library.timelineMonths(ownerId: owner).map(\.month)
        #expect(months.count == 3)
        #expect(months.suffix(2) == ["2020-01", "2018-05"])
        #expect(try library.timelineItems(after: "2020-01", ownerId: owner) == 1)
        #expect(try library.timelineItems(after: "2018-05", ownerId: owner) == 2)
        // The months' counts follow the trash and deletions (triggers).
        try library.trash(ids: [mid], ownerId: owner)
        #expect(try library.timelineMonths(ownerId: owner).map(\.month).suffix(1) == ["2018-05"])
        try library.restore(ids: [mid], ownerId: owner)
        #expect(try library.timelineMonths(ownerId: owner).first { $0.month == "2020-01" }?.count == 1)
        try library.deleteMedia(id: old, ownerId: owner)
        #expect(try !library.timelineMonths(ownerId: owner).contains { $0.month == "2018-05" })
    }

    @Test func cameraDetailsAreReadFromExif() throws {
        let entry = try photo(
            "gps.jpg", seed: 11,
            exif: [
                "-Make=FUJIFILM", "-Model=X-T4", "-LensModel=XF23mmF2 R WR", "-FNumber=2.8", "-ExposureTime=1/250",
                "-ISO=400", "-FocalLength=23", "-GPSLatitude=48.8584", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945",
                "-GPSLongitudeRef=W",
            ])
        let details = try library.cameraDetails(mediaId: entry.item.id!)
        #expect(details.make == "FUJIFILM")
        #expect(details.model == "X-T4")
        #expect(details.lens == "XF23mmF2 R WR")
        #expect(details.fNumber == 2.8)
        #expect(details.exposureTime == 0.004)
        #expect(details.iso == 400)
        #expect(details.focalLength == 23)
        #expect(abs((details.latitude ?? 0) - 48.8584) < 0.0001)
        #expect(abs((details.longitude ?? 0) + 2.2945) < 0.0001)
        #expect(try library.cameraDetails(mediaId: try photo("plain.jpg", seed: 12).item.id!).isEmpty)
    }

    @Test func aTransparentPictureGetsAWebPThumbnailThatKeepsItsAlpha() throws {
        let raw = media.path("alpha.v")
        _ = try runTool("vips", ["black", raw, "600", "400", "--bands", "4"])
        let png = media.path("alpha.png")
        _ = try runTool("vips", ["copy", raw, png])
        let entry = try library.importMedia(ImportRequest(ownerId: owner, file: png, originalFilename: "alpha.png"))
        let made = try #require(try library.derivative(sha256: entry.sha256, variant: .cutout))
        #expect(made.suffix == "thumb.webp" && made.mime == "image/webp")
        let path = library.localBlobs.path(sha256: entry.sha256, suffix: made.suffix)
        #expect(
            try runTool("vipsheader", ["-f", "bands", path]).trimmingCharacters(in: .whitespacesAndNewlines) == "4")
        #expect(
            try runTool("vipsheader", ["-f", "width", path]).trimmingCharacters(in: .whitespacesAndNewlines) == "400")
        #expect(Variant(suffix: "thumb.webp") == .cutout)
    }
}
