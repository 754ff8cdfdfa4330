import AlbumCore
import Foundation
import HTTP
import SiteTestSupport
import Testing

@testable import Site

/// What an attacker tried (issue 17's list), each pinned through the production pipeline.
@Suite struct SecurityTests {
    let test: TestSite
    let media: GeneratedMedia
    let photo: String

    init() throws {
        test = try TestSite { $0.maxUpload = 8 << 20 }
        media = try GeneratedMedia()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        try test.accounts.createUser(username: "bob", password: "correct horse")
        photo = try media.image("photo.jpg", width: 800, height: 600)
    }

    func upload(as username: String, _ fields: [(String, String)] = []) throws -> [String: Any] {
        let key = try test.accounts.createAccessKey(.apiKey, for: username)
        let response = try test.postMultipart(
            "/api/1/upload", fields: fields, files: [("source", "photo.jpg", photo)], headers: [("X-API-Key", key)])
        #expect(response.status == .ok, "\(response.transcript)")
        let body = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return body?["image"] as? [String: Any] ?? [:]
    }

    func local(_ url: Any?) -> String { String((url as? String ?? "").dropFirst("http://albumen.test".count)) }

    /// The newest item deleted, the next upload (somebody else's) must not inherit its code.
    @Test func aDeletedItemsCodeNeverOpensTheNextUpload() throws {
        let first = try upload(as: "alice")
        let short = local(first["url_short"])
        #expect(test.send("GET", short).status == .found)
        #expect(test.send("POST", local(first["delete_url"])).status == .seeOther)
        let second = try upload(as: "bob")
        #expect(second["id_encoded"] as? String != first["id_encoded"] as? String)
        let again = test.send("GET", short)
        #expect(again.status == .notFound, "\(again.transcript)")
        #expect(test.send("GET", local(first["url_viewer"])).status == .notFound)
    }

    /// Only widths made at upload and a small standard set are served from a public link;
    /// any other width is a 404 and makes no file.
    @Test func linksServeOnlyWidthsMadeAtUploadOrStandard() throws {
        let image = try upload(as: "alice", [("width", "400")])
        let made = local(image["url"])
        #expect(made.hasSuffix(".w400.jpg"))
        #expect(test.send("GET", made).status == .ok)
        let base = String(made.dropLast("w400.jpg".count))
        for width in [401, 16, 4096, 333] {
            #expect(test.send("GET", base + "w\(width).jpg").status == .notFound, "w\(width)")
        }
        #expect(test.send("GET", base + "w640.jpg").status == .ok)
        let files = FileManager.default.enumerator(atPath: test.directory + "/blobs")?.allObjects as? [String] ?? []
        let widths = files.filter { $0.contains(".w") }.map { String($0.split(separator: ".").dropLast().last ?? "") }
        #expect(Set(widths) == ["w400", "w640"])
    }

    /// A disabled account's permanent links and viewer pages go offline with it.
    @Test func aDisabledAccountsLinksGoOffline() throws {
        let image = try upload(as: "alice")
        let link = local(image["url"])
        let viewer = image["path_viewer"] as? String ?? ""
        #expect(test.send("GET", link).status == .ok)
        #expect(test.send("GET", viewer).status == .ok)
        let alice = try #require(try test.accounts.user(named: "alice"))
        try test.accounts.updateUser(id: alice.id!, role: .user, planId: nil, disabled: true)
        #expect(test.send("GET", link).status == .notFound)
        #expect(test.send("GET", viewer).status == .notFound)
        #expect(test.send("GET", local(image["url_short"])).status == .notFound)
        try test.accounts.updateUser(id: alice.id!, role: .user, planId: nil, disabled: false)
        #expect(test.send("GET", link).status == .ok)
    }

    /// JSON answers carry signed, expiring URLs: no cache may keep them.
    @Test func jsonAnswersAreNotStored() throws {
        let token = try test.accounts.createAccessKey(.token, for: "alice")
        _ = try upload(as: "alice")
        let listing = test.send("GET", "/api/media", headers: [("Authorization", "Bearer " + token)])
        #expect(listing.status == .ok)
        #expect(listing.headers["Cache-Control"] == "no-store")
        let cookies = try test.signIn("alice", "correct horse")
        let photos = test.send("GET", "/api/photos", cookies: cookies)
        #expect(photos.status == .ok && photos.headers["Cache-Control"] == "no-store")
        let refused = test.send("GET", "/api/media")
        #expect(refused.status == .unauthorized && refused.headers["Cache-Control"] == "no-store")
    }

