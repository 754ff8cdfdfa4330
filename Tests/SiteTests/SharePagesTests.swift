import AlbumCore
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

/// Sharing in the browser: "Shared with me" and a shared album through every state of a share,
/// album links through every state of a link, public albums; every refusal answers exactly
/// like a missing page, and nothing a visitor is sent names an original.
@Suite struct SharePagesTests {
    let test: TestSite
    let media: GeneratedMedia
    let alice: [String: String]
    let bob: [String: String]
    let aliceId: Int64
    let bobId: Int64
    let csrf: String
    let albumId: Int64
    let albumCode: String
    let photos: [MediaEntry]

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        aliceId = try test.accounts.createUser(username: "alice", password: "correct horse").id!
        bobId = try test.accounts.createUser(username: "bob", password: "battery staple").id!
        try test.accounts.createUser(username: "carol", password: "correct horse")
        alice = try test.signIn("alice", "correct horse")
        bob = try test.signIn("bob", "battery staple")
        csrf = try TestSite.csrfToken(in: test.send("GET", "/", cookies: alice))
        let album = try test.library.createAlbum(named: "Trip", ownerId: aliceId)
        albumId = album.id
        albumCode = test.services.links.albumCode(album.id)
        var imported: [MediaEntry] = []
        for n in 0..<2 {
            var request = ImportRequest(
                ownerId: aliceId, file: try media.image("p\(n).jpg", width: 900 + n, height: 600),
                originalFilename: "p\(n).jpg")
            request.albumId = album.id
            imported.append(try test.library.importMedia(request))
        }
        photos = imported
    }

    func form(_ fields: [(String, String)]) -> (headers: [(String, String)], body: String) {
        ([("Content-Type", "application/x-www-form-urlencoded")], Parameters(fields).urlEncoded)
    }

    /// What a visitor's page names: signed thumbnails and clean copies, never an original.
    func expectNoOriginal(_ page: Response) {
        for entry in photos {
            #expect(!page.bodyText.contains("/media/\(entry.sha256).jpg"), "an original in \(page.bodyText)")
        }
    }

    /// Two answers alike but for the CSRF mask of a signed-in page (fresh in every response).
    func alike(_ a: Response, _ b: Response) -> Bool {
        func plain(_ response: Response) -> String {
            response.bodyText.replacingOccurrences(
                of: #"name="_csrf" value="[^"]+""#, with: "", options: .regularExpression)
        }
        return a.status == b.status && plain(a) == plain(b)
    }

    // MARK: Shares

    @Test func aViewOnceShareFromInboxToExpiry() throws {
        let transcript = Transcript()
        _ = test.postForm(
            "/album/\(albumCode)/share", [("_csrf", csrf), ("username", "bob"), ("expiration", "ONCE")], cookies: alice)
        let missing = test.send("GET", "/shared/zzzzzz", cookies: bob)
        #expect(missing.status == .notFound)

        var inbox = transcript.send(test, "GET", "/shared", cookies: bob, note: "Bob's inbox: new, blurred cover.")
        #expect(inbox.bodyText.contains("Shared by alice") && inbox.bodyText.contains("badge\">New"))
        #expect(inbox.bodyText.contains("cover blurred") && inbox.bodyText.contains(".blurred.jpg"))
        #expect(inbox.bodyText.contains("Not opened yet"))
        let ask = transcript.send(test, "GET", "/shared/\(albumCode)", cookies: bob, note: "It asks first.")
        #expect(ask.bodyText.contains("You can open this once, for 30 minutes"))
        #expect(!ask.bodyText.contains("thumb.jpg"))
        // Asking starts nothing.
        #expect(try test.services.sharing.share(albumId: albumId, recipientId: bobId)?.firstViewedAt == nil)

        let bobsToken = try TestSite.csrfToken(in: ask)
        let (headers, body) = form([("_csrf", bobsToken)])
        let opened = transcript.send(
            test, "POST", "/shared/\(albumCode)/open", headers: headers, body: body, cookies: bob,
            note: "Opening starts the 30 minutes.")
        #expect(opened.status == .seeOther)
        let album = transcript.send(test, "GET", "/shared/\(albumCode)", cookies: bob, note: "Open: the countdown.")
        #expect(album.bodyText.contains("data-countdown=\"1800\"") && album.bodyText.contains("thumb.jpg"))
        #expect(album.bodyText.contains("http-equiv=\"refresh\" content=\"1800\""))
        expectNoOriginal(album)
        // A reload within the window still shows it.
        test.services.clock.advance(by: 60)
        let reload = test.send("GET", "/shared/\(albumCode)", cookies: bob)
        #expect(reload.bodyText.contains("data-countdown=\"1740\"") && reload.bodyText.contains("thumb.jpg"))

        // One item opened uses its one view: a placeholder from then on.
        let item = test.services.links.mediaCode(photos[0].item)
        let large = transcript.send(
            test, "GET", "/shared/\(albumCode)/item/\(item)", cookies: bob, note: "One item: counted, sent clean.")
        #expect(large.status == .found)
        let location = try #require(large.headers["Location"])
        // 901 pixels fit the medium box: the picture itself, as its clean copy.
        #expect(location.hasPrefix("/media/\(photos[0].sha256).clean.jpg?Expires="))
        let again = transcript.send(test, "GET", "/shared/\(albumCode)/item/\(item)", cookies: bob, note: "Used up.")
        #expect(again.status == .notFound)
        #expect(alike(again, test.send("GET", "/shared/\(albumCode)/item/zzzzzz", cookies: bob)))
        #expect(test.send("GET", "/shared/\(albumCode)", cookies: bob).bodyText.contains("no views left"))

        inbox = test.send("GET", "/shared", cookies: bob)
        #expect(inbox.bodyText.contains("Open, closes in 29 min") && !inbox.bodyText.contains("badge\">New"))

        test.services.clock.advance(by: 30 * 60)
        let expired = transcript.send(test, "GET", "/shared/\(albumCode)", cookies: bob, note: "After the window.")
        #expect(expired.bodyText.contains("This album has expired") && !expired.bodyText.contains("/media/"))
        #expect(test.send("GET", "/shared", cookies: bob).bodyText.contains("Expired"))
        try transcript.expect(file: "share-pages-view-once")
    }

    @Test func refusedSharesAnswerLikeMissingPages() throws {
        let carol = try test.signIn("carol", "correct horse")
        let missing = test.send("GET", "/shared/zzzzzz", cookies: carol)
        // Not shared with carol; alice's own album is not "shared with" her either.
        #expect(alike(test.send("GET", "/shared/\(albumCode)", cookies: carol), missing))
        #expect(test.send("GET", "/shared/\(albumCode)", cookies: alice).status == .notFound)
        _ = test.postForm(
            "/album/\(albumCode)/share", [("_csrf", csrf), ("username", "carol"), ("expiration", "INDEFINITE")],
            cookies: alice)
        let open = test.send("GET", "/shared/\(albumCode)", cookies: carol)
        #expect(open.status == .ok && open.bodyText.contains("view only") && !open.bodyText.contains("data-countdown"))
        expectNoOriginal(open)
        // Revoked: missing again.
        _ = test.postForm("/album/\(albumCode)/unshare", [("_csrf", csrf), ("username", "carol")], cookies: alice)
        let revoked = test.send("GET", "/shared/\(albumCode)", cookies: carol)
        #expect(revoked.status == .notFound && alike(revoked, missing))
        #expect(!test.send("GET", "/shared", cookies: carol).bodyText.contains("Trip"))
    }

    // MARK: Links

    func link(_ fields: [(String, String)]) {
        let response = test.postForm("/album/\(albumCode)/link", [("_csrf", csrf)] + fields, cookies: alice)
        #expect(response.status == .seeOther, "\(response.transcript)")
    }

    func linkPath() throws -> String {
        let link = try #require(try test.services.albumLinks.link(albumId: albumId, ownerId: aliceId))
        return "/s/" + link.secret
    }

    @Test func aPasswordLinkWithAViewLimit() throws {
        let transcript = Transcript()
        let missing = transcript.send(test, "GET", "/s/" + String(repeating: "A", count: 32), note: "No such link.")
        #expect(missing.status == .notFound)
        #expect(test.send("GET", "/album/Trip.\(albumCode)", cookies: alice).bodyText.contains("Make a link"))
        link([("do", "on")])
        link([("do", "save"), ("password", "open sesame"), ("views", "2")])
        let path = try linkPath()
        let page = test.send("GET", "/album/Trip.\(albumCode)", cookies: alice).bodyText
        #expect(page.contains("Opened 0 of 2 times.") && page.contains("Protected by a password."), "\(page)")

        let asks = transcript.send(test, "GET", path, note: "A password link asks; nothing counted.")
        #expect(asks.bodyText.contains("protected by a password") && !asks.bodyText.contains("Trip"))
        #expect(!asks.bodyText.contains("og:image"))
        let (headers, wrongBody) = form([("password", "wrong")])
        let wrong = transcript.send(test, "POST", path, headers: headers, body: wrongBody, note: "A wrong password.")
        #expect(wrong.status == .notFound && wrong.bodyText == missing.bodyText)

        var grant = ""
        for n in 1...2 {
            let (headers, body) = form([("password", "open sesame")])
            let right = transcript.send(test, "POST", path, headers: headers, body: body, note: "The password (\(n)).")
            #expect(right.status == .seeOther && right.headers["Location"] == path)
            grant = try TestSite.cookie(right, "albumen_link")
            #expect(right.headers["Set-Cookie"]?.contains("Path=\(path)") == true)
            let shown = transcript.send(test, "GET", path, cookies: ["albumen_link": grant], note: "Open \(n) of 2.")
            #expect(shown.status == .ok && shown.bodyText.contains("<h1>Trip</h1>"))
            #expect(shown.headers["Cache-Control"] == "no-store")
            expectNoOriginal(shown)
        }
        let third = transcript.send(test, "GET", path, cookies: ["albumen_link": grant], note: "Used up.")
        #expect(third.status == .notFound && third.bodyText == missing.bodyText)
        let (againHeaders, againBody) = form([("password", "open sesame")])
        #expect(test.send("POST", path, headers: againHeaders, body: againBody).bodyText == missing.bodyText)
        #expect(test.send("GET", "/album/Trip.\(albumCode)", cookies: alice).bodyText.contains("used up"))
        try transcript.expect(file: "link-password-view-limit")
    }

    @Test func regeneratedOffAndExpiredLinksAnswerLikeMissingPages() throws {
        let missing = test.send("GET", "/s/" + String(repeating: "B", count: 32))
        link([("do", "on")])
        let first = try linkPath()
        let open = test.send("GET", first)
        #expect(open.status == .ok && open.bodyText.contains("og:image") && open.bodyText.contains(".thumb.jpg"))
        #expect(!open.bodyText.contains("Download"))
        expectNoOriginal(open)

        link([("do", "regenerate")])
        let second = try linkPath()
        #expect(second != first)
        #expect(test.send("GET", first).bodyText == missing.bodyText)
        #expect(test.send("GET", second).status == .ok)

        link([("do", "save"), ("downloads", "1"), ("expires", "2030-01-31")])
        // The form shows the day chosen (the link works through it), so saving it again keeps it.
        #expect(
            test.send("GET", "/album/Trip.\(albumCode)", cookies: alice).bodyText.contains(
                #"name="expires" type="date" value="2030-01-31""#))
        let downloads = test.send("GET", second)
        #expect(downloads.bodyText.contains("clean.jpg") && downloads.bodyText.contains("download=1"))
        expectNoOriginal(downloads)
        // The end of the link is the latest any URL in the page lives to.
        let end = Date(timeIntervalSince1970: 1_896_134_400)  // 2030-02-01T00:00Z: through the 31st, UTC
        test.services.clock.advance(by: end.timeIntervalSince(test.services.clock.now()) - 60)
        let late = test.send("GET", second).bodyText
        let expires = late.components(separatedBy: "Expires=").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(!expires.isEmpty && expires.allSatisfy { $0 <= Int(end.timeIntervalSince1970) })
        test.services.clock.advance(by: 61)
        #expect(test.send("GET", second).bodyText == missing.bodyText)

        link([("do", "off")])
        #expect(test.send("GET", second).bodyText == missing.bodyText)
        // Someone else's album: not theirs to link.
        let carol = try test.signIn("carol", "correct horse")
        let carolsToken = try TestSite.csrfToken(in: test.send("GET", "/", cookies: carol))
        let refused = test.postForm(
            "/album/\(albumCode)/link", [("_csrf", carolsToken), ("do", "on")], cookies: carol)
        #expect(refused.status == .notFound)
    }

    @Test func wrongPasswordsAreThrottledPerLink() throws {
        link([("do", "on")])
        link([("do", "save"), ("password", "open sesame")])
        let path = try linkPath()
        let (headers, body) = form([("password", "guess")])
        for _ in 0..<5 { #expect(test.send("POST", path, headers: headers, body: body).status == .notFound) }
        let throttled = test.send("POST", path, headers: headers, body: body)
        #expect(throttled.status == .tooManyRequests && throttled.headers["Retry-After"] != nil)
        #expect(throttled.bodyText.contains("Too many wrong passwords"))
    }

    // MARK: Public albums

    @Test func publicAlbumsAreListedOnTheOwnersPage() throws {
        let missing = test.send("GET", "/u/nobody")
        #expect(missing.status == .notFound)
        #expect(!test.send("GET", "/u/alice").bodyText.contains("Trip"))
        _ = try test.library.createAlbum(named: "Private one", ownerId: aliceId)
        let made = test.postForm("/album/\(albumCode)/public", [("_csrf", csrf), ("public", "1")], cookies: alice)
        #expect(made.status == .seeOther)
        // What is uploaded into a public album later stays private itself: the album's page
        // shows its clean copies, no permanent link to its original appears.
        var request = ImportRequest(
            ownerId: aliceId, file: try media.image("later.jpg", width: 300, height: 200), originalFilename: "later.jpg"
        )
        request.albumId = albumId
        #expect(try test.library.importMedia(request).item.visibility == .private)
        let profile = test.send("GET", "/u/alice")
        #expect(profile.status == .ok && profile.bodyText.contains("Trip") && !profile.bodyText.contains("Private one"))
        let href = try #require(
            profile.bodyText.components(separatedBy: "href=\"/u/alice/").dropFirst().first?.prefix { $0 != "\"" })
        let album = test.send("GET", "/u/alice/" + href)
        #expect(
            album.status == .ok && album.bodyText.contains("alice&#39;s public album")
                || album.bodyText.contains("alice's public album"))
        expectNoOriginal(album)
        _ = test.postForm("/album/\(albumCode)/public", [("_csrf", csrf), ("public", "0")], cookies: alice)
        #expect(test.send("GET", "/u/alice/" + href).status == .notFound)
    }
}
