import AlbumCore
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

/// The library, album and upload pages as a browser without scripts uses them: plain forms,
/// redirects and HTML; plus the two requests `gallery.js` and `upload.js` add.
@Suite struct AlbumPagesTests {
    let test: TestSite
    let media: GeneratedMedia
    let alice: [String: String]
    let csrf: String

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        try test.accounts.createUser(username: "bob", password: "battery staple")
        alice = try test.signIn("alice", "correct horse")
        csrf = try TestSite.csrfToken(in: test.send("GET", "/", cookies: alice))
    }

    /// Creates an album through the library's form; answers its page's path.
    func createAlbum(_ name: String) throws -> String {
        let response = test.postForm("/albums", [("_csrf", csrf), ("name", name)], cookies: alice)
        #expect(response.status == .seeOther || response.status == .found, "\(response.transcript)")
        return try #require(response.headers["Location"])
    }

    /// Uploads `count` generated photos through the plain upload form.
    func upload(_ count: Int, album: String = "", extra: [(String, String)] = []) throws -> Response {
        let files = try (0..<count).map { i in
            ("file", "photo \(i).jpg", try media.image("p\(i)-\(UUID().uuidString).jpg", width: 64 + i, height: 48))
        }
        return try test.postMultipart(
            "/upload", fields: [("_csrf", csrf), ("album", album)] + extra, files: files, cookies: alice)
    }

    func code(ofAlbumPage path: String) -> String { String(path.split(separator: ".").last ?? "") }

    @Test func aSecondAlbumOfTheSameNameIsRefusedOnTheLibraryPage() throws {
        _ = try createAlbum("Paris")
        let again = test.postForm("/albums", [("_csrf", csrf), ("name", "paris")], cookies: alice)
        #expect(again.status == .seeOther && again.headers["Location"] == "/")
        #expect(said(test.send("GET", "/", cookies: alice)) == "You have an album called “paris” already.")
        let empty = test.postForm("/albums", [("_csrf", csrf), ("name", "  ")], cookies: alice)
        #expect(empty.status == .seeOther && said(test.send("GET", "/", cookies: alice)) != nil)
        #expect(try test.library.albums(ownerId: aliceId()).count == 1)
    }

    @Test func creatingAnAlbumOpensItsPageAndTheLibraryListsIt() throws {
        let path = try createAlbum("  Summer <2026>  ")
        #expect(path.hasPrefix("/album/Summer-2026."))
        let page = test.send("GET", path, cookies: alice)
        #expect(page.status == .ok, "\(page.transcript)")
        #expect(page.bodyText.contains("<h1>Summer &lt;2026&gt;</h1>"))
        #expect(page.bodyText.contains("This album is empty."))
        let library = test.send("GET", "/", cookies: alice)
        #expect(library.bodyText.contains(#"<a href="\#(path)">"#))
        #expect(library.bodyText.contains("0 items"))
        // A wrong slug answers 302 to the canonical address; another user's album is missing.
        let wrongSlug = test.send("GET", "/album/winter." + code(ofAlbumPage: path), cookies: alice)
        #expect(wrongSlug.status == .found && wrongSlug.headers["Location"] == path)
        let bob = try test.signIn("bob", "battery staple")
        #expect(test.send("GET", path, cookies: bob).status == .notFound)
        #expect(test.postForm("/albums", [("name", "x")], cookies: alice).status == .forbidden)  // no CSRF token
    }

    @Test func thePlainUploadFormStoresEveryGoodFileAndSaysWhyOthersFailed() throws {
        let album = try createAlbum("Trip")
        let bad = try media.write("notes.jpg", Array("<html><script>alert(1)</script></html>".utf8))
        let good = try media.image("good.jpg", width: 80, height: 60)
        let response = try test.postMultipart(
            "/upload",
            fields: [
                ("_csrf", csrf), ("album", code(ofAlbumPage: album)), ("title", "Beach"), ("tags", "sea, sand"),
                ("nsfw", "1"), ("expiry", "P1D"),
            ],
            files: [("file", "good.jpg", good), ("file", "notes.jpg", bad)], cookies: alice)
        #expect(response.status == .ok, "\(response.transcript)")
        #expect(response.bodyText.contains("good.jpg: uploaded"))
        #expect(response.bodyText.contains("notes.jpg: not uploaded. Files of type text/html are not accepted."))
        let items = try test.library.media(ownerId: aliceId(), limit: 10)
        #expect(items.count == 1)
        let item = try #require(items.first?.item)
        #expect(item.title == "Beach" && item.nsfw && item.albumId != nil)
        let hours = (item.expiresAt?.timeIntervalSinceNow ?? 0) / 3600
        #expect(hours > 23 && hours <= 24)
        // The album's page now shows it, with a srcset and a link to its viewer.
        let page = test.send("GET", album, cookies: alice)
        #expect(page.bodyText.contains(#"<a href="/image/Beach."#))
        #expect(!page.bodyText.contains("srcset="))  // 80×60: the thumbnail is the picture
        let big = try media.image("big.jpg", width: 2000, height: 1000)
        _ = try test.postMultipart(
            "/upload", fields: [("_csrf", csrf), ("album", code(ofAlbumPage: album))],
            files: [("file", "big.jpg", big)], cookies: alice)
        let srcset = test.send("GET", album, cookies: alice).bodyText
        #expect(srcset.contains(#".thumb.jpg?"#) && srcset.contains(" 400w,/media/"))
        #expect(srcset.contains(".medium.jpg?") && srcset.contains(" 1280w\" sizes="))
    }

    @Test func scriptsGetOneJSONAnswerPerFileAndANewAlbumOnlyOnce() throws {
        let json = [("Accept", "application/json")]
        let first = try test.postMultipart(
            "/upload", fields: [("_csrf", csrf), ("album", "new"), ("new_album", "Paste")],
            files: [("file", "a.jpg", try media.image("a.jpg", width: 40, height: 30))], headers: json,
            cookies: alice)
        #expect(first.status == .ok, "\(first.transcript)")
        #expect(first.bodyText.hasPrefix(#"[{"#) && first.bodyText.contains(#""ok":true"#))
        #expect(first.bodyText.contains(#""page":"/image/a."#))
        // The album this upload made, so the page's menu can list it.
        let made = try #require(try test.library.albums(ownerId: aliceId()).first)
        let code = test.services.links.albumCode(made.id)
        #expect(first.bodyText.contains(#""album":{"code":"\#(code)","name":"Paste"}"#), "\(first.bodyText)")
        let second = try test.postMultipart(
            "/upload", fields: [("_csrf", csrf), ("album", "new"), ("new_album", "Paste")],
            files: [("file", "b.jpg", try media.image("b.jpg", width: 40, height: 30))], headers: json,
            cookies: alice)
        #expect(second.status == .ok)
        #expect(try test.library.albums(ownerId: aliceId()).map(\.name) == ["Paste"])
        let refused = try test.postMultipart(
            "/upload", fields: [("_csrf", csrf)], files: [("file", "empty.jpg", try media.write("empty.jpg", []))],
            headers: json, cookies: alice)
        #expect(refused.status == .badRequest)
        #expect(refused.bodyText.contains(#""error":"The file is empty.""#))
        let none = try test.postMultipart("/upload", fields: [("_csrf", csrf)], headers: json, cookies: alice)
        #expect(none.status == .badRequest && none.bodyText.contains("Choose at least one"))
    }

    @Test func upDownButtonsAndDragOrderPersistAndRefuseForeignItems() throws {
        let album = try createAlbum("Order")
        _ = try upload(4, album: code(ofAlbumPage: album))
        let actions = Page.albumAction(code: code(ofAlbumPage: album), action: "items").path
        let original = tileCodes(test.send("GET", album, cookies: alice))
        #expect(original.count == 4)

        let moved = test.postForm(actions, [("_csrf", csrf), ("down", original[0])], cookies: alice)
        #expect(moved.status == .seeOther || moved.status == .found, "\(moved.transcript)")
        #expect(tileCodes(test.send("GET", album, cookies: alice)) == [original[1], original[0]] + original[2...])

        // Drag and drop sends the page's order; the others keep their places.
        let order = Page.albumAction(code: code(ofAlbumPage: album), action: "order").path
        let dragged = test.postForm(
            order, [("_csrf", csrf), ("order", [original[3], original[1]].joined(separator: ","))], cookies: alice)
        #expect(dragged.status == .noContent, "\(dragged.transcript)")
        #expect(
            tileCodes(test.send("GET", album, cookies: alice)) == [original[3], original[0], original[2], original[1]])

        // An item of another album (or user) cannot be pulled in; the order is left as it was.
        let other = try createAlbum("Other")
        let uploaded = try upload(1, album: code(ofAlbumPage: other))
        let stranger = try #require(tileCodes(test.send("GET", other, cookies: alice)).first, "\(uploaded.bodyText)")
        let refused = test.postForm(
            order, [("_csrf", csrf), ("order", "\(stranger),\(original[0])")], cookies: alice)
        #expect(refused.status == .notFound)
        #expect(
            tileCodes(test.send("GET", album, cookies: alice)) == [original[3], original[0], original[2], original[1]])
    }

    @Test func moveCoverDeleteAndDeletingTheAlbumKeepsItsItems() throws {
        let album = try createAlbum("Mixed")
        let target = try createAlbum("Best")
        _ = try upload(3, album: code(ofAlbumPage: album))
        let items = Page.albumAction(code: code(ofAlbumPage: album), action: "items").path
        let codes = tileCodes(test.send("GET", album, cookies: alice))

        let moved = test.postForm(
            items, [("_csrf", csrf), ("do", "move"), ("to", code(ofAlbumPage: target)), ("item", codes[0])],
            cookies: alice)
        // Back to the album, which says what was done, once.
        #expect(moved.status == .seeOther && moved.headers["Location"] == album)
        #expect(said(test.send("GET", album, cookies: alice)) == "Moved 1 item to Best.")
        #expect(said(test.send("GET", album, cookies: alice)) == nil)
        #expect(tileCodes(test.send("GET", target, cookies: alice)) == [codes[0]])
        _ = test.postForm(items, [("_csrf", csrf), ("do", "cover"), ("item", codes[2])], cookies: alice)
        let summary = try #require(
            test.library.albumSummaries(ownerId: aliceId()).first { $0.album.name == "Mixed" })
        #expect(summary.cover.map { test.services.links.mediaCode($0.item) } == codes[2] && summary.itemCount == 2)
        let twoCovers = test.postForm(
            items, [("_csrf", csrf), ("do", "cover"), ("item", codes[1]), ("item", codes[2])], cookies: alice)
        // What cannot be done comes back on the same page, inline, not as an error page.
        #expect(twoCovers.status == .seeOther && twoCovers.headers["Location"] == album)
        #expect(said(test.send("GET", album, cookies: alice)) == "Tick exactly one item to make it the cover.")
        let nothingTicked = test.postForm(items, [("_csrf", csrf), ("do", "trash")], cookies: alice)
        #expect(nothingTicked.status == .seeOther)
        let inline = test.send("GET", album, cookies: alice)
        #expect(inline.status == .ok && said(inline) == "Tick at least one photo or video first.")
        #expect(inline.bodyText.contains(#"class="flash problem" role="alert""#))

        _ = test.postForm(items, [("_csrf", csrf), ("do", "trash"), ("item", codes[1])], cookies: alice)
        #expect(tileCodes(test.send("GET", album, cookies: alice)) == [codes[2]])

        let deleted = test.postForm(
            Page.albumAction(code: code(ofAlbumPage: album), action: "delete").path, [("_csrf", csrf)], cookies: alice)
        #expect(deleted.headers["Location"] == "/?view=no-album")
        #expect(test.send("GET", album, cookies: alice).status == .notFound)
        let noAlbum = test.send("GET", "/?view=no-album", cookies: alice)
        #expect(tileCodes(noAlbum) == [codes[2]])
        #expect(tileCodes(test.send("GET", "/", cookies: alice)).count == 2)
    }

    @Test func renameAndDescribeAreEscapedAndTheLibraryPaginates() throws {
        let album = try createAlbum("Old name")
        let edited = test.postForm(
            Page.albumAction(code: code(ofAlbumPage: album), action: "edit").path,
            [("_csrf", csrf), ("name", "New <b>name</b>"), ("description", "\"quoted\" & more")], cookies: alice)
        let path = try #require(edited.headers["Location"])
        #expect(path.hasPrefix("/album/New-b-name-b."))
        let page = test.send("GET", path, cookies: alice).bodyText
        #expect(page.contains("New &lt;b&gt;name&lt;/b&gt;") && page.contains("&quot;quoted&quot; &amp; more"))

        _ = try upload(3)
        let first = try test.library.media(ownerId: aliceId(), limit: 100)
        #expect(first.count == 3)
        // 61 items make two library pages; page 9 shows the last one.
        let extra = try (0..<58).map { i in
            ("file", "n\(i).jpg", try media.image("n\(i).jpg", width: 16, height: 16 + i))
        }
        _ = try test.postMultipart("/upload", fields: [("_csrf", csrf)], files: extra, cookies: alice)
        let one = test.send("GET", "/", cookies: alice)
        #expect(tileCodes(one).count == 60 && one.bodyText.contains("Page 1 of 2"))
        let two = test.send("GET", "/?page=9", cookies: alice)
        #expect(tileCodes(two).count == 1 && two.bodyText.contains(#"href="/?page=1""#))
    }

    /// Tiles are kept between pages with the row they were drawn from: any change to the row
    /// draws the tile afresh, and the album's arranging tiles never leak into the library.
    @Test func keptTilesFollowEveryChangeOfTheirRow() throws {
        let album = try createAlbum("Kept")
        _ = try upload(2, album: code(ofAlbumPage: album))
        let before = test.send("GET", album, cookies: alice).bodyText
        #expect(before.contains(#"alt="photo 0""#) && before.contains(#"type="checkbox""#))
        let library = test.send("GET", "/", cookies: alice).bodyText
        #expect(library.contains(#"alt="photo 0""#) && !library.contains(#"name="up""#))

        // Changed behind the pages' back, as another process (`albumen import`, the sweeper)
        // or another dialect would.
        try test.database.write { db in
            try db.execute(sql: "UPDATE media SET title = 'Renamed <here>' WHERE original_filename = 'photo 0.jpg'")
            try db.execute(sql: "UPDATE media SET visibility = 'link' WHERE original_filename = 'photo 1.jpg'")
        }
        let after = test.send("GET", album, cookies: alice).bodyText
        #expect(after.contains(#"alt="Renamed &lt;here&gt;""#) && !after.contains(#"alt="photo 0""#))
        #expect(after.contains(#"<a href="/image/Renamed-here."#))
        // A link item's pictures have permanent addresses instead of signed ones.
        let linkTile = try #require(after.components(separatedBy: "<li").first { $0.contains(#"alt="photo 1""#) })
        #expect(linkTile.contains(#"src="/i/"#) && !linkTile.contains("Signature="))
        #expect(after.components(separatedBy: #"class="tile""#).count == 3)
    }

    /// The grid and the CSRF token are put in after rendering, where the templates' marks are:
    /// text that spells a mark is escaped like any other and never receives them.
    @Test func slotsFilledAfterRenderingCannotBeSpelledByUserText() throws {
        let album = try createAlbum("<!--albumen:csrf--> and <!--albumen:tiles-->")
        _ = try upload(1, album: code(ofAlbumPage: album))
        let page = test.send("GET", album, cookies: alice).bodyText
        #expect(page.contains("<h1>&lt;!--albumen:csrf--&gt; and &lt;!--albumen:tiles--&gt;</h1>"))
        #expect(!page.contains("<!--albumen:"))
        #expect(page.components(separatedBy: #"class="tile""#).count == 2)
        // Every form of the page carries the same freshly masked token, and it is accepted.
        let tokens = Set(
            page.components(separatedBy: #"name="_csrf" value=""#).dropFirst().map { $0.prefix { $0 != "\"" } })
        // Sign-out, rename, share with people, make a link, make public, the items, delete the
        // album: seven forms.
        #expect(tokens.count == 1 && page.components(separatedBy: #"name="_csrf""#).count == 8)
        let token = String(try #require(tokens.first))
        #expect(token.count > 43)
        let rename = test.postForm(
            Page.albumAction(code: code(ofAlbumPage: album), action: "edit").path,
            [("_csrf", token), ("name", "Plain")], cookies: alice)
        #expect(rename.status == .seeOther || rename.status == .found, "\(rename.transcript)")
    }

    func aliceId() throws -> Int64 { try #require(test.accounts.user(named: "alice")?.id) }

    /// The album page's share panel: share with a person for a chosen time, see the state in
    /// words as the recipient opens it and the clock runs, stop one share or all; refusals in
    /// words; only the owner has the panel's forms.
    @Test func bytesAlreadyInTheLibraryAreNotStoredTwice() throws {
        let photo = try media.image("twice.jpg", width: 80, height: 60)
        let first = try test.postMultipart(
            "/upload", fields: [("_csrf", csrf)], files: [("file", "twice.jpg", photo)], cookies: alice)
        #expect(first.bodyText.contains("twice.jpg: uploaded"))
        let again = try test.postMultipart(
            "/upload", fields: [("_csrf", csrf)], files: [("file", "again.jpg", photo)],
            headers: [("Accept", "application/json")], cookies: alice)
        #expect(again.status == .ok, "\(again.transcript)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(again.body)) as? [[String: Any]])
        #expect(answer.first?["existing"] as? Bool == true && answer.first?["ok"] as? Bool == true)
        let aliceId = try #require(try test.accounts.user(named: "alice")?.id)
        let items = try test.library.media(ownerId: aliceId, limit: 10)
        #expect(items.count == 1, "\(first.bodyText)")
        let code = test.services.links.mediaCode(try #require(items.first).item)
        #expect((answer.first?["page"] as? String)?.hasSuffix("." + code) == true)
        // The plain form says so and links to the one kept.
        let page = try test.postMultipart(
            "/upload", fields: [("_csrf", csrf)], files: [("file", "third.jpg", photo)], cookies: alice)
        #expect(page.bodyText.contains("third.jpg: you have this already, <a href=\"/image/"))
        // Another user's copy is theirs: Bob stores his own.
        let bob = try test.signIn("bob", "battery staple")
        let bobsToken = try TestSite.csrfToken(in: test.send("GET", "/", cookies: bob))
        let bobs = try test.postMultipart(
            "/upload", fields: [("_csrf", bobsToken)], files: [("file", "mine.jpg", photo)], cookies: bob)
        #expect(bobs.bodyText.contains("mine.jpg: uploaded"))
    }

    @Test func aPhotosDateTakenIsTheCamerasClockNotLabelledUTC() throws {
        let photo = try media.image("dated.jpg", width: 80, height: 60)
        try runTool("exiftool", ["-q", "-overwrite_original", "-DateTimeOriginal=2001:02:03 04:05:06", photo])
        var request = ImportRequest(ownerId: try aliceId(), file: photo, originalFilename: "dated.jpg")
        request.title = "Dated"
        let entry = try test.library.importMedia(request)
        let short = test.send("GET", "/image/" + test.services.links.mediaCode(entry.item), cookies: alice)
        let viewer = test.send("GET", try #require(short.headers["Location"]), cookies: alice).bodyText
        #expect(viewer.contains("<dt>Taken</dt><dd>2001-02-03 04:05:06</dd>"), "\(viewer)")
    }

    @Test func theSharePanelSharesAndStops() throws {
        let path = try createAlbum("Trip")
        let album = code(ofAlbumPage: path)
        let bob = try #require(try test.accounts.user(named: "bob"))
        try test.accounts.createUser(username: "carol", password: "correct horse")
        func share(_ username: String, _ expiration: String) -> Response {
            test.postForm(
                "/album/\(album)/share", [("_csrf", csrf), ("username", username), ("expiration", expiration)],
                cookies: alice)
        }
        let empty = test.send("GET", path, cookies: alice).bodyText
        #expect(empty.contains("Not shared with anyone yet") && empty.contains(#"<option value="ONCE">"#))
        #expect(share("bob", "ONCE").status == .seeOther)
        #expect(share("carol", "INDEFINITE").status == .seeOther)
        var page = test.send("GET", path, cookies: alice).bodyText
        #expect(page.contains("<th scope=\"row\">bob</th>") && page.contains("View once (30 minutes)"))
        #expect(page.contains("not opened yet") && page.contains("Until I stop sharing"))
        let aliceId = try #require(try test.accounts.user(named: "alice")?.id)
        let albumId = try #require(try test.library.albums(ownerId: aliceId).first?.id)
        try test.services.sharing.view(albumId: albumId, recipientId: bob.id!)
        test.services.clock.advance(by: 23 * 60)
        page = test.send("GET", path, cookies: alice).bodyText
        #expect(page.contains("open, expires in 7 min"), "\(page)")
        test.services.clock.advance(by: 8 * 60)
        #expect(test.send("GET", path, cookies: alice).bodyText.contains("expired"))

        #expect(share("nobody", "ONCE").status == .seeOther)
        #expect(said(test.send("GET", path, cookies: alice)) == "There is nobody called nobody here.")
        _ = share("alice", "ONCE")
        #expect(said(test.send("GET", path, cookies: alice)) == "This is your own album already.")
        _ = share("bob", "FOREVER")
        #expect(said(test.send("GET", path, cookies: alice)) == "Choose how long to share for.")

        _ = test.postForm("/album/\(album)/unshare", [("_csrf", csrf), ("username", "bob")], cookies: alice)
        page = test.send("GET", path, cookies: alice).bodyText
        #expect(!page.contains("<th scope=\"row\">bob</th>") && page.contains("<th scope=\"row\">carol</th>"))
        _ = test.postForm("/album/\(album)/unshare", [("_csrf", csrf), ("all", "1")], cookies: alice)
        #expect(test.send("GET", path, cookies: alice).bodyText.contains("Not shared with anyone yet"))

        // Someone else cannot share it: the album is missing for them.
        let carol = try test.signIn("carol", "correct horse")
        let carolsToken = try TestSite.csrfToken(in: test.send("GET", "/", cookies: carol))
        let refused = test.postForm(
            "/album/\(album)/share", [("_csrf", carolsToken), ("username", "bob"), ("expiration", "ONCE")],
            cookies: carol)
        #expect(refused.status == .notFound)
    }
}
