import AlbumCore
import Foundation
import HTTP
import SiteTestSupport
import Testing

@testable import Site

/// Seed 002's labels and album admins in the browser: the owner labels items in the info panel
/// (restricted ones marked), the album page filters by label, uploads take labels, and the share
/// panel makes someone an admin. Through `Site.respond` as a browser without scripts sends it.
@Suite struct LabelPagesTests {
    let test: TestSite
    let media: GeneratedMedia
    let alice: Int64
    let bob: Int64

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        alice = try test.accounts.createUser(username: "alice", password: "correct horse").id!
        bob = try test.accounts.createUser(username: "bob", password: "correct horse").id!
    }

    @Test func theOwnerLabelsItemsAndTheAlbumFiltersByThem() throws {
        let owner = try test.signIn("alice", "correct horse")
        let album = try test.library.createAlbum(named: "Shoot", ownerId: alice)
        let code = test.services.links.albumCode(album.id)
        let page = test.services.links.albumPage(album).path
        let token = try TestSite.csrfToken(in: test.send("GET", page, cookies: owner))
        let upload = try test.postMultipart(
            "/upload", fields: [("_csrf", token), ("album", code), ("labels", "Sunset, beach")],
            files: [("file", "a.jpg", try media.image("a.jpg", width: 60, height: 40))], cookies: owner)
        #expect(upload.status.code < 400, "\(upload.transcript)")
        var second = ImportRequest(
            ownerId: alice, file: try media.image("b.jpg", width: 50, height: 40), originalFilename: "b.jpg")
        second.albumId = album.id
        let other = try test.library.importMedia(second)
        let first = try #require(
            try test.library.albumMedia(albumId: album.id, label: "Sunset", restrictedLabel: nil, limit: 5).first)
        #expect(try test.library.labels(of: [first.item.id!])[first.item.id!]?.labels == ["Sunset", "beach"])

        let itemCode = test.services.links.mediaCode(other.item)
        let labels = "/media/\(itemCode)/labels"
        _ = test.postForm(
            labels, [("_csrf", token), ("label", "client-x"), ("restricted", "1"), ("back", page)], cookies: owner)
        let back = test.send("GET", page, cookies: owner)
        #expect(said(back) == "Added the restricted label “client-x”.")
        let info = test.send("GET", "/media/\(itemCode)/info", cookies: owner).bodyText
        #expect(info.contains("client-x <small>(restricted)</small>") && info.contains("Add a label"))
        #expect(!info.contains("<!--albumen:"), "the fragment's forms carry a real token")

        // The album page lists its labels and narrows the grid to one.
        #expect(back.bodyText.contains("?label=Sunset") && back.bodyText.contains("?restricted=client-x"))
        #expect(tileCodes(test.send("GET", page + "?label=Sunset", cookies: owner)).count == 1)
        #expect(tileCodes(test.send("GET", page + "?restricted=client-x", cookies: owner)) == [itemCode])
        #expect(tileCodes(test.send("GET", page + "?label=sunset", cookies: owner)).isEmpty, "labels are exact")
        #expect(tileCodes(test.send("GET", page, cookies: owner)).count == 2)

        _ = test.postForm(
            labels, [("_csrf", token), ("remove", "client-x"), ("removeRestricted", "1"), ("back", page)],
            cookies: owner)
        #expect(said(test.send("GET", page, cookies: owner)) == "Took the label “client-x” off.")
        #expect(try test.library.labels(of: [other.item.id!])[other.item.id!] == nil)
        _ = test.postForm(labels, [("_csrf", token), ("label", String(repeating: "x", count: 41))], cookies: owner)
        #expect(
            said(test.send("GET", test.services.links.viewerPage(other.item).path, cookies: owner))
                == "A label has 1 to 40 characters.")

        // Someone else's item answers as missing.
        let stranger = try test.signIn("bob", "correct horse")
        let bobsToken = try TestSite.csrfToken(in: test.send("GET", "/", cookies: stranger))
        #expect(
            test.postForm(labels, [("_csrf", bobsToken), ("label", "mine")], cookies: stranger).status == .notFound)
    }

    @Test func theSharePanelMakesSomeoneAnAdmin() throws {
        let owner = try test.signIn("alice", "correct horse")
        let album = try test.library.createAlbum(named: "Team", ownerId: alice)
        try test.services.sharing.share(albumId: album.id, ownerId: alice, with: [(id: bob, expiration: .indefinite)])
        let page = test.services.links.albumPage(album).path
        let token = try TestSite.csrfToken(in: test.send("GET", page, cookies: owner))
        let unshare = Page.albumAction(code: test.services.links.albumCode(album.id), action: "unshare").path
        #expect(test.send("GET", page, cookies: owner).bodyText.contains("Make bob an admin of this album"))
        _ = test.postForm(unshare, [("_csrf", token), ("admin", "bob"), ("isAdmin", "1")], cookies: owner)
        let after = test.send("GET", page, cookies: owner)
        #expect(said(after) == "bob is an admin of this album now.")
        #expect(try test.services.albumRoles.album(uuid: album.uuid, for: bob)?.role == .admin)
        _ = test.postForm(unshare, [("_csrf", token), ("admin", "bob"), ("isAdmin", "0")], cookies: owner)
        #expect(try test.services.albumRoles.album(uuid: album.uuid, for: bob)?.role == .participant)
        #expect(try test.services.sharing.recipients(albumId: album.id, ownerId: alice) == [bob], "still shared")
    }

    @Test func participantsSeePublicLabelsAndAdminsManageThem() throws {
        let album = try test.library.createAlbum(named: "Crew", ownerId: alice)
        var request = ImportRequest(
            ownerId: alice, file: try media.image("c.jpg", width: 60, height: 40), originalFilename: "c.jpg")
        request.albumId = album.id
        let item = try test.library.importMedia(request)
        try test.library.addLabel("deck", restricted: false, mediaId: item.item.id!)
        try test.library.addLabel("payroll", restricted: true, mediaId: item.item.id!)
        try test.services.sharing.share(albumId: album.id, ownerId: alice, with: [(id: bob, expiration: .indefinite)])
        let participant = try test.signIn("bob", "correct horse")
        let code = test.services.links.albumCode(album.id)
        let shared = test.send("GET", "/shared/\(code)", cookies: participant).bodyText
        #expect(shared.contains("<span>deck</span>") && !shared.contains("payroll"), "no restricted label for bob")
        #expect(!shared.contains("edit-labels"))
        let labels = "/shared/\(code)/labels/\(test.services.links.mediaCode(item.item))"
        #expect(test.send("GET", labels, cookies: participant).status == .notFound, "participants do not manage labels")
        #expect(
            test.send("GET", "/shared/\(code)?restricted=payroll", cookies: participant).bodyText.contains("deck"),
            "a participant's restricted filter is ignored, not answered")

        let bobUser = try #require(try test.accounts.user(named: "bob"))
        try test.services.albumRoles.setAdmin(true, albumId: album.id, ownerId: alice, userUUID: bobUser.uuid)
        let asAdmin = test.send("GET", "/shared/\(code)", cookies: participant).bodyText
        #expect(asAdmin.contains("payroll") && asAdmin.contains("edit-labels"))
        let page = test.send("GET", labels, cookies: participant)
        #expect(page.status == .ok && page.bodyText.contains("payroll <small>(restricted)</small>"))
        let token = try TestSite.csrfToken(in: page)
        _ = test.postForm(labels, [("_csrf", token), ("label", "bow")], cookies: participant)
        #expect(said(test.send("GET", labels, cookies: participant)) == "Added the label “bow”.")
        _ = test.postForm(
            labels, [("_csrf", token), ("remove", "payroll"), ("removeRestricted", "1")], cookies: participant)
        #expect(try test.library.labels(of: [item.item.id!])[item.item.id!]?.labels == ["bow", "deck"])
        #expect(try test.library.labels(of: [item.item.id!])[item.item.id!]?.restricted == [])
        #expect(tileCodes(test.send("GET", "/shared/\(code)?label=bow", cookies: participant)).count <= 1)
    }
}
