import AlbumCore
import Foundation
import HTTP
import SiteTestSupport
import Testing

/// Seed 002 as its clients see it, as transcripts (`Transcripts/labeledalbums-*.txt`): alice owns
/// an album shared with bob (a participant) and with carol (made an admin); dave has no part in
/// it. Photos carry public and restricted labels.
@Suite struct LabeledAlbumsTranscriptTests {
    let test: TestSite
    let media: GeneratedMedia
    let ids: [String: Int64]
    let keys: [String: String]
    let album: Album
    let photos: [MediaEntry]

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        var ids: [String: Int64] = [:]
        var keys: [String: String] = [:]
        for name in ["alice", "bob", "carol", "dave"] {
            ids[name] = try test.accounts.createUser(username: name, password: "correct horse").id!
            keys[name] = try test.accounts.createAccessKey(.apiKey, for: name)
        }
        self.ids = ids
        self.keys = keys
        let alice = ids["alice"]!
        album = try test.library.createAlbum(named: "Team day", ownerId: alice)
        var photos: [MediaEntry] = []
        for n in 0..<3 {
            var request = ImportRequest(
                ownerId: alice, file: try media.image("t\(n).jpg", width: 40 + n, height: 30),
                originalFilename: "t\(n).jpg")
            request.albumId = album.id
            photos.append(try test.library.importMedia(request))
        }
        var video = ImportRequest(ownerId: alice, file: try media.video("clip.mp4"), originalFilename: "clip.mp4")
        video.albumId = album.id
        photos.append(try test.library.importMedia(video))
        self.photos = photos
        try test.services.sharing.share(
            albumId: album.id, ownerId: alice,
            with: [(id: ids["bob"]!, expiration: .indefinite), (id: ids["carol"]!, expiration: .indefinite)])
        try test.library.addLabel("blue", restricted: false, mediaId: photos[0].item.id!)
        try test.library.addLabel("Blue", restricted: false, mediaId: photos[1].item.id!)
        try test.library.addLabel("vip", restricted: true, mediaId: photos[0].item.id!)
    }

    func key(_ who: String) -> [(String, String)] { [("x-api-key", keys[who]!)] }
    func json(_ who: String) -> [(String, String)] { key(who) + [("Content-Type", "application/json")] }

    @Test func rolesAndLabels() throws {
        let transcript = Transcript()
        let id = album.uuid
        let carol = try #require(try test.accounts.user(named: "carol"))
        transcript.send(test, "GET", "/ping", headers: key("bob"), note: "The key works, and whose it is.")
        transcript.send(
            test, "POST", "/album/setParticipantAdmin", headers: json("bob"),
            body: #"{"albumId":"\#(id)","userId":"\#(carol.uuid)","isAdmin":true}"#,
            note: "Only the owner makes admins.")
        transcript.send(
            test, "POST", "/album/setParticipantAdmin", headers: json("alice"),
            body: #"{"albumId":"\#(id)","userId":"\#(carol.uuid)","isAdmin":true}"#, note: "carol is an admin now.")
        transcript.send(
            test, "GET", "/album/getPhotos?albumId=\(id)", headers: key("alice"),
            note: "The owner: every photo, restricted labels included; a video's original is its poster.")
        transcript.send(
            test, "GET", "/album/getPhotos?albumId=\(id)&filterLabel=blue", headers: key("bob"),
            note: "A participant filters by a public label (exact case); no restrictedLabels.")
        transcript.send(
            test, "GET", "/album/getPhotos?albumId=\(id)&filterRestrictedLabel=vip", headers: key("bob"),
            note: "A participant may not filter by a restricted label.")
        transcript.send(
            test, "GET", "/album/getPhotos?albumId=\(id)&filterLabel=blue&filterRestrictedLabel=vip",
            headers: key("carol"), note: "An admin: both filters must match.")
        transcript.send(
            test, "GET", "/album/getPhotos?albumId=\(id)", headers: key("dave"),
            note: "Someone with no part in it: exactly like a missing album.")
        transcript.send(test, "GET", "/album/getPhotos?albumId=nope", headers: key("dave"))
        transcript.send(
            test, "GET", "/album/getPhotos?albumId=\(id)&filterLabel=", headers: key("bob"),
            note: "Filters have 1 to 40 characters.")
        transcript.send(test, "GET", "/album/getPhotos", headers: key("bob"), note: "albumId is required.")
        transcript.send(test, "GET", "/album/getPhotos?albumId=\(id)", note: "No key.")
        transcript.send(test, "GET", "/album/getPhotos?albumId=\(id)", headers: [("x-api-key", "wrong")])
        let second = photos[1].item.uuid
        transcript.send(
            test, "POST", "/photo/addPhotoLabel", headers: json("bob"),
            body: #"{"albumId":"\#(id)","photoId":"\#(second)","label":"mine"}"#, note: "Participants may not label.")
        transcript.send(
            test, "POST", "/photo/addPhotoLabel", headers: json("carol"),
            body: #"{"albumId":"\#(id)","photoId":"\#(second)","label":"secret","isHidden":true}"#,
            note: "An admin adds a restricted label…")
        transcript.send(
            test, "GET", "/photo/checkPhotoLabel?photoId=\(second)&label=secret", headers: key("bob"),
            note: "…which a participant cannot see…")
        transcript.send(
            test, "GET", "/photo/checkPhotoLabel?photoId=\(second)&label=secret", headers: key("carol"),
            note: "…and an admin can.")
        transcript.send(
            test, "POST", "/photo/removePhotoLabel", headers: json("carol"),
            body: #"{"albumId":"\#(id)","photoId":"\#(second)","label":"secret","isHidden":true}"#)
        transcript.send(
            test, "GET", "/photo/checkPhotoLabel?photoId=\(second)&label=secret", headers: key("carol"))
        transcript.send(
            test, "POST", "/photo/addPhotoLabel", headers: json("carol"),
            body: #"{"albumId":"\#(id)","photoId":"\#(second)","label":"\#(String(repeating: "x", count: 41))"}"#,
            note: "Labels have 1 to 40 characters.")
        transcript.send(
            test, "POST", "/photo/addPhotoLabel", headers: json("carol"),
            body: #"{"albumId":"\#(id)","photoId":"nope","label":"x"}"#, note: "A photo not in the album.")
        transcript.send(
            test, "GET", "/photo/checkPhotoLabel?photoId=\(second)&label=blue", headers: key("dave"),
            note: "Someone with no part in its album.")
        try transcript.expect(file: "labeledalbums-roles-labels")
    }

    @Test func albumsAndPreviews() throws {
        let transcript = Transcript()
        let created = transcript.send(
            test, "POST", "/album/createAlbum", headers: json("bob"), body: #"{"name":"Bob's own"}"#,
            note: "A new album; its owner is the key's account.")
        transcript.send(
            test, "POST", "/album/createAlbum", headers: json("bob"),
            body: #"{"name":"\#(String(repeating: "n", count: 41))"}"#, note: "Names have 1 to 40 characters.")
        transcript.send(test, "POST", "/album/createAlbum", headers: json("bob"), body: "{}")
        transcript.send(test, "GET", "/album/getAlbums?limit=1", headers: key("bob"), note: "A page of one…")
        let first = try #require(
            (try JSONSerialization.jsonObject(
                with: Data(
                    transcript.send(
                        test, "GET", "/album/getAlbums?limit=1", headers: key("bob")
                    ).body)) as? [String: Any])?["cursor"]
                as? String)
        transcript.send(
            test, "GET", "/album/getAlbums?limit=1&cursor=\(first)", headers: key("bob"),
            note: "…and the last page, whose cursor is {}.")
        transcript.send(test, "GET", "/album/getAlbums?limit=65", headers: key("bob"), note: "At most 64 a page.")
        transcript.send(test, "GET", "/album/getAlbums?cursor=garbage", headers: key("bob"))
        let own = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any])?["data"] as? [String: Any])
        let ownId = try #require(own["albumId"] as? String)
        transcript.send(
            test, "POST", "/album/editAlbum", headers: json("bob"),
            body: #"{"albumId":"\#(album.uuid)","name":"Mine"}"#,
            note: "A participant may not rename.")
        transcript.send(
            test, "GET", "/album/getPreviewPhotos?albumId=\(album.uuid)", headers: key("dave"),
            note: "No preview while it is off.")
        transcript.send(
            test, "POST", "/album/editAlbum", headers: json("alice"),
            body: #"{"albumId":"\#(album.uuid)","name":"Team day 2026","previewEnabled":true}"#,
            note: "The owner renames and turns the preview on.")
        transcript.send(
            test, "GET", "/album/getPreviewPhotos?albumId=\(album.uuid)", headers: key("dave"),
            note: "Anyone holding its id sees the preview now.")
        transcript.send(
            test, "GET", "/album/getAlbum?albumId=\(album.uuid)", headers: key("dave"),
            note: "The album itself stays theirs.")
        transcript.send(
            test, "POST", "/album/deleteAlbum", headers: json("alice"), body: #"{"albumId":"\#(ownId)"}"#,
            note: "Someone else's album answers as missing.")
        transcript.send(
            test, "POST", "/album/deleteAlbum", headers: json("bob"), body: #"{"albumId":"\#(album.uuid)"}"#,
            note: "A participant may not delete.")
        transcript.send(
            test, "POST", "/album/deleteAlbum", headers: json("bob"), body: #"{"albumId":"\#(ownId)"}"#,
            note: "Its owner may.")
        transcript.send(test, "GET", "/album/getAlbum?albumId=\(ownId)", headers: key("bob"))
        try transcript.expect(file: "labeledalbums-albums")
    }

    /// `getPhotos` is kept between requests; labels, roles and shares show at once.
    @Test func aKeptPhotoListFollowsLabelsRolesAndShares() throws {
        func first(_ who: String) throws -> [String: Any]? {
            let response = test.send("GET", "/album/getPhotos?albumId=\(album.uuid)", headers: key(who))
            guard response.status == .ok else { return nil }
            let body = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            return (body?["data"] as? [[String: Any]])?.first
        }
        #expect(try first("bob")?["labels"] as? [String] == ["blue"])
        #expect(try first("bob")?["restrictedLabels"] == nil)
        try test.library.addLabel("green", restricted: false, mediaId: photos[0].item.id!)
        #expect(try first("bob")?["labels"] as? [String] == ["blue", "green"])
        let bob = try #require(try test.accounts.user(named: "bob"))
        try test.services.albumRoles.setAdmin(true, albumId: album.id, ownerId: ids["alice"]!, userUUID: bob.uuid)
        #expect(try first("bob")?["restrictedLabels"] as? [String] == ["vip"])
        try test.services.sharing.unshare(albumId: album.id, ownerId: ids["alice"]!, recipients: [bob.id!])
        #expect(try first("bob") == nil)
    }
}
