import AlbumCore
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

/// Seed 002's webhooks in process: subscriptions as a transcript, events written by the
/// database in the change's own transaction, payloads drawn for the subscriber (no restricted
/// label for a participant), and failed deliveries recorded and scheduled again.
@Suite struct WebhookTests {
    let test: TestSite
    let media: GeneratedMedia
    let ids: [String: Int64]
    let keys: [String: String]
    let album: Album

    init() throws {
        test = try TestSite { $0.urlUploads.allowedHosts = ["127.0.0.1"] }
        media = try GeneratedMedia()
        var ids: [String: Int64] = [:]
        var keys: [String: String] = [:]
        for name in ["alice", "bob"] {
            ids[name] = try test.accounts.createUser(username: name, password: "correct horse").id!
            keys[name] = try test.accounts.createAccessKey(.apiKey, for: name)
        }
        self.ids = ids
        self.keys = keys
        album = try test.library.createAlbum(named: "Hooks", ownerId: ids["alice"]!)
        try test.services.sharing.share(
            albumId: album.id, ownerId: ids["alice"]!, with: [(id: ids["bob"]!, expiration: .indefinite)])
    }

    func json(_ who: String) -> [(String, String)] {
        [("x-api-key", keys[who]!), ("Content-Type", "application/json")]
    }

    func photo(_ n: Int) throws -> MediaEntry {
        var request = ImportRequest(
            ownerId: ids["alice"]!, file: try media.image("h\(n).jpg", width: 40 + n, height: 30),
            originalFilename: "h\(n).jpg")
        request.albumId = album.id
        return try test.library.importMedia(request)
    }

    @Test func subscriptions() throws {
        let transcript = Transcript()
        let target = "http://127.0.0.1:9/hook"
        transcript.send(
            test, "POST", "/webhook/createSubscription", headers: json("alice"),
            body:
                #"{"event":"newPhoto","targetUrl":"\#(target)","albumId":"\#(album.uuid)","metadata":{"team":"red","n":2,"on":true}}"#,
            note: "An admin subscribes to new photos; the signing key comes back once, as data.secret.")
        transcript.send(
            test, "POST", "/webhook/createSubscription", headers: json("bob"),
            body: #"{"event":"newPhoto","targetUrl":"\#(target)","albumId":"\#(album.uuid)"}"#,
            note: "A participant may not: new photos are for admins.")
        transcript.send(
            test, "POST", "/webhook/createSubscription", headers: json("bob"),
            body: #"{"event":"photoLabelAdded","targetUrl":"\#(target)","albumId":"\#(album.uuid)","label":"vip"}"#,
            note: "A participant may follow a label.")
        transcript.send(
            test, "POST", "/webhook/createSubscription", headers: json("bob"),
            body: #"{"event":"newAlbum","targetUrl":"http://example.org/hook"}"#,
            note: "Targets are HTTPS (plain HTTP only for allow-listed hosts)…")
        transcript.send(
            test, "POST", "/webhook/createSubscription", headers: json("bob"),
            body: #"{"event":"newAlbum","targetUrl":"https://10.0.0.1/hook"}"#, note: "…and public addresses.")
        transcript.send(
            test, "POST", "/webhook/createSubscription", headers: json("bob"),
            body: #"{"event":"newAlbum","targetUrl":"\#(target)","metadata":{"deep":{"no":1}}}"#,
            note: "Metadata values are strings, numbers or booleans.")
        transcript.send(
            test, "POST", "/webhook/createSubscription", headers: json("bob"),
            body: #"{"event":"photoLabelAdded","targetUrl":"\#(target)","albumId":"\#(album.uuid)"}"#,
            note: "A label event needs its label.")
        transcript.send(
            test, "POST", "/webhook/createSubscription", headers: json("bob"),
            body: #"{"event":"somethingElse","targetUrl":"\#(target)"}"#)
        transcript.send(test, "GET", "/webhook/getSubscriptions?limit=1", headers: json("alice"))
        let listed = transcript.send(test, "GET", "/webhook/getSubscriptions", headers: json("bob"))
        let webhook = try #require(
            ((try JSONSerialization.jsonObject(with: Data(listed.body)) as? [String: Any])?["data"] as? [[String: Any]])?
                .first?["webhookId"] as? String)
        transcript.send(
            test, "POST", "/webhook/deleteSubscription", headers: json("alice"), body: #"{"webhookId":"\#(webhook)"}"#,
            note: "Someone else's subscription answers as missing.")
        transcript.send(
            test, "POST", "/webhook/deleteSubscription", headers: json("bob"), body: #"{"webhookId":"\#(webhook)"}"#,
            note: "Its owner stops it.")
        transcript.send(test, "GET", "/webhook/getSubscriptions", headers: json("bob"))
        try transcript.expect(file: "labeledalbums-webhooks")
    }

    @Test func eventsAreWrittenWithTheChangeAndDrawnForTheSubscriber() throws {
        let outbox = test.services.outbox
        let target = "http://127.0.0.1:9/hook"
        _ = try outbox.subscribe(
            ownerId: ids["alice"]!, event: .newPhoto, targetURL: target, albumId: album.id, label: nil,
            metadata: #"{"team":"red"}"#)
        _ = try outbox.subscribe(
            ownerId: ids["bob"]!, event: .photoLabelAdded, targetURL: target, albumId: album.id, label: "vip",
            metadata: "{}")
        _ = try outbox.subscribe(
            ownerId: ids["alice"]!, event: .newAlbum, targetURL: target, albumId: nil, label: nil, metadata: "{}")
        let first = try photo(1)
        _ = try test.library.createAlbum(named: "Another", ownerId: ids["alice"]!)
        try test.library.addLabel("vip", restricted: true, mediaId: first.item.id!)
        try test.library.addLabel("vip", restricted: true, mediaId: first.item.id!)  // not new: no event
        let due = try outbox.due(limit: 10)
        #expect(due.map(\.webhook.event) == [.newPhoto, .newAlbum, .photoLabelAdded])

        let delivery = WebhookDelivery(services: test.services, retryBase: 30)
        let photoEvent = try #require(due.first { $0.webhook.event == .newPhoto })
        let body = try #require(try delivery.payload(photoEvent))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(object["event"] as? String == "newPhoto" && object["eventId"] as? String == photoEvent.uuid)
        #expect((object["metadata"] as? [String: Any])?["team"] as? String == "red")
        #expect((object["data"] as? [String: Any])?["restrictedLabels"] != nil, "alice is an admin")
        // bob follows "vip", but it is restricted: a participant is not told.
        let labelEvent = try #require(due.first { $0.webhook.event == .photoLabelAdded })
        #expect(try delivery.payload(labelEvent) == nil)

        // Nothing listens on port 9: each attempt is recorded and the event waits 30 s, then 60.
        #expect(delivery.deliverDue() == 3)
        let attempts = try outbox.attempts(ownerId: ids["alice"]!, limit: 10)
        #expect(attempts.count == 2 && attempts.allSatisfy { $0.status == nil && $0.error != nil })
        #expect(try outbox.due(limit: 10).isEmpty)
        test.services.clock.advance(by: 31)
        #expect(try outbox.due(limit: 10).count == 2, "the dropped label event is not tried again")
        #expect(delivery.deliverDue() == 2)
        test.services.clock.advance(by: 31)
        #expect(try outbox.due(limit: 10).isEmpty, "the second wait is a minute")
    }
}
