import AlbumCore
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

/// Seed 001 in the browser: a group manager acting for a member ("Manage as"), the private
/// gallery's subscribers on `/settings/gallery`, and what subscribers see on a profile.
@Suite struct GalleryPagesTests {
    let test: TestSite
    let media: GeneratedMedia
    let alice: Int64
    let mona: Int64
    let bob: Int64

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        alice = try test.accounts.createUser(username: "alice", password: "correct horse").id!
        mona = try test.accounts.createUser(username: "mona", password: "correct horse").id!
        bob = try test.accounts.createUser(username: "bob", password: "correct horse").id!
        let group = try test.accounts.createGroup(name: "Agency", manager: "mona")
        try test.accounts.setMembership(groupId: group, username: "alice")
    }

    func csrf(_ cookies: [String: String], _ path: String = "/") throws -> String {
        try TestSite.csrfToken(in: test.send("GET", path, cookies: cookies))
    }

    @Test func aManagerActsForAMemberUntilTheyStop() throws {
        let manager = try test.signIn("mona", "correct horse")
        let library = test.send("GET", "/", cookies: manager).bodyText
        #expect(library.contains("Manage as") && library.contains(#"<option value="\#(alice)">alice</option>"#))
        #expect(!library.contains(#"value="\#(mona)""#), "a manager does not manage themselves")

        let started = test.postForm(
            "/manage-as", [("_csrf", try csrf(manager)), ("member", "\(alice)")], cookies: manager)
        #expect(started.status == .seeOther)
        let acting = test.send("GET", "/", cookies: manager)
        #expect(said(acting) == "You are managing alice's library. Everything you do here is theirs until you stop.")
        #expect(acting.bodyText.contains("You are managing <strong>alice</strong>’s library as mona"))
        #expect(!acting.bodyText.contains("Manage their library"), "no switch while acting")

        let upload = try test.postMultipart(
            "/upload", fields: [("_csrf", try csrf(manager))],
            files: [("file", "beach.jpg", try media.image("beach.jpg", width: 64, height: 48))], cookies: manager)
        #expect(upload.status.code < 400, "\(upload.transcript)")
        let items = try test.library.media(ownerId: alice, limit: 10)
        #expect(items.count == 1 && items.first?.item.addedBy == mona)
        #expect(try test.library.media(ownerId: mona, limit: 10).isEmpty)

        // Their own settings stay theirs: the settings page is mona's.
        #expect(test.send("GET", "/settings", cookies: manager).bodyText.contains("<dd>mona</dd>"))

        let member = try test.signIn("alice", "correct horse")
        let own = test.send("GET", "/", cookies: member)
        #expect(own.bodyText.contains("mona added 1 item for you in the last 30 days."))
        let info = test.send("GET", "/media/\(tileCodes(own).first ?? "")/info", cookies: member).bodyText
        #expect(info.contains("<dt>Added by</dt><dd>mona</dd>"))
        #expect(tileCodes(own).count == 1)

        _ = test.postForm("/manage-as", [("_csrf", try csrf(manager)), ("member", "")], cookies: manager)
        let back = test.send("GET", "/", cookies: manager)
        #expect(said(back) == "You are back in your own library.")
        #expect(tileCodes(back).isEmpty && !back.bodyText.contains("You are managing"))
    }

    @Test func onlyMembersOfTheManagersGroupsCanBeManaged() throws {
        let manager = try test.signIn("mona", "correct horse")
        _ = test.postForm("/manage-as", [("_csrf", try csrf(manager)), ("member", "\(bob)")], cookies: manager)
        let page = test.send("GET", "/", cookies: manager)
        #expect(said(page) == "You do not manage that person.")
        #expect(!page.bodyText.contains("You are managing"))

        // Taken out of the group, the member is no longer managed, at once.
        _ = test.postForm("/manage-as", [("_csrf", try csrf(manager)), ("member", "\(alice)")], cookies: manager)
        #expect(test.send("GET", "/", cookies: manager).bodyText.contains("You are managing"))
        let group = try #require(try test.accounts.groups().first)
        try test.accounts.setMembership(groupId: group.id, username: "alice", remove: true)
        #expect(!test.send("GET", "/", cookies: manager).bodyText.contains("You are managing"))

        // Someone who manages nobody has no switch.
        let other = try test.signIn("bob", "correct horse")
        #expect(!test.send("GET", "/", cookies: other).bodyText.contains("Manage as"))
    }

    @Test func subscribersSeeThePrivateGalleryOnTheProfile() throws {
        let owner = try test.signIn("alice", "correct horse")
        let hidden = try test.library.createAlbum(named: "Backstage", ownerId: alice)
        var request = ImportRequest(
            ownerId: alice, file: try media.image("b.jpg", width: 40, height: 30), originalFilename: "b.jpg")
        request.albumId = hidden.id
        _ = try test.library.importMedia(request)

        let settings = test.send("GET", "/settings/gallery", cookies: owner)
        #expect(settings.status == .ok && settings.bodyText.contains("Nobody yet."))
        let token = try TestSite.csrfToken(in: settings)
        _ = test.postForm("/settings/gallery/subscribers", [("_csrf", token), ("username", "nobody")], cookies: owner)
        #expect(said(test.send("GET", "/settings/gallery", cookies: owner)) == "There is no user called nobody.")
        _ = test.postForm("/settings/gallery/subscribers", [("_csrf", token), ("username", "bob")], cookies: owner)
        let granted = test.send("GET", "/settings/gallery", cookies: owner)
        #expect(said(granted) == "bob now sees your private gallery.")
        #expect(try test.services.galleries.subscribers(ownerId: alice).map(\.username) == ["bob"])

        let subscriber = try test.signIn("bob", "correct horse")
        let profile = test.send("GET", "/u/alice", cookies: subscriber)
        #expect(profile.bodyText.contains("Backstage") && profile.bodyText.contains("private gallery"))
        let href = try #require(
            profile.bodyText.components(separatedBy: #"<a href=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
                .first { $0.hasPrefix("/u/alice/") })
        let album = test.send("GET", href, cookies: subscriber)
        #expect(album.status == .ok && album.bodyText.contains("From alice&#39;s private gallery"))
        #expect(album.bodyText.contains("<img"))
        #expect(!test.send("GET", "/u/alice").bodyText.contains("Backstage"), "strangers see public albums only")
        #expect(test.send("GET", href).status == .notFound)

        _ = test.postForm(
            "/settings/gallery/subscribers/\(bob)/remove", [("_csrf", token)], cookies: owner)
        #expect(try test.services.galleries.subscribers(ownerId: alice).isEmpty)
        #expect(test.send("GET", href, cookies: subscriber).status == .notFound)
    }
}
