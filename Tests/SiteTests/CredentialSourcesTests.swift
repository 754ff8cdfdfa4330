import AlbumCore
import HTTP
import TestSupport
import Testing

@testable import Site

/// Each table's own rules for where credentials come from, read by the one credential step.
@Suite struct CredentialSourcesTests {
    let test: TestSite
    let key: String
    let token: String

    init() throws {
        test = try TestSite()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        key = try test.accounts.createAccessKey(.apiKey, for: "alice")
        token = try test.accounts.createAccessKey(.token, for: "alice", days: 1)
    }

    func user(
        _ credential: Credential, _ sources: CredentialSources, target: String = "/x", headers: [(String, String)] = []
    ) throws -> String? {
        let context = Context(
            site: test.site, request: Request(method: "GET", target: target, headers: Headers(headers)), parameters: [:]
        )
        context.query = try Parameters(urlEncoded: context.request.queryString)
        try Authentication.authenticate(context, credential, from: sources)
        return context.user?.username
    }

    @Test func anAPIKeyIsLookedForOnlyWhereTheTableSays() throws {
        let headerOnly = CredentialSources(apiKey: [.header("x-api-key")])
        #expect(try user(.apiKey, headerOnly, headers: [("X-API-Key", key)]) == "alice")
        #expect(throws: AuthFailure.missing) { try user(.apiKey, headerOnly, target: "/x?key=\(key)") }
        let anywhere = CredentialSources(apiKey: [.header("X-API-Key"), .query("key")])
        #expect(try user(.apiKey, anywhere, target: "/x?key=\(key)") == "alice")
        #expect(throws: AuthFailure.invalid) { try user(.apiKey, anywhere, target: "/x?key=wrong") }
    }

    @Test func aBearerTokenComesWithTheSchemesTheTableAccepts() throws {
        let original = CredentialSources(bearerSchemes: ["Bearer", "Grindr3"])
        #expect(try user(.bearer, original, headers: [("Authorization", "Grindr3 \(token)")]) == "alice")
        #expect(try user(.bearer, original, headers: [("Authorization", "bearer \(token)")]) == "alice")
        #expect(throws: AuthFailure.invalid) {
            try user(.bearer, .standard, headers: [("Authorization", "Grindr3 \(token)")])
        }
        #expect(throws: AuthFailure.missing) { try user(.bearer, original) }
    }
}