    /// A stale session cookie (set for a parent domain, say) sent first must not hide the live one.
    @Test func everySessionCookieIsTried() throws {
        let live = try test.signIn("alice", "correct horse")["albumen_session"] ?? ""
        let response = test.send(
            "GET", "/", headers: [("Cookie", "albumen_session=stale-one; albumen_session=\(live)")])
        #expect(response.status == .ok, "\(response.transcript)")
    }

    /// Behind a proxy that ends TLS, nginx speaks HTTP; the public address says HTTPS.
    @Test func cookiesAreSecureWhenThePublicAddressIsHTTPS() throws {
        let secure = try TestSite { $0.baseURL = "https://photos.example" }
        try secure.accounts.createUser(username: "carol", password: "correct horse")
        let form = secure.send("GET", "/login")
        #expect(form.headers.values("Set-Cookie").allSatisfy { $0.contains("; Secure") })
        let token = try TestSite.cookie(form, "albumen_form")
        let signedIn = secure.postForm(
            "/login", [("_csrf", token), ("username", "carol"), ("password", "correct horse")],
            cookies: ["albumen_form": token])
        let set = signedIn.headers.values("Set-Cookie")
        #expect(set.count == 2 && set.allSatisfy { $0.contains("; Secure") }, "\(signedIn.transcript)")
        #expect(test.send("GET", "/login").headers.values("Set-Cookie").allSatisfy { !$0.contains("Secure") })
    }

    /// Guessing at an account from one address slows that pair only; the browser that signed
    /// in before (its device cookie) still gets in, and so does everyone at another address.
    @Test func failedSignInsDoNotLockTheOwnerOut() throws {
        let first = test.send("GET", "/login")
        let token = try TestSite.cookie(first, "albumen_form")
        func signIn(_ password: String, device: String? = nil) -> Response {
            var cookies = ["albumen_form": token]
            cookies["albumen_device"] = device
            return test.postForm(
                "/login", [("_csrf", token), ("username", "alice"), ("password", password)], cookies: cookies)
        }
        let good = signIn("correct horse")
        #expect(good.status == .seeOther)
        let device = try TestSite.cookie(good, "albumen_device")
        #expect(
            good.headers.values("Set-Cookie").contains { $0.hasPrefix("albumen_device=") && $0.contains("Path=/login") }
        )
        for _ in 0..<5 { #expect(signIn("guess").status == .unauthorized) }
        let refused = signIn("correct horse")
        #expect(refused.status == .tooManyRequests, "\(refused.transcript)")
        #expect(Int(refused.headers["Retry-After"] ?? "") ?? 0 > 0)
        #expect(refused.bodyText.contains("Too many failed sign-in attempts"))
        // A device cookie made for another account, or forged, counts for nothing.
        #expect(signIn("correct horse", device: device + "x").status == .tooManyRequests)
        #expect(signIn("correct horse", device: device).status == .seeOther)
    }

