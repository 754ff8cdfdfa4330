import AlbumCore
import Foundation
import HTTP
import SiteTestSupport
import Testing

@testable import Site

@Suite struct ServiceTests {
    let test: TestSite
    let key: String
    let token: String

    init() throws {
        test = try TestSite()
        try test.accounts.createUser(username: "alice", password: "correct horse")
        key = try test.accounts.createAccessKey(.apiKey, for: "alice")
        token = try test.accounts.createAccessKey(.token, for: "alice", days: 1)
    }

    @Test func healthzChecksTheDatabase() {
        let response = test.send("GET", "/healthz")
        #expect(response.status == .ok)
        #expect(response.bodyText == #"{"database":"ok","status":"ok"}"#)
    }

    @Test func apiKeyAuthenticatesFromHeaderOrQuery() {
        for response in [
            test.send("GET", "/api/me", headers: [("X-API-Key", key)]),
            test.send("GET", "/api/me", headers: [("x-api-key", key)]),
            test.send("GET", "/api/me?key=\(key)"),
        ] {
            #expect(response.status == .ok, "\(response.transcript)")
            #expect(response.bodyText.contains(#""username":"alice""#))
        }
    }

    @Test func bearerSchemeIsCaseInsensitive() {
        for scheme in ["Bearer", "bearer", "BEARER"] {
            let response = test.send("GET", "/api/me", headers: [("Authorization", "\(scheme) \(token)")])
            #expect(response.status == .ok, "\(scheme): \(response.transcript)")
        }
    }

    @Test func missingOrBadCredentialsAre401InJSON() {
        let cases: [([(String, String)], String)] = [
            ([], "Authentication required."),
            ([("X-API-Key", "alb_k_wrong")], "The credential is not valid."),
            ([("Authorization", "Bearer alb_t_wrong")], "The credential is not valid."),
            ([("Authorization", "Basic YTpi")], "The credential is not valid."),
            ([("Authorization", "Bearer \(key)")], "The credential is not valid."),
        ]
        for (headers, message) in cases {
            let response = test.send("GET", "/api/me", headers: headers)
            #expect(response.status == .unauthorized)
            #expect(response.bodyText == #"{"error":"\#(message)"}"#, "\(headers)")
        }
    }

    @Test func sessionCookiesDoNotOpenKeyRoutes() throws {
        let cookies = try test.signIn("alice", "correct horse")
        #expect(test.send("GET", "/api/me", cookies: cookies).status == .unauthorized)
    }

    @Test func unknownAPIPathsAnswerJSON() {
        let response = test.send("GET", "/api/nothing")
        #expect(response.status == .notFound)
        #expect(response.bodyText == #"{"error":"There is nothing at this address."}"#)
    }

    @Test func debugRoutesExistOnlyWhenEnabled() throws {
        #expect(test.send("GET", "/_debug/sleep?ms=1").status == .notFound)
        let debug = try TestSite(debugRoutes: true)
        #expect(debug.send("GET", "/_debug/sleep?ms=1").bodyText == #"{"slept_ms":1}"#)
    }

    // Each table's own rules for where credentials come from, read by the one credential step.

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

@Suite struct RouteTableTests {
    /// The committed route list is the review surface for every route and its credential.
    @Test func routeListMatchesTheCommittedFile() throws {
        let committed = try String(contentsOfFile: TestSite.repository + "/Tests/SiteTests/routes.txt", encoding: .utf8)
        #expect(try Site.routeList() == committed)
    }
}
