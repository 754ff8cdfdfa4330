import AlbumCore
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

/// Issue 14's pages through the real site, as a browser without scripts uses them: selection
/// forms anywhere, favourites, the trash, search, the timeline's months, the info panel, ZIP
/// downloads and the viewer's way around.
@Suite struct LibraryViewsTests {
    let test: TestSite
    let media: GeneratedMedia
    let alice: [String: String]
    let bob: [String: String]
    let csrf: String

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        try test.accounts.createUser(username: "bob", password: "battery staple")
        alice = try test.signIn("alice", "correct horse")
        bob = try test.signIn("bob", "battery staple")
        csrf = try TestSite.csrfToken(in: test.send("GET", "/", cookies: alice))
    }

    func aliceId() throws -> Int64 { try #require(try test.accounts.user(named: "alice")?.id) }

    /// Imports a photo of alice's with these EXIF tags and upload tags; answers its code.
    @discardableResult
    func photo(_ name: String, exif: [String] = [], tags: [String] = [], album: Int64? = nil) throws -> String {
        let path = try media.image(UUID().uuidString + name, width: 90, height: 60)
        if !exif.isEmpty { _ = try runTool("exiftool", ["-q", "-overwrite_original"] + exif + [path]) }
        var request = ImportRequest(ownerId: try aliceId(), file: path, originalFilename: name)
        request.tags = tags
        request.albumId = album
        return test.services.links.mediaCode(try test.library.importMedia(request).item)
    }

    func post(_ path: String, _ fields: [(String, String)]) -> Response {
        test.postForm(path, [("_csrf", csrf)] + fields, cookies: alice)
    }

    @Test func selectedItemsGoIntoANewAlbumAndBackToThePageTheyCameFrom() throws {
        let codes = try (0..<3).map { try photo("p\($0).jpg") }
        let added = post(
            "/items",
            [
                ("back", "/?page=1"), ("do", "add"), ("to", "new"), ("new-album", "Paris"), ("item", codes[0]),
                ("item", codes[2]),
            ])
        #expect(added.status == .seeOther && added.headers["Location"] == "/?page=1")
        #expect(said(test.send("GET", "/", cookies: alice)) == "Added 2 items to Paris.")
        let albums = try test.library.albums(ownerId: try aliceId())
        #expect(albums.map(\.name) == ["Paris"])
        #expect(try test.library.mediaCount(ownerId: try aliceId(), in: .album(albums[0].id)) == 2)
        // Only codes from this site's pages: "back" cannot leave it.
        let away = post("/items", [("back", "//evil.example/"), ("do", "favourite"), ("item", codes[1])])
        #expect(away.headers["Location"] == "/")
    }

    @Test func nothingTickedIsSaidInlineOnTheSamePage() throws {
        try photo("a.jpg")
        let response = post("/items", [("back", "/favourites"), ("do", "add"), ("to", "new"), ("new-album", "X")])
        #expect(response.status == .seeOther && response.headers["Location"] == "/favourites")
        let page = test.send("GET", "/favourites", cookies: alice)
        #expect(page.status == .ok && said(page) == "Tick at least one photo or video first.")
        #expect(try test.library.albums(ownerId: try aliceId()).isEmpty)
    }

    @Test func aHeartMakesAFavouriteAndTheFavouritesViewShowsIt() throws {
        let code = try photo("fav.jpg")
        try photo("other.jpg")
        _ = post("/items", [("back", "/"), ("toggle-favourite", code)])
        let favourites = test.send("GET", "/favourites", cookies: alice)
        #expect(tileCodes(favourites) == [code])
        #expect(favourites.bodyText.contains(#"class="tile favourite""#))
        #expect(favourites.bodyText.contains(#"aria-pressed="true""#))
        // Bob's heart on alice's item changes nothing, like a missing item.
        let bobsToken = try TestSite.csrfToken(in: test.send("GET", "/", cookies: bob))
        let bobs = test.postForm("/items", [("_csrf", bobsToken), ("toggle-favourite", code)], cookies: bob)
        #expect(bobs.status == .notFound)
        _ = post("/items", [("back", "/"), ("toggle-favourite", code)])
        #expect(tileCodes(test.send("GET", "/favourites", cookies: alice)).isEmpty)
    }

    @Test func deleteGoesToTheTrashAndRestoreBringsItBackIntoItsAlbum() throws {
        let album = try test.library.createAlbum(named: "Kept", ownerId: try aliceId())
        let code = try photo("t.jpg", album: album.id)
        _ = post("/items", [("back", "/"), ("do", "trash"), ("item", code)])
        #expect(said(test.send("GET", "/", cookies: alice))?.hasPrefix("Moved 1 item to the trash.") == true)
        #expect(tileCodes(test.send("GET", "/", cookies: alice)).isEmpty)
        let trash = test.send("GET", "/trash", cookies: alice)
        #expect(tileCodes(trash) == [code] && trash.bodyText.contains("stay here for 30 days"))
        // A trashed item can be restored or deleted, not made a favourite.
        #expect(!trash.bodyText.contains("toggle-favourite"))
        let viewer = test.send("GET", "/image/" + code, cookies: alice)
        #expect(viewer.status == .notFound)
        _ = post("/trash", [("do", "restore"), ("item", code)])
        #expect(said(test.send("GET", "/trash", cookies: alice)) == "Restored 1 item.")
        #expect(try test.library.mediaCount(ownerId: try aliceId(), in: .album(album.id)) == 1)

        _ = post("/items", [("back", "/"), ("do", "trash"), ("item", code)])
        _ = post("/trash", [("do", "empty")])
        #expect(said(test.send("GET", "/trash", cookies: alice)) == "Emptied the trash: 1 item deleted for good.")
        #expect(try test.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM media") } == 0)
    }

    @Test func searchFindsTagsCamerasAndYearsAndLinksTagsFromTheItem() throws {
        let tram = try photo(
            "tram.jpg", exif: ["-Model=X-T4", "-DateTimeOriginal=2019:07:14 10:00:00"], tags: ["lisbon"])
        let beach = try photo("beach.jpg", exif: ["-DateTimeOriginal=2021:03:02 10:00:00"])
        #expect(tileCodes(test.send("GET", "/search?q=lisbon", cookies: alice)) == [tram])
        #expect(tileCodes(test.send("GET", "/search?q=x-t4", cookies: alice)) == [tram])
        #expect(tileCodes(test.send("GET", "/search?q=2021", cookies: alice)) == [beach])
        #expect(tileCodes(test.send("GET", "/search?q=July%202019", cookies: alice)) == [tram])
        let none = test.send("GET", "/search?q=%3Cscript%3E", cookies: alice)
        #expect(none.status == .ok && none.bodyText.contains("Nothing matches “&lt;script&gt;”."))
        // Bob's search never finds alice's.
        #expect(tileCodes(test.send("GET", "/search?q=lisbon", cookies: bob)).isEmpty)
        let info = test.send("GET", "/media/\(tram)/info", cookies: alice)
        #expect(info.bodyText.contains(#"<a href="/search?q=lisbon">lisbon</a>"#))
    }

    @Test func theTimelineGroupsByMonthAndJumpsToOne() throws {
        let old = try photo("old.jpg", exif: ["-DateTimeOriginal=2018:05:01 12:00:00"])
        try photo("new.jpg", exif: ["-DateTimeOriginal=2024:12:24 18:00:00"])
        let page = test.send("GET", "/", cookies: alice).bodyText
        #expect(
            page.contains(#"<section class="month" id="m-2024-12" aria-label="December 2024"><h3>December 2024</h3>"#))
        #expect(page.contains(#"<option value="2018-05">May 2018 (1)</option>"#))
        let jump = test.send("GET", "/?month=2018-05", cookies: alice)
        #expect(jump.status == .ok && tileCodes(jump).contains(old))
    }

    @Test func theInfoPanelShowsCameraDetailsAndTheOwnerAloneSeesTheLocation() throws {
        let code = try photo(
            "gps.jpg",
            exif: [
                "-Make=Canon", "-Model=Canon EOS R6", "-FNumber=2.8", "-ExposureTime=1/250", "-ISO=400",
                "-FocalLength=35", "-GPSLatitude=38.7223", "-GPSLatitudeRef=N", "-GPSLongitude=9.1393",
                "-GPSLongitudeRef=W",
            ])
        let info = test.send("GET", "/media/\(code)/info", cookies: alice).bodyText
        #expect(info.contains("<dt>Camera</dt><dd>Canon EOS R6</dd>"))
        #expect(info.contains("<dt>Exposure</dt><dd>f/2.8 · 1/250 s · ISO 400 · 35 mm</dd>"))
        #expect(info.contains("<dt>Location</dt>") && info.contains("38.72230, -9.13930"))
        #expect(!info.contains("<dt>Lens</dt>"))
        #expect(test.send("GET", "/media/\(code)/info", cookies: bob).status == .notFound)
    }

    @Test func anAlbumZipHoldsTheOriginalsByteForByte() throws {
        let album = try test.library.createAlbum(named: "Été", ownerId: try aliceId())
        try photo("same.jpg", album: album.id)
        try photo("same.jpg", album: album.id)
        let code = test.services.links.albumCode(album.id)
        let zip = test.send("GET", "/album/\(code)/zip", cookies: alice)
        #expect(zip.status == .ok && zip.headers["Content-Type"] == "application/zip")
        #expect(zip.headers["Content-Length"] == String(zip.body.count))
        #expect(zip.headers["X-Accel-Buffering"] == "no")
        #expect(zip.headers["Content-Disposition"]?.contains("filename*=UTF-8''%C3%89t%C3%A9.zip") == true)
        let path = try media.write("album.zip", zip.body)
        let listing = try runTool("unzip", ["-Z1", path])
        #expect(listing == "same.jpg\nsame (2).jpg\n")
        let entries = try test.library.media(ownerId: try aliceId(), in: .album(album.id), limit: 10)
        for (entry, name) in Swift.zip(entries, ["same.jpg", "same (2).jpg"]) {
            let inside = try runTool("unzip", ["-p", path, name])
            let original = try String(
                decoding: Data(
                    contentsOf: URL(
                        fileURLWithPath: test.library.localBlobs.path(sha256: entry.sha256, suffix: entry.ext))),
                as: UTF8.self)
            #expect(inside == original)
        }
        #expect(test.send("GET", "/album/\(code)/zip", cookies: bob).status == .notFound)
    }

    @Test func theViewerHasPreviousNextACounterAndTheWayBackToItsAlbum() throws {
        let album = try test.library.createAlbum(named: "Row", ownerId: try aliceId())
        let codes = try (0..<3).map { try photo("r\($0).jpg", album: album.id) }
        let short = test.send("GET", "/image/" + codes[1], cookies: alice)
        let viewer = test.send("GET", try #require(short.headers["Location"]), cookies: alice).bodyText
        #expect(viewer.contains(#"<span class="counter">2 / 3</span>"#))
        #expect(viewer.contains("← Back to Row"))
        #expect(viewer.contains(codes[0] + #"" rel="prev""#) && viewer.contains(codes[2] + #"" rel="next""#))
    }

    @Test func aTransparentPngsTileShowsAWebPThumbnail() throws {
        let raw = media.path("alpha.v")
        _ = try runTool("vips", ["black", raw, "500", "300", "--bands", "4"])
        let png = media.path("alpha.png")
        _ = try runTool("vips", ["copy", raw, png])
        _ = try test.library.importMedia(ImportRequest(ownerId: try aliceId(), file: png, originalFilename: "a.png"))
        let page = test.send("GET", "/", cookies: alice).bodyText
        let found = try #require(page.range(of: #"/media/[0-9a-f]+\.thumb\.webp\?[^"]+"#, options: .regularExpression))
        let served = test.send("GET", String(page[found]).replacingOccurrences(of: "&amp;", with: "&"))
        #expect(served.headers["X-Accel-Redirect"]?.hasSuffix(".thumb.webp") == true, "\(served.transcript)")
    }

    /// A streamed ZIP holds its worker thread: one per user at a time, and the slot comes back
    /// when the response is gone, streamed or not.
    @Test func oneZipStreamsAtATimePerUser() throws {
        let album = try test.library.createAlbum(named: "Z", ownerId: try aliceId())
        try photo("z.jpg", album: album.id)
        let path = "/album/\(test.services.links.albumCode(album.id))/zip"
        func request() -> Request {
            var headers = Headers([("Host", "albumen.test")])
            headers.add(
                "Cookie", alice.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            return Request(
                method: "GET", target: path, headers: headers, body: .empty,
                scratch: ScratchSpace(directory: test.directory + "/tmp"))
        }
        var first: Response? = test.site.respond(request())
        #expect(first?.stream != nil)
        let second = test.site.respond(request())
        #expect(second.status == .tooManyRequests && second.headers["Retry-After"] == "10")
        first = nil
        #expect(test.site.respond(request()).stream != nil)
    }
}