    /// `ALBUMEN_RATE_LIMIT`: past its allowance a credential gets 429 with `Retry-After`, in
    /// each dialect's own format; another credential, or another person, is not held up.
    @Test func rateLimitsAnswer429InEachDialectsFormat() throws {
        let limited = try TestSite { $0.rateLimit = 3 }
        try limited.accounts.createUser(username: "alice", password: "correct horse")
        try limited.accounts.createUser(username: "bob", password: "correct horse")
        let alice = try limited.signIn("alice", "correct horse")
        let bob = try limited.signIn("bob", "correct horse")
        for _ in 0..<3 { #expect(limited.send("GET", "/api/albums", cookies: alice).status == .ok) }
        let webAPI = limited.send("GET", "/api/albums", cookies: alice)
        #expect(webAPI.status == .tooManyRequests && webAPI.bodyText == #"{"error":"Demasiadas solicitudes"}"#)
        #expect(Int(webAPI.headers["Retry-After"] ?? "") ?? 0 >= 1)
        // The same session on a page: the error page, 429.
        let page = limited.send("GET", "/", cookies: alice)
        #expect(page.status == .tooManyRequests && page.bodyText.contains("Too many requests"))
        #expect(limited.send("GET", "/api/albums", cookies: bob).status == .ok)

        let key = try limited.accounts.createAccessKey(.apiKey, for: "alice")
        for _ in 0..<3 {
            #expect(limited.send("POST", "/api/1/upload", headers: [("X-API-Key", key)]).status == .badRequest)
        }
        let chevereto = limited.send("POST", "/api/1/upload", headers: [("X-API-Key", key)])
        #expect(chevereto.status == .tooManyRequests, "\(chevereto.transcript)")
        #expect(chevereto.bodyText.hasPrefix(#"{"error":{"code":429,"message":"Too many requests. Try again in "#))
        #expect(chevereto.bodyText.hasSuffix(#","status_code":429,"status_txt":"Too Many Requests"}"#))
        #expect(chevereto.headers["Retry-After"] != nil)
    }

    /// `ALBUMEN_UPLOADS_PER_USER`: while a user has that many uploads in progress, the next one
    /// is refused with 429 in its dialect's format (and leaves nothing behind); others upload.
    @Test func aUserWithUploadsInProgressWaitsForOne() throws {
        let capped = try TestSite { $0.uploadsPerUser = 1 }
        let alice = try capped.accounts.createUser(username: "alice", password: "correct horse")
        try capped.accounts.createUser(username: "bob", password: "correct horse")
        let aliceKey = try capped.accounts.createAccessKey(.apiKey, for: "alice")
        let bobKey = try capped.accounts.createAccessKey(.apiKey, for: "bob")
        func upload(_ key: String) throws -> Response {
            try capped.postMultipart(
                "/api/1/upload", files: [("source", "photo.jpg", photo)], headers: [("X-API-Key", key)])
        }
        try capped.site.uploadSlots.holding(alice.id!) {
            let refused = try upload(aliceKey)
            #expect(refused.status == .tooManyRequests, "\(refused.transcript)")
            #expect(refused.headers["Retry-After"] == "5")
            #expect(
                refused.bodyText.hasPrefix(
                    #"{"error":{"code":429,"message":"Too many uploads at once (at most 1 in progress). Try again when"#
                ))
            #expect(try upload(bobKey).status == .ok)
            // Reading is not uploading.
            #expect(capped.send("GET", "/api/media", headers: [("X-API-Key", aliceKey)]).status == .ok)
        }
        #expect(try upload(aliceKey).status == .ok)
        let left = try FileManager.default.contentsOfDirectory(atPath: capped.directory + "/tmp")
        #expect(left.isEmpty, "\(left)")
    }

    @Test func uploadSlotsAreCountedPerUserAndGivenBack() throws {
        let slots = UploadSlots(perUser: 2)
        try slots.holding(1) {
            try slots.holding(1) {
                #expect(throws: RateLimited.self) { try slots.holding(1) {} }
                try slots.holding(2) {}
            }
            try slots.holding(1) {}
        }
        #expect(throws: CancellationError.self) { try slots.holding(1) { throw CancellationError() } }
        try slots.holding(1) { try slots.holding(1) {} }  // a throwing body gave its slot back
        try UploadSlots(perUser: 0).holding(1) { try UploadSlots(perUser: 0).holding(1) {} }
    }

    @Test func aRateLimitRefillsAtItsPace() {
        let limiter = RateLimiter(perMinute: 60)
        let start = Date()
        for _ in 0..<60 { #expect(limiter.take("k", now: start) == nil) }
        #expect(limiter.take("k", now: start) == 1)
        #expect(limiter.take("other", now: start) == nil)
        #expect(limiter.take("k", now: start.addingTimeInterval(1.01)) == nil)
        #expect(limiter.take("k", now: start.addingTimeInterval(1.02)) != nil)
        #expect(RateLimiter(perMinute: 0).take("k") == nil)
    }
}
