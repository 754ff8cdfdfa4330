import AlbumCore
import Foundation
import HTTP
import SiteTestSupport
import Testing

/// Seed 001 as its clients see it, JSON and XML, as transcripts (`Transcripts/pictures-*.txt`):
/// alice owns the albums; bob is a stranger; carol subscribes to alice's private gallery; dave
/// has one album shared with him; mona manages a group alice belongs to.
@Suite struct PicturesTranscriptTests {
    let test: TestSite
    let media: GeneratedMedia
    let ids: [String: Int64]
    let tokens: [String: String]
    /// alice's albums: a private one whose cover is NSFW, a public one, one shared with dave.
    let privateAlbum: Int64
    let publicAlbum: Int64
    let sharedAlbum: Int64

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        var ids: [String: Int64] = [:]
        var tokens: [String: String] = [:]
        for name in ["alice", "bob", "carol", "dave", "mona"] {
            ids[name] = try test.accounts.createUser(username: name, password: "correct horse").id!
            tokens[name] = try test.accounts.createAccessKey(.token, for: name)
        }
        self.ids = ids
        self.tokens = tokens
        let library = test.library
        let alice = ids["alice"]!
        privateAlbum = try library.createAlbum(named: "Private", ownerId: alice).id
        publicAlbum = try library.createAlbum(named: "Public & <open>", ownerId: alice).id
        sharedAlbum = try library.createAlbum(named: "Shared", ownerId: alice).id
        try library.updateAlbum(
            id: publicAlbum, ownerId: alice, name: "Public & <open>", description: "For \"everyone\"")
        try library.setPublic(albumId: publicAlbum, ownerId: alice, true)
        for (n, album) in [privateAlbum, privateAlbum, publicAlbum, sharedAlbum].enumerated() {
            var request = ImportRequest(
                ownerId: alice, file: try media.image("a\(n).jpg", width: 40 + n, height: 30),
                originalFilename: "a\(n).jpg")
            request.albumId = album
            request.nsfw = n == 0
            _ = try library.importMedia(request)
        }
        _ = try test.services.sharing.share(
            albumId: sharedAlbum, ownerId: alice, with: [(id: ids["dave"]!, expiration: .indefinite)])
        try test.services.galleries.subscribe(ownerId: alice, subscriberId: ids["carol"]!)
        let group = try test.accounts.createGroup(name: "Agency", manager: "mona")
        try test.accounts.setMembership(groupId: group, username: "alice")
    }

    func headers(_ who: String, xml: Bool = false, extra: [(String, String)] = []) -> [(String, String)] {
        [("Authorization", "bearer " + tokens[who]!)] + (xml ? [("Accept", "application/xml")] : []) + extra
    }

    @Test func getAlbumsForEachViewerInBothFormats() throws {
        let transcript = Transcript()
        let alice = ids["alice"]!
        for who in ["alice", "bob", "carol", "dave", "mona"] {
            transcript.send(
                test, "GET", "/v1/Pictures/GetAlbums?UserID=\(alice)", headers: headers(who),
                note: "\(who) lists alice's albums (JSON).")
            transcript.send(
                test, "GET", "/v1/Pictures/GetAlbums?UserID=\(alice)", headers: headers(who, xml: true),
                note: "\(who) lists alice's albums (XML).")
        }
        transcript.send(
            test, "GET", "/v1/pictures/getalbums?UserID=\(alice)&ReturnPictureIDs=true",
            headers: headers("alice", xml: true), note: "Paths in any case; the pictures' ids when asked for.")
        transcript.send(
            test, "GET", "/v1/Pictures/GetAlbums?UserID=\(alice)&ReturnPictureIDs=true",
            headers: headers("alice", extra: [("X-MaskImages", "1")]),
            note: "Masked: the NSFW cover is answered blurred, the safe ones as they are.")
        transcript.send(
            test, "GET", "/v1/Groups/Pictures/GetAlbums?UserID=\(alice)", headers: headers("mona"),
            note: "The group manager acting for alice sees what alice sees.")
        transcript.send(
            test, "GET", "/v1/Pictures/GetAlbums?UserID=999", headers: headers("bob"), note: "Nobody: an empty list.")
        transcript.send(
            test, "GET", "/v1/Pictures/GetAlbums?UserID=999", headers: headers("bob", xml: true))
        try transcript.expect(file: "pictures-get-albums")
    }

    @Test func everyErrorInBothFormats() throws {
        let transcript = Transcript()
        let alice = ids["alice"]!
        for xml in [false, true] {
            let accept = xml ? [("Accept", "text/xml")] : []
            transcript.send(test, "GET", "/v1/Pictures/GetAlbums?UserID=\(alice)", headers: accept, note: "No token.")
            transcript.send(
                test, "GET", "/v1/Pictures/GetAlbums?UserID=\(alice)",
                headers: accept + [("Authorization", "bearer nope")], note: "A wrong token.")
            transcript.send(
                test, "GET", "/v1/Pictures/GetAlbums", headers: headers("bob", xml: xml), note: "No UserID.")
            transcript.send(
                test, "GET", "/v1/Pictures/GetAlbums?UserID=alice", headers: headers("bob", xml: xml),
                note: "A UserID that is not a number.")
            transcript.send(
                test, "GET", "/v1/Groups/Pictures/GetAlbums?UserID=\(ids["dave"]!)", headers: headers("mona", xml: xml),
                note: "dave is in no group mona manages.")
            transcript.send(
                test, "GET", "/v1/Pictures/GetAlbums?UserID=\(alice)&apiKey=wrong", headers: headers("bob", xml: xml),
                note: "A developer key, when sent, must be valid.")
            transcript.send(
                test, "PUT", "/v1/Pictures/UpdateAlbum", headers: headers("bob", xml: xml),
                body: #"{"AlbumID":\#(privateAlbum),"Name":"Mine"}"#, note: "Someone else's album is missing.")
            transcript.send(
                test, "GET", "/v1/Pictures/Nothing", headers: headers("bob", xml: xml), note: "No such method.")
        }
        transcript.send(
            test, "GET", "/v1/Pictures/GetAlbums?UserID=\(alice)",
            headers: headers("alice", extra: [("Accept", "text/html")]), note: "Neither JSON nor XML acceptable: 406.")
        transcript.send(
            test, "GET", "/v1/Pictures/GetAlbums?UserID=\(alice)",
            headers: headers("alice", extra: [("Accept", "application/xml;q=0.5, application/json;q=0.9")]),
            note: "q-values choose.")
        try transcript.expect(file: "pictures-errors")
    }

    @Test func albumsAndGalleries() throws {
        let transcript = Transcript()
        let alice = ids["alice"]!
        let created = transcript.send(
            test, "POST", "/v1/Pictures/CreateAlbum", headers: headers("alice"),
            body: #"{"Name":"Backstage","Description":"Members only","PinNumber":"ab12","PINPrice":4.5}"#,
            note: "A new album with a PIN and its price.")
        let albumId = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any])?["AlbumID"] as? Int64)
        transcript.send(
            test, "POST", "/v1/Pictures/CreateAlbum", headers: headers("alice"),
            body: #"{"Name":"A name much too long here"}"#, note: "Names have at most 20 characters.")
        transcript.send(
            test, "POST", "/v1/Pictures/CreateAlbum", headers: headers("alice"),
            body: #"{"Name":"X","PinNumber":"12"}"#,
            note: "A PIN is 4 letters or digits…")
        transcript.send(
            test, "POST", "/v1/Pictures/CreateAlbum", headers: headers("alice"),
            body: #"{"Name":"X","PinNumber":"1234"}"#, note: "…and comes with its price.")
        transcript.send(test, "POST", "/v1/Pictures/CreateAlbum", headers: headers("alice"), body: "[1]")
        transcript.send(
            test, "PUT", "/v1/Pictures/UpdateAlbum", headers: headers("alice", xml: true),
            body: #"{"albumid":\#(albumId),"name":"Backstage 2","pinnumber":""}"#,
            note: "Members in any case; an empty PIN takes it off.")
        let lake = try media.image("lake.jpg", width: 8, height: 6)
        let base64 = try Data(contentsOf: URL(fileURLWithPath: lake)).base64EncodedString()
        let text = Data("just some words".utf8).base64EncodedString()
        transcript.send(
            test, "POST", "/v1/Pictures/AddPictures", headers: headers("alice"),
            body: #"""
                {"AlbumID":\#(albumId),"Pictures":[{"Title":"Lake","Description":"Calm","Image":"\#(base64)"},
                {"Title":"Notes","Image":"\#(text)"},{"Title":"Broken","Image":"***"}]}
                """#,
            note: "Three pictures: the first is kept, the others are named with why.")
        transcript.send(
            test, "POST", "/v1/Pictures/AddPictures", headers: headers("alice", xml: true),
            body: #"{"AlbumID":\#(albumId),"Pictures":[{"Title":"Notes","Image":"\#(text)"}]}"#,
            note: "Nothing taken: the failure is the answer.")
        transcript.send(
            test, "POST", "/v1/Groups/Pictures/AddFreePictures", headers: headers("mona"),
            body: #"{"UserID":\#(alice),"Pictures":[{"Title":"Free","Image":"\#(base64)"}]}"#,
            note: "mona adds a free picture for alice (the same bytes: deduplicated, one more item).")
        transcript.send(
            test, "GET", "/v1/Pictures/GetFreeGallery?UserID=\(alice)", headers: headers("bob"),
            note: "Anyone sees the free gallery.")
        transcript.send(
            test, "GET", "/v1/Pictures/GetGallery?UserID=\(alice)&PageSize=2&OrderBy=GallerySize",
            headers: headers("carol", xml: true), note: "A subscriber pages through the private gallery.")
        transcript.send(
            test, "GET", "/v1/Pictures/GetGallery?UserID=\(alice)&PageSize=2&PageNumber=2&OrderBy=gallerysize",
            headers: headers("carol", xml: true, extra: [("X-MaskImages", "1")]))
        transcript.send(
            test, "GET", "/v1/Pictures/GetGallery?UserID=\(alice)", headers: headers("bob"),
            note: "A stranger sees an empty gallery.")
        transcript.send(
            test, "GET", "/v1/Pictures/GetGallery?UserID=\(alice)&PageSize=0", headers: headers("bob"),
            note: "Refusals name the parameter.")
        transcript.send(test, "GET", "/v1/Pictures/GetGallery?UserID=\(alice)&OrderBy=price", headers: headers("bob"))
        transcript.send(
            test, "POST", "/v1/Pictures/RemoveAlbum", headers: headers("alice", xml: true),
            body: #"{"AlbumID":\#(albumId)}"#, note: "The album goes; its pictures stay in the library.")
        transcript.send(
            test, "POST", "/v1/Pictures/RemoveAlbum", headers: headers("alice"), body: #"{"AlbumID":\#(albumId)}"#,
            note: "Again: it is missing now.")
        transcript.send(
            test, "GET", "/v1/Groups/Pictures/GetGallery?UserID=\(alice)&PageSize=1", headers: headers("mona"),
            note: "The manager reads alice's private gallery for her.")
        try transcript.expect(file: "pictures-methods")
        #expect(
            try test.library.mediaCount(ownerId: alice, in: .all) == 6, "the Lake and the free picture joined the four")
    }

    @Test func refusalsOfThePlanNameThePicture() throws {
        let alice = ids["alice"]!
        var changes = PlanChanges()
        changes.maxFileBytes = 600
        changes.maxAlbums = 3
        let plan = try test.library.createPlan(named: "Small", changes)
        try test.accounts.updateUser(id: alice, role: .user, planId: plan.id, disabled: false)
        let big = try Data(contentsOf: URL(fileURLWithPath: try media.image("big.jpg", width: 64, height: 48)))
            .base64EncodedString()
        let transcript = Transcript()
        transcript.send(
            test, "POST", "/v1/Pictures/AddPictures", headers: headers("alice"),
            body: #"{"AlbumID":\#(privateAlbum),"Pictures":[{"Title":"Big","Image":"\#(big)"}]}"#,
            note: "Larger than the plan's files: 413, naming the picture.")
        transcript.send(
            test, "POST", "/v1/Pictures/CreateAlbum", headers: headers("alice", xml: true), body: #"{"Name":"Fourth"}"#,
            note: "Past the plan's albums: 402.")
        transcript.send(
            test, "POST", "/v1/Pictures/AddFreePictures", headers: headers("alice"), body: #"{"Pictures":[]}"#,
            note: "No pictures at all.")
        try transcript.expect(file: "pictures-plan-refusals")
    }

    @Test func aPinIsTheAlbumLinksPassword() throws {
        let created = test.send(
            "POST", "/v1/Pictures/CreateAlbum", headers: headers("alice"),
            body: #"{"Name":"Locked","PinNumber":"Zx90","PINPrice":"12"}"#)
        let id = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any])?["AlbumID"] as? Int64)
        let link = try #require(try test.services.albumLinks.link(albumId: id, ownerId: ids["alice"]!))
        #expect(link.hasPassword && test.services.albumLinks.verify("Zx90", for: link))
        #expect(!test.services.albumLinks.verify("zx90", for: link))
        #expect(try test.library.album(id: id, ownerId: ids["alice"]!)?.pinPrice == 12)
    }

    /// `GetAlbums` is kept between requests; a change of standing, of the library or of a
    /// share shows at once.
    @Test func aKeptListingFollowsEveryChange() throws {
        let alice = ids["alice"]!
        func names(_ who: String) throws -> [String] {
            let response = test.send("GET", "/v1/Pictures/GetAlbums?UserID=\(alice)", headers: headers(who))
            let list = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
            return list.compactMap { $0["AlbumName"] as? String }
        }
        #expect(try names("carol") == ["Private", "Public & <open>", "Shared"])
        #expect(try names("carol") == ["Private", "Public & <open>", "Shared"])
        try test.services.galleries.unsubscribe(ownerId: alice, subscriberId: ids["carol"]!)
        #expect(try names("carol") == ["Public & <open>"])
        try test.library.updateAlbum(id: publicAlbum, ownerId: alice, name: "Open", description: "")
        #expect(try names("carol") == ["Open"])
        #expect(try names("dave") == ["Open", "Shared"])
        try test.services.sharing.unshareAll(albumId: sharedAlbum, ownerId: alice)
        #expect(try names("dave") == ["Open"])
        let group = try #require(try test.accounts.groups().first)
        #expect(try names("mona").count == 3)
        try test.accounts.setMembership(groupId: group.id, username: "alice", remove: true)
        #expect(try names("mona") == ["Open"])
    }
}
