import AlbumCore
import Foundation
import HTTP
import SiteTestSupport
import Testing

@testable import Site

/// The owner's album page is kept whole between requests (issue 19). Every change to what it
/// shows is made here straight in SQL, as another process would make it, so nothing but the
/// library version (its triggers) and the clock can tell the kept page it is stale.
@Suite struct KeptAlbumPageTests {
    let test: TestSite
    let media: GeneratedMedia
    let alice: [String: String]
    let aliceId: Int64
    let bobId: Int64
    let album: Album
    let path: String
    let photo: MediaEntry

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        aliceId = try test.accounts.createUser(username: "alice", password: "correct horse").id!
        bobId = try test.accounts.createUser(username: "bob", password: "battery staple").id!
        alice = try test.signIn("alice", "correct horse")
        album = try test.library.createAlbum(named: "Trip", ownerId: aliceId)
        path = test.services.links.albumPage(album).path
        var request = ImportRequest(
            ownerId: aliceId, file: try media.image("p.jpg", width: 64, height: 48),
            originalFilename: "p.jpg")
        request.albumId = album.id
        photo = try test.library.importMedia(request)
    }

    func page() -> String {
        let page = test.send("GET", path, cookies: alice)
        #expect(page.status == .ok, "\(page.transcript)")
        return page.bodyText
    }

    /// `statement` about the row `id`, run as a plain write.
    func sql(_ statement: String, _ id: Int64?) throws {
        try test.database.write { db in try db.execute(sql: statement, arguments: [id]) }
    }

    @Test func aKeptPageGetsAFreshTokenInEveryFormAndTheSameOtherwise() throws {
        let first = test.send("GET", path, cookies: alice)
        let second = test.send("GET", path, cookies: alice)
        let masked = #"name="_csrf" value="([^"]+)""#
        func tokens(_ page: Response) -> [String] {
            page.bodyText.matches(of: try! Regex(masked)).map { String($0.output[1].substring ?? "") }
        }
        #expect(tokens(first).count > 3 && tokens(first).count == tokens(second).count)
        #expect(Set(tokens(first)).isDisjoint(with: tokens(second)))
        // Each masked token is the session's: a form of the kept page is accepted.
        let renamed = test.postForm(
            "/album/\(test.services.links.albumCode(album.id))/edit",
            [("_csrf", tokens(second)[0]), ("name", "Trip 2"), ("description", "")], cookies: alice)
        #expect(renamed.status == .seeOther || renamed.status == .found, "\(renamed.transcript)")
        func plain(_ page: Response) -> String {
            page.bodyText.replacingOccurrences(of: masked, with: "", options: .regularExpression)
        }
        #expect(plain(first) == plain(second))
        #expect(!first.bodyText.contains(Slot.mark("csrf")) && !second.bodyText.contains(Slot.mark("csrf")))
    }

    @Test func everythingThePageShowsIsShownAsItIsNow() throws {
        _ = page()
        try sql("UPDATE albums SET description = 'By the sea' WHERE id = ?", album.id)
        #expect(page().contains("By the sea"))

        try sql("INSERT INTO media_labels (media_id, label, restricted) VALUES (?, 'sunset', 0)", photo.item.id)
        #expect(page().contains("?label=sunset"))
        try sql("DELETE FROM media_labels WHERE media_id = ?", photo.item.id)
        #expect(!page().contains("?label=sunset"))

        try test.services.albumLinks.enable(albumId: album.id, ownerId: aliceId)
        #expect(page().contains("Not opened yet."))
        try sql("UPDATE album_links SET views = 3 WHERE album_id = ?", album.id)
        #expect(page().contains("Opened 3 times."))
        try sql("DELETE FROM album_links WHERE album_id = ?", album.id)
        #expect(!page().contains("Opened 3 times."))

        try test.services.sharing.share(albumId: album.id, ownerId: aliceId, with: [(bobId, .indefinite)])
        #expect(page().contains(">bob<"))
        try sql("UPDATE users SET username = 'robert' WHERE id = ?", bobId)
        let renamed = page()
        #expect(renamed.contains(">robert<") && !renamed.contains(">bob<"))

        #expect(!page().contains(Page.adminUsers.path))
        try sql("UPDATE users SET role = 'admin' WHERE id = ?", aliceId)
        #expect(page().contains(Page.adminUsers.path))
    }

    @Test func aSharesMinutesLeftAndItsEndAreShownAsTimePasses() throws {
        try test.services.sharing.share(albumId: album.id, ownerId: aliceId, with: [(bobId, .tenMinutes)])
        _ = try test.services.sharing.view(albumId: album.id, recipientId: bobId)
        #expect(page().contains("open, expires in 10 min"))
        test.services.clock.advance(by: 30)
        #expect(page().contains("open, expires in 10 min"))
        test.services.clock.advance(by: 60)
        #expect(page().contains("open, expires in 9 min"))
        test.services.clock.advance(by: 9 * 60)
        #expect(page().contains("expired"))
    }

    @Test func whatTheLastFormDidIsShownOnceThenThePageIsKeptAgain() throws {
        _ = page()
        let code = test.services.links.albumCode(album.id)
        let csrf = try TestSite.csrfToken(in: test.send("GET", path, cookies: alice))
        _ = test.postForm("/album/\(code)/items", [("_csrf", csrf), ("do", "cover")], cookies: alice)
        let told = test.send("GET", path, cookies: alice)
        #expect(said(told) == "Tick at least one photo or video first.")
        #expect(said(test.send("GET", path, cookies: alice)) == nil)
    }

    @Test func sharePanelWordsChangeAtTheNextWholeMinuteLeft() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        func change(_ left: TimeInterval) -> TimeInterval? {
            SharePanel.stateChanges(end: now.addingTimeInterval(left), now: now)?.timeIntervalSince(now)
        }
        #expect(change(600) == 60)  // "10 min" until 9 minutes are left
        #expect(change(590) == 50)
        #expect(change(60) == 60)  // "1 min" until the end, then "expired"
        #expect(change(0.5) == 0.5)
        #expect(change(0) == nil && change(-5) == nil)
    }
}
