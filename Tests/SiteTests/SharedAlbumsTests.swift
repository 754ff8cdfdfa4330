import AlbumCore
import Foundation
import HTTP
import SiteTestSupport
import Testing

/// Seed 000 through the production pipeline: a real database, real uploads, the services'
/// clock moved forward instead of waiting.
@Suite struct SharedAlbumsTests {
    let test: TestSite
    let media: GeneratedMedia
    let alice: String
    let bob: String
    let carol: String
    let aliceId: Int64
    let bobId: Int64
    let carolId: Int64

    init() throws {
        test = try TestSite()
        media = try GeneratedMedia()
        aliceId = try test.accounts.createUser(username: "alice", password: "correct horse").id!
        bobId = try test.accounts.createUser(username: "bob", password: "correct horse").id!
        carolId = try test.accounts.createUser(username: "carol", password: "correct horse").id!
        alice = try test.accounts.createAccessKey(.token, for: "alice")
        bob = try test.accounts.createAccessKey(.token, for: "bob")
        carol = try test.accounts.createAccessKey(.token, for: "carol")
    }

    @discardableResult
    func call(_ method: String, _ path: String, _ body: String? = nil, as token: String? = nil) -> Response {
        test.send(
            method, path,
            headers: [("Authorization", "Bearer " + (token ?? alice))]
                + (body == nil ? [] : [("Content-Type", "application/json")]),
            body: body)
    }

