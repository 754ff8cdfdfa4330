import AlbumCore
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

/// `/settings/api`: keys and tokens shown once, listed, revoked; the ShareX uploader file.
@Suite struct SettingsAPITests {
    let test: TestSite
    let cookies: [String: String]

    init() throws {
        test = try TestSite()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        try test.accounts.createUser(username: "bob", password: "correct horse")
        cookies = try test.signIn("alice", "correct horse")
    }

    func csrf() throws -> String { try TestSite.csrfToken(in: test.send("GET", "/settings/api", cookies: cookies)) }

    func secret(in page: Response) throws -> String {
        let html = page.bodyText
        guard let range = html.range(of: #"id="new-secret">([^<]+)<"#, options: .regularExpression) else {
            throw TestFailure("no new secret in \(page.transcript)")
        }
        return String(html[range].dropFirst(#"id="new-secret">"#.count).dropLast())
    }

    /// Creates through the form: redirect-after-post, then the page that shows the secret once.
    func create(_ name: String, _ kind: String) throws -> Response {
        let posted = test.postForm(
            "/settings/api/keys", [("_csrf", try csrf()), ("name", name), ("kind", kind)], cookies: cookies)
        #expect(posted.status == .seeOther && posted.headers["Location"] == "/settings/api#created")
        return test.send("GET", "/settings/api", cookies: cookies)
    }

    @Test func aKeyIsShownOnceListedUsableAndRevocable() throws {
        let created = try create("ShareX <laptop>", "api_key")
        #expect(created.status == .ok, "\(created.transcript)")
        #expect(created.headers["Cache-Control"] == "no-store")
        let key = try secret(in: created)
        #expect(key.hasPrefix("alb_k_"))
        #expect(created.bodyText.contains("ShareX &lt;laptop&gt;"))
        #expect(test.send("GET", "/api/me", headers: [("X-API-Key", key)]).status == .ok)

        // A reload shows the list: no second key, and the secret is not shown again.
        let list = test.send("GET", "/settings/api", cookies: cookies)
        #expect(list.bodyText.contains(String(key.prefix(10))) && !list.bodyText.contains(key))
        #expect(!list.bodyText.contains("new-secret"))
        let aliceId = try #require(test.accounts.user(named: "alice")?.id)
        #expect(try test.accounts.accessKeys(.apiKey, userId: aliceId).count == 1)
        // Revoking is the dangerous action and asks first.
        #expect(list.bodyText.contains(#"class="danger" data-confirm="Revoke the key ShareX &lt;laptop&gt;?"#))

        let stored = try test.accounts.accessKeys(.apiKey, userId: try #require(test.accounts.user(named: "alice")?.id))
        let revoke = "/settings/api/keys/\(try #require(stored.first?.id))/revoke"
        // Not Bob's to revoke, and never without the form's token.
        let bob = try test.signIn("bob", "correct horse")
        let bobToken = try TestSite.csrfToken(in: test.send("GET", "/settings/api", cookies: bob))
        #expect(test.postForm(revoke, [("_csrf", bobToken), ("kind", "api_key")], cookies: bob).status == .notFound)
        #expect(test.postForm(revoke, [("kind", "api_key")], cookies: cookies).status == .forbidden)
        #expect(test.send("GET", "/api/me", headers: [("X-API-Key", key)]).status == .ok)
        let revoked = test.postForm(revoke, [("_csrf", try csrf()), ("kind", "api_key")], cookies: cookies)
        #expect(revoked.status == .seeOther)
        #expect(test.send("GET", "/api/me", headers: [("X-API-Key", key)]).status == .unauthorized)
    }

    @Test func tokensToo() throws {
        let created = try create("cli", "token")
        let token = try secret(in: created)
        #expect(token.hasPrefix("alb_t_"))
        #expect(test.send("GET", "/api/me", headers: [("Authorization", "Bearer \(token)")]).status == .ok)
    }

    @Test func theShareXUploaderNamesThisServerAndTheKey() throws {
        let created = try create("sx", "api_key")
        let key = try secret(in: created)
        let file = test.postForm("/settings/api/sharex", [("_csrf", try csrf()), ("key", key)], cookies: cookies)
        #expect(file.status == .ok, "\(file.transcript)")
        #expect(file.headers["Content-Disposition"]?.contains(".sxcu") == true)
        let uploader = try JSONSerialization.jsonObject(with: Data(file.body)) as? [String: Any] ?? [:]
        #expect(uploader["RequestURL"] as? String == "http://albumen.test/api/1/upload")
        #expect((uploader["Headers"] as? [String: String])?["X-API-Key"] == key)
        #expect(uploader["FileFormName"] as? String == "source")
        #expect(uploader["URL"] as? String == "{json:image.url}")
        // Another user's key is not made into a file for Alice.
        let bobKey = try test.accounts.createAccessKey(.apiKey, for: "bob")
        let refused = test.postForm("/settings/api/sharex", [("_csrf", try csrf()), ("key", bobKey)], cookies: cookies)
        #expect(refused.status == .badRequest)
    }
}