    func json(_ response: Response) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    func album(_ name: String = "Trip") throws -> Int64 {
        let response = call("POST", "/v2/albums", #"{"albumName":"\#(name)"}"#)
        #expect(response.status == .ok, "\(response.transcript)")
        return try json(response)["albumId"] as? Int64 ?? 0
    }

    func upload(_ albumId: Int64, _ path: String, as token: String? = nil) throws -> [String: Any] {
        let response = try test.postMultipart(
            "/v1/albums/\(albumId)/content?width=10&height=10&isFresh=true", files: [("content", "p.jpg", path)],
            headers: [("Authorization", "Bearer " + (token ?? alice))])
        #expect(response.status == .ok, "\(response.transcript)")
        return try json(response)
    }

    func photo(_ n: Int) throws -> String { try media.image("p\(n).jpg", width: 64 + n, height: 48) }

    func share(_ albumId: Int64, with profile: Int64, _ type: String) {
        let response = call(
            "POST", "/v4/albums/\(albumId)/shares",
            #"{"profiles":[{"profileId":\#(profile),"expirationType":\#(type)}]}"#)
        #expect(response.status == .ok, "\(response.transcript)")
    }

    @Test func albumsAsAClientSeesThem() throws {
        let transcript = Transcript()
        let auth = [("Authorization", "Bearer " + alice)]
        let json = auth + [("Content-Type", "application/json")]
        transcript.send(test, "GET", "/v1/albums", headers: auth, note: "A new profile has no albums.")
        transcript.send(
            test, "POST", "/v2/albums", headers: json, body: #"{"albumName":null}"#, note: "Names may be null…")
        transcript.send(test, "POST", "/v2/albums", headers: json, body: #"{"albumName":""}"#, note: "…or empty…")
        transcript.send(test, "POST", "/v2/albums", headers: json, body: #"{"albumName":42}"#, note: "…or coerced.")
        transcript.send(
            test, "POST", "/v2/albums", headers: json,
            body: #"{"albumName":"\#(String(repeating: "é", count: 128))"}"#, note: "256 UTF-8 bytes is one too many.")
        transcript.send(test, "POST", "/v2/albums", headers: json, body: #"{"albumName":[1]}"#, note: "Not a scalar.")
        transcript.send(test, "POST", "/v2/albums", headers: json, body: "{", note: "Not JSON.")
        transcript.send(test, "GET", "/v1/albums", headers: auth, note: "Oldest first; empty albums have no content.")
        let first = try self.json(test.send("GET", "/v1/albums", headers: auth))["albums"] as? [[String: Any]]
        let id = first?.first?["albumId"] as? Int64 ?? 0
        transcript.send(
            test, "PUT", "/v2/albums/\(id)", headers: json, body: #"{"albumName":"Renamed"}"#, note: "Rename.")
        transcript.send(test, "GET", "/v2/albums/\(id)", headers: auth, note: "The owner's details.")
        transcript.send(
            test, "GET", "/v2/albums/\(id)", headers: [("Authorization", "Grindr3 " + carol)],
            note: "Someone else's album, with the original's scheme word: exactly like a missing one…")
        transcript.send(test, "GET", "/v2/albums/999999", headers: [("Authorization", "Grindr3 " + carol)])
        transcript.send(test, "DELETE", "/v1/albums/\(id)", headers: auth, note: "Delete, then again: 403.")
        transcript.send(test, "DELETE", "/v1/albums/\(id)", headers: auth)
        transcript.send(test, "GET", "/v1/albums", note: "No token: 401.")
        transcript.send(test, "GET", "/v1/albums", headers: [("Authorization", "Bearer nope")], note: "Bad token: 401.")
        try transcript.expect(file: "sharedalbums-albums")
    }

    @Test func aViewOnceShareThroughItsWholeLife() throws {
        let albumId = try album()
        let first = try upload(albumId, try photo(1))
        _ = try upload(albumId, try photo(2))
        share(albumId, with: bobId, #""ONCE""#)
        let transcript = Transcript()
        let auth = [("Authorization", "Bearer " + bob)]
        let contentId = first["contentId"] as? Int64 ?? 0
        transcript.send(test, "GET", "/v1/albums/\(albumId)/shares", headers: [("Authorization", "Bearer " + alice)])
        transcript.send(
            test, "POST", "/v3/pressie-albums/feed", headers: auth, note: "Before the first view: unseen, no expiry.")
        transcript.send(test, "GET", "/v2/albums/\(albumId)", headers: auth, note: "Each item starts with one view.")
        transcript.send(
            test, "GET", "/v3/albums/\(albumId)/view", headers: auth, note: "The first view opens 30 minutes.")
        transcript.send(test, "GET", "/v3/albums/\(albumId)/view", headers: auth, note: "A second view: 403.")
        transcript.send(
            test, "POST", "/v1/albums/\(albumId)/view/content/\(contentId)", headers: auth,
            note: "Viewing an item uses its view; again stays at 0 without an error.")
        transcript.send(test, "POST", "/v1/albums/\(albumId)/view/content/\(contentId)", headers: auth)
        transcript.send(
            test, "GET", "/v2/albums/\(albumId)", headers: auth, note: "That item's url is now empty; expiresAt is set."
        )
        test.services.clock.advance(by: 31 * 60)
        transcript.send(test, "GET", "/v2/albums/\(albumId)", headers: auth, note: "31 minutes later: gone (403).")
        transcript.send(
            test, "GET", "/v2/albums/shares/\(aliceId)", headers: auth,
            note: "Listed as not viewable, without numbers or URLs.")
        transcript.send(
            test, "POST", "/v3/pressie-albums/feed/paywall/", headers: auth, note: "The paywall lists it, blurred.")
        try transcript.expect(file: "sharedalbums-view-once")
    }

    @Test func timedSharesStartAtTheFirstViewAndResharingRestartsThem() throws {
        let albumId = try album()
        _ = try upload(albumId, try photo(1))
        for (type, window) in [(#""TEN_MINUTES""#, 600.0), ("3", 3600), (#""ONE_DAY""#, 86_400)] {
            share(albumId, with: bobId, type)
            test.services.clock.advance(by: window * 2)
            #expect(call("GET", "/v2/albums/\(albumId)", as: bob).status == .ok, "the clock starts at the first view")
            #expect(call("GET", "/v3/albums/\(albumId)/view", as: bob).status == .ok)
            let share = try test.services.sharing.share(albumId: albumId, recipientId: bobId)
            #expect(share?.expiresAt.map { $0.timeIntervalSince(share!.firstViewedAt!) } == window)
            // Signed URLs expire 15 minutes after issue (10-second steps), never past the share's end.
            let now = test.services.clock.now().timeIntervalSince1970
            let details = try json(call("GET", "/v2/albums/\(albumId)", as: bob))
            let url = (details["content"] as? [[String: Any]])?.first?["url"] as? String ?? ""
            let expires = Double(url.components(separatedBy: "Expires=").last?.prefix { $0.isNumber } ?? "") ?? 0
            let end = min(now + 900, share!.expiresAt!.timeIntervalSince1970)
            #expect(expires > end - 10 && expires <= end + 1, "15 minutes after issue, or the share's end: \(url)")
            test.services.clock.advance(by: window - 5)
            #expect(call("GET", "/v2/albums/\(albumId)", as: bob).status == .ok)
            #expect(call("GET", "/v3/albums/\(albumId)/view", as: bob).status == .ok, "only ONCE refuses a re-view")
            test.services.clock.advance(by: 10)
            #expect(call("GET", "/v2/albums/\(albumId)", as: bob).status == .forbidden)
        }
        share(albumId, with: bobId, "0")
        test.services.clock.advance(by: 1_000_000)
        #expect(call("GET", "/v3/albums/\(albumId)/view", as: bob).status == .ok)
        let details = try json(call("GET", "/v2/albums/\(albumId)", as: bob))
        #expect(details["albumViewable"] as? Bool == true)
        #expect((details["content"] as? [[String: Any]])?.first?["remainingViews"] as? Int == -1)
    }

    @Test func theSameBytesKeepTheirContentIdEvenAfterDelete() throws {
        let albumId = try album()
        let path = try photo(1)
        let first = try upload(albumId, path)
        let again = try upload(albumId, path)
        #expect(again["contentId"] as? Int64 == first["contentId"] as? Int64)
        #expect(try test.library.mediaCount(ownerId: aliceId, in: .all) == 1)
        let id = first["contentId"] as? Int64 ?? 0
        #expect(call("DELETE", "/v1/albums/\(albumId)/content/\(id)").status == .ok)
        #expect(call("DELETE", "/v1/albums/\(albumId)/content/\(id)").status == .forbidden)
        #expect(try upload(albumId, path)["contentId"] as? Int64 == id)
        // Another uploader's same bytes are theirs, under an id of their own.
        let carols = try album("Carol's")
        let theirs = try json(
            try test.postMultipart(
                "/v1/albums/\(carols)/content", files: [("content", "p.jpg", path)],
                headers: [("Authorization", "Bearer " + carol)]))
        #expect(theirs["contentId"] as? Int64 != id)
    }

    @Test func reorderTakesExactlyAPermutation() throws {
        let albumId = try album()
        let ids = try (1...3).map { try upload(albumId, try photo($0))["contentId"] as? Int64 ?? 0 }
        for bad in [[ids[0], ids[1]], [ids[0], ids[1], ids[1]], ids + [999], [ids[0], ids[1], 999]] {
            let body = #"{"contentIds":\#(bad)}"#
            #expect(call("POST", "/v1/albums/\(albumId)/content/order", body).status == .badRequest, "\(bad)")
        }
        let reversed = Array(ids.reversed())
        #expect(call("POST", "/v1/albums/\(albumId)/content/order", #"{"contentIds":\#(reversed)}"#).status == .ok)
        let content = try json(call("GET", "/v2/albums/\(albumId)"))["content"] as? [[String: Any]] ?? []
        #expect(content.map { $0["contentId"] as? Int64 ?? 0 } == reversed)
        #expect(content.allSatisfy { $0["remainingViews"] == nil }, "the owner sees no remaining views")
    }

    @Test func storageComesFromThePlanWithTheOriginalsQuirk() throws {
        var changes = PlanChanges()
        changes.maxAlbums = 1
        changes.maxFileBytes = 125_829_120
        changes.maxVideoSeconds = 30
        try test.library.createPlan(named: "FreeAlbums", changes)
        try test.library.assignPlan(named: "FreeAlbums", toUser: aliceId)
        let limits = try json(call("GET", "/v1/albums/storage"))
        #expect(limits["subscriptionType"] as? String == "FreeAlbums")
        #expect(limits["maxContentSizeHumanReadable"] as? String == "120.00 MB")
        #expect(limits["maxContentSize"] as? Int == 125_829_120 && limits["maxVideoLength"] as? Int == 30_000)
        #expect(limits["maxShares"] as? Int == -1 && limits["minVideoLength"] as? Int == -1)
        #expect(try json(call("GET", "/v2/albums/storage")).count == limits.count)
        _ = try album()
        let refused = call("POST", "/v2/albums", #"{"albumName":"two"}"#)
        let code = try json(refused)["code"] as? Int
        #expect(refused.status == .paymentRequired && code == 402)
    }

    @Test func shareLimitsAndRefusals() throws {
        var changes = PlanChanges()
        changes.maxShares = 1
        try test.library.createPlan(named: "One share", changes)
        try test.library.assignPlan(named: "One share", toUser: aliceId)
        let albumId = try album()
        share(albumId, with: bobId, "1")
        let second = call(
            "POST", "/v4/albums/\(albumId)/shares", #"{"profiles":[{"profileId":\#(carolId),"expirationType":0}]}"#)
        #expect(second.status == .paymentRequired)
        #expect(try test.services.sharing.share(albumId: albumId, recipientId: carolId) == nil, "nothing half done")
        for body in [
            #"{"profiles":[{"profileId":\#(aliceId),"expirationType":0}]}"#,
            #"{"profiles":[{"profileId":424242,"expirationType":0}]}"#,
            #"{"profiles":[{"profileId":\#(bobId),"expirationType":"SOMETIMES"}]}"#,
            #"{"profiles":[{"profileId":\#(bobId),"expirationType":9}]}"#,
        ] {
            #expect(call("POST", "/v4/albums/\(albumId)/shares", body).status == .badRequest, "\(body)")
        }
        #expect(
            call("POST", "/v4/albums/\(albumId)/shares", #"{"profiles":[]}"#, as: carol).status == .forbidden,
            "only the owner shares")
        #expect(call("PUT", "/v1/albums/\(albumId)/shares/remove", as: bob).status == .forbidden)
        #expect(call("PUT", "/v1/albums/\(albumId)/shares/remove").status == .ok)
        #expect(try json(call("GET", "/v1/albums/\(albumId)/shares"))["profileIds"] as? [Int64] == [])
    }

    @Test func profileInfoAndReadMarks() throws {
        let albumId = try album()
        _ = try upload(albumId, try photo(1))
        share(albumId, with: bobId, "0")
        let info = try json(call("POST", "/v2/albums/shares", #"{"profileId":\#(aliceId)}"#, as: bob))
        #expect(info["hasAlbum"] as? Bool == true && info["hasSharedWithMe"] as? Bool == true)
        let other = try json(call("POST", "/v2/albums/shares", #"{"profileId":\#(carolId)}"#, as: bob))
        #expect(other["hasAlbum"] as? Bool == false && other["hasSharedWithMe"] as? Bool == false)
        func unseen() throws -> Bool? {
            let feed = try json(call("POST", "/v3/pressie-albums/feed", as: bob))
            return (feed["sharedAlbums"] as? [[String: Any]])?.first?["hasUnseenContent"] as? Bool
        }
        #expect(try unseen() == true)
        #expect(call("POST", "/v3/pressie-albums/feed/update/read", #"{"itemId":\#(albumId)}"#, as: bob).status == .ok)
        #expect(try unseen() == false)
        share(albumId, with: bobId, "0")
        #expect(try unseen() == true, "sharing again makes it new")
        #expect(call("PUT", "/v1/albums/red-dot", as: bob).status == .ok)
        #expect(try unseen() == false)
        let blurred = try json(call("POST", "/v3/pressie-albums/feed", #"{"blur":true,"onlyVideo":false}"#, as: bob))
        let cover = ((blurred["sharedAlbums"] as? [[String: Any]])?.first?["coverContent"] as? [String: Any])?[
            "coverContent"]
        #expect((cover as? String)?.contains(".blurred.jpg?") == true)
        let videos = try json(call("POST", "/v3/pressie-albums/feed", #"{"onlyVideo":true}"#, as: bob))
        #expect((videos["sharedAlbums"] as? [Any])?.isEmpty == true)
    }

    /// Details are kept whole between requests (`KeptAnswer`), yet every change shows at once:
    /// a rename straight in SQL (another process), an upload, a view of an item, the end of
    /// the share.
    @Test func keptDetailsFollowEveryChange() throws {
        let albumId = try album()
        let contentId = try upload(albumId, try photo(1))["contentId"] as? Int64 ?? 0
        share(albumId, with: bobId, "1")
        let first = call("GET", "/v2/albums/\(albumId)", as: bob)
        #expect(call("GET", "/v2/albums/\(albumId)", as: bob).body == first.body)
        let other = try AppDatabase(path: test.directory + "/albumen.sqlite")
        try other.write { db in try db.execute(sql: "UPDATE albums SET name = 'Elsewhere'") }
        #expect(try json(call("GET", "/v2/albums/\(albumId)", as: bob))["albumName"] as? String == "Elsewhere")
        _ = try upload(albumId, try photo(2))
        #expect((try json(call("GET", "/v2/albums/\(albumId)", as: bob))["content"] as? [Any])?.count == 2)
        #expect(call("GET", "/v3/albums/\(albumId)/view", as: bob).status == .ok)
        _ = call("POST", "/v1/albums/\(albumId)/view/content/\(contentId)", as: bob)
        let items = try json(call("GET", "/v2/albums/\(albumId)", as: bob))["content"] as? [[String: Any]] ?? []
        #expect(items.first { $0["contentId"] as? Int64 == contentId }?["url"] as? String == "")
        #expect(
            call("PUT", "/v1/albums/\(albumId)/unshares", #"{"profiles":[{"profileId":\#(bobId),"shareId":0}]}"#).status
                == .ok)
        #expect(call("GET", "/v2/albums/\(albumId)", as: bob).status == .forbidden)
    }

    /// The rest of the endpoints as a client sees them (`Transcripts/sharedalbums-more.txt`):
    /// poster, processing, list-by-id, shares and unshares, profile info, a profile's albums,
    /// the feed with its filters, read marks, storage, and the expiring pictures and videos.
    @Test func theOtherEndpointsAsAClientSeesThem() throws {
        let albumId = try album()
        let contentId = try upload(albumId, try photo(1))["contentId"] as? Int64 ?? 0
        var expiring = ImportRequest(ownerId: aliceId, file: try photo(2), originalFilename: "soon.jpg")
        expiring.expiresAt = test.services.clock.now().addingTimeInterval(3600)
        _ = try test.library.importMedia(expiring)
        let owner = [("Authorization", "Bearer " + alice)]
        let json = owner + [("Content-Type", "application/json")]
        let viewer = [("Authorization", "Bearer " + bob)]
        let viewerJSON = viewer + [("Content-Type", "application/json")]
        let transcript = Transcript()
        transcript.send(test, "GET", "/v1/albums/\(albumId)/content/\(contentId)/poster", headers: owner)
        transcript.send(test, "GET", "/v1/albums/\(albumId)/content/\(contentId)/processing", headers: owner)
        transcript.send(
            test, "POST", "/v1/albums/\(albumId)/content/chat/list-by-id?isFresh=true", headers: json,
            body: #"{"ids":[\#(contentId)]}"#)
        transcript.send(
            test, "POST", "/v1/albums/\(albumId)/content/chat/list-by-id", headers: json, body: #"{"ids":[852120758]}"#,
            note: "An id not in the album: 400, as the original answered.")
        transcript.send(
            test, "POST", "/v4/albums/\(albumId)/shares", headers: json,
            body:
                #"{"profiles":[{"profileId":\#(bobId),"expirationType":"ONE_HOUR"},{"profileId":\#(carolId),"expirationType":4}]}"#
        )
        transcript.send(test, "GET", "/v1/albums/\(albumId)/shares", headers: owner)
        transcript.send(
            test, "PUT", "/v1/albums/\(albumId)/unshares", headers: json,
            body: #"{"profiles":[{"profileId":\#(carolId),"shareId":0}]}"#)
        transcript.send(test, "GET", "/v1/albums/\(albumId)/shares", headers: owner)
        transcript.send(test, "POST", "/v2/albums/shares", headers: viewerJSON, body: #"{"profileId":\#(aliceId)}"#)
        transcript.send(test, "GET", "/v2/albums/shares/\(aliceId)", headers: viewer)
        transcript.send(
            test, "POST", "/v3/pressie-albums/feed", headers: viewerJSON, body: #"{"isFavorite":true,"blur":true}"#,
            note: "isFavorite and isOnline mean nothing here; blur gives blurred covers.")
        transcript.send(test, "GET", "/v3/pressie-albums/feed/\(aliceId)", headers: viewer)
        transcript.send(
            test, "POST", "/v3/pressie-albums/feed/update/read", headers: viewerJSON,
            body: #"{"itemId":\#(albumId),"itemType":1,"targetProfileId":\#(aliceId)}"#)
        transcript.send(test, "PUT", "/v1/albums/red-dot", headers: viewer)
        transcript.send(
            test, "POST", "/v3/pressie-albums/feed/paywall/", headers: viewerJSON, body: #"{"counterpartyId":null}"#,
            note: "Nothing shared with bob has run out.")
        transcript.send(test, "GET", "/v1/albums/storage", headers: owner, note: "The default plan: no limits.")
        transcript.send(test, "GET", "/v1/pics/limited/status", headers: owner)
        transcript.send(test, "POST", "/v4/pics/expiring", headers: json, body: #"{"count":5}"#)
        transcript.send(test, "GET", "/v4/pics/expiring/status", headers: owner)
        transcript.send(test, "GET", "/v4/videos/expiring/status", headers: owner)
        transcript.send(
            test, "PUT", "/v1/albums/\(albumId)/shares/remove", headers: viewer, note: "Not the owner: 403.")
        transcript.send(test, "PUT", "/v1/albums/\(albumId)/shares/remove", headers: owner)
        transcript.send(test, "GET", "/v1/albums/\(albumId)/shares", headers: owner)
        try transcript.expect(file: "sharedalbums-more")
    }
}
