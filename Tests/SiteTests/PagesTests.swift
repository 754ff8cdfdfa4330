import AlbumCore
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

@Suite struct PagesTests {
    let test: TestSite

    init() throws {
        test = try TestSite()
        try test.accounts.createUser(username: "alice", password: "correct horse")
    }

    /// The version in the pages' links to `/static/` follows the files' names and bytes.
    @Test func assetVersionChangesWithThePublicFiles() throws {
        let directory = NSTemporaryDirectory() + "public-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(Views.assetVersion(of: directory) == "0")
        try FileManager.default.createDirectory(atPath: directory + "/js", withIntermediateDirectories: true)
        try Data("one".utf8).write(to: URL(fileURLWithPath: directory + "/js/a.js"))
        let first = Views.assetVersion(of: directory)
        #expect(first.count == 10 && first == Views.assetVersion(of: directory))
        try Data("two".utf8).write(to: URL(fileURLWithPath: directory + "/js/a.js"))
        let second = Views.assetVersion(of: directory)
        #expect(second != first)
        try FileManager.default.moveItem(atPath: directory + "/js/a.js", toPath: directory + "/js/b.js")
        #expect(Views.assetVersion(of: directory) != second)
    }

    @Test func signedOutVisitorsAreSentToTheLoginForm() throws {
        let response = test.send("GET", "/")
        #expect(response.status == .found, "\(response.transcript)")
        #expect(response.headers["Location"] == "/login")
        let deep = test.send("GET", "/settings?tab=keys")
        #expect(deep.status == .found)
        #expect(deep.headers["Location"]?.hasPrefix("/login?next=%2Fsettings%3Ftab%3Dkeys") == true)
        #expect(test.send("GET", "/no/such/page").status == .notFound)  // a 404 page, not a login loop
    }

    @Test func loginFormCarriesADoubleSubmitToken() throws {
        let response = test.send("GET", "/login?next=/album/x.1")
        #expect(response.status == .ok)
        let token = try TestSite.cookie(response, "albumen_form")
        // The field carries the cookie's token masked afresh (BREACH), never the token itself.
        let field = try TestSite.csrfToken(in: response)
        #expect(field != token && field.count > 43)
        #expect(try TestSite.csrfToken(in: test.send("GET", "/login")) != field)
        #expect(response.bodyText.contains(#"name="next" value="/album/x.1""#))
        #expect(response.headers["Content-Security-Policy"]?.contains("script-src 'self'") == true)
        let setCookie = response.headers.values("Set-Cookie").first ?? ""
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && !setCookie.contains("Secure"))
    }

    @Test func signingInSetsASessionCookieAndShowsTheLibrary() throws {
        let cookies = try test.signIn("alice", "correct horse")
        let library = test.send("GET", "/", cookies: cookies)
        #expect(library.status == .ok, "\(library.transcript)")
        #expect(library.bodyText.contains("Your library is empty."))
        #expect(library.bodyText.contains("alice"))
    }

    @Test func sessionCookieIsSecureOverHTTPS() throws {
        let form = test.send("GET", "/login")
        let token = try TestSite.cookie(form, "albumen_form")
        var request = Request(
            method: "POST", target: "/login",
            headers: Headers([
                ("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", "albumen_form=\(token)"),
            ]),
            body: .bytes(Array("_csrf=\(token)&username=alice&password=correct+horse".utf8)))
        request.isSecure = true
        let response = test.site.respond(request)
        let cookie = response.headers.values("Set-Cookie").first { $0.hasPrefix("albumen_session=") } ?? ""
        #expect(
            cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "\(cookie)")
    }

    @Test func wrongPasswordAndUnknownUserSayTheSameWords() throws {
        let form = test.send("GET", "/login")
        let token = try TestSite.cookie(form, "albumen_form")
        let wrong = test.postForm(
            "/login", [("_csrf", token), ("username", "alice"), ("password", "nope")], cookies: ["albumen_form": token])
        let unknown = test.postForm(
            "/login", [("_csrf", token), ("username", "mallory"), ("password", "nope")],
            cookies: ["albumen_form": token])
        #expect(wrong.status == .unauthorized)
        #expect(unknown.status == .unauthorized)
        #expect(wrong.bodyText.contains("Invalid username or password."))
        #expect(unknown.bodyText.contains("Invalid username or password."))
        #expect(wrong.headers.values("Set-Cookie").allSatisfy { !$0.hasPrefix("albumen_session=") })
    }

    @Test func loginWithoutTheFormTokenIs403() throws {
        let response = test.postForm("/login", [("username", "alice"), ("password", "correct horse")])
        #expect(response.status == .forbidden)
        #expect(response.bodyText.contains("did not come from this site"))
    }

    @Test func logoutNeedsTheCSRFTokenAndEndsTheSession() throws {
        let cookies = try test.signIn("alice", "correct horse")
        #expect(test.postForm("/logout", [], cookies: cookies).status == .forbidden)
        #expect(test.postForm("/logout", [("_csrf", "forged")], cookies: cookies).status == .forbidden)
        let token = try TestSite.csrfToken(in: test.send("GET", "/", cookies: cookies))
        let out = test.postForm("/logout", [("_csrf", token)], cookies: cookies)
        #expect(out.status == .seeOther)
        #expect(out.headers["Location"] == "/login")
        #expect(
            out.headers.values("Set-Cookie").contains { $0.hasPrefix("albumen_session=;") && $0.contains("Max-Age=0") })
        #expect(test.send("GET", "/", cookies: cookies).status == .found)
    }

    @Test func crossSiteFormPostsAreRefusedEvenWithTheToken() throws {
        let cookies = try test.signIn("alice", "correct horse")
        let token = try TestSite.csrfToken(in: test.send("GET", "/", cookies: cookies))
        let crossSite: [(String, String)] = [
            ("Origin", "https://evil.example"),
            ("Origin", "http://albumen.test:8081"),  // same host, another port: another origin
            ("Sec-Fetch-Site", "same-site"),
            ("Sec-Fetch-Site", "cross-site"),
        ]
        for header in crossSite {
            let response = test.send(
                "POST", "/logout", headers: [("Content-Type", "application/x-www-form-urlencoded"), header],
                body: "_csrf=\(token)", cookies: cookies)
            #expect(response.status == .forbidden, "\(header)")
        }
        // Still signed in: none of those posts got through.
        #expect(test.send("GET", "/", cookies: cookies).status == .ok)
    }

    @Test func loginRedirectsOnlyToLocalPaths() throws {
        let form = test.send("GET", "/login")
        let token = try TestSite.cookie(form, "albumen_form")
        let hostile = [
            "//evil.example/", "https://evil.example", "/\t/evil.example", "/\n/evil.example", "/\r/evil.example",
            "/\u{0}", "/\\evil.example", "/ /evil.example", "/\u{2028}/evil.example", "/\u{200B}/evil.example",
            "evil.example",
        ]
        for (next, expected) in [("/album/a.1", "/album/a.1")] + hostile.map({ ($0, "/") }) {
            let response = test.postForm(
                "/login", [("_csrf", token), ("username", "alice"), ("password", "correct horse"), ("next", next)],
                cookies: ["albumen_form": token])
            #expect(response.headers["Location"] == expected, "next=\(next)")
        }
        // Signed in already: `GET /login?next=…` redirects at once, through the same check.
        let cookies = try test.signIn("alice", "correct horse")
        for next in ["/%09/evil.example", "/%0a/evil.example", "/%0d/evil.example", "/%00", "/%5Cevil.example"] {
            let response = test.send("GET", "/login?next=" + next, cookies: cookies)
            #expect(response.headers["Location"] == "/", "next=\(next)")
        }
    }

    @Test func errorPagesAreHTMLAndEscapeWhatTheyEcho() throws {
        let missing = test.send("GET", "/no/such/<script>")
        #expect(missing.status == .notFound)
        #expect(missing.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(missing.bodyText.contains("404"))
        #expect(!missing.bodyText.contains("<script>"))
        let method = test.send("DELETE", "/login")
        #expect(method.status == .methodNotAllowed)
        #expect(method.headers["Allow"] == "GET, HEAD, POST")
        let badEncoding = test.send("GET", "/%zz")
        #expect(badEncoding.status == .badRequest)
        let badQuery = test.send("GET", "/login?next=%zz")
        #expect(badQuery.status == .badRequest)
    }

    @Test func malformedMultipartFormsAre400() throws {
        let response = test.send(
            "POST", "/login", headers: [("Content-Type", "multipart/form-data; boundary=B")],
            body: "--B\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nx")
        #expect(response.status == .badRequest, "\(response.transcript)")
        #expect(response.bodyText.contains("final boundary"))
    }

    @Test func bodiesTheTransportRefusedAnswerInTheRoutesFormat() throws {
        var request = Request(method: "POST", target: "/login")
        request.transportError = HTTPError(.payloadTooLarge, "The request body is larger than 10 bytes.")
        let page = test.site.respond(request)
        #expect(page.status == .payloadTooLarge)
        #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
        var api = Request(method: "GET", target: "/api/me")
        api.transportError = HTTPError(.payloadTooLarge, "too large")
        #expect(test.site.respond(api).bodyText == #"{"error":"too large"}"#)
    }
}

extension PagesTests {
    /// What browsers send with a same-origin form post: a modern one Origin and Sec-Fetch-Site,
    /// an older one Origin alone — which must be compared with the public origin, not the Host
    /// (Debian's nginx passes Host without the port).
    @Test func aBrowsersSameOriginFormPostIsAccepted() throws {
        let form = test.send("GET", "/login")
        let token = try TestSite.cookie(form, "albumen_form")
        let browsers: [[(String, String)]] = [
            [("Origin", "http://albumen.test"), ("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "navigate")],
            [("Origin", "http://albumen.test")],
        ]
        for headers in browsers {
            let response = test.send(
                "POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
                body: "_csrf=\(token)&username=alice&password=correct+horse", cookies: ["albumen_form": token])
            #expect(response.status == .seeOther, "\(headers): \(response.transcript)")
        }
    }
}

/// Every form that POSTs carries the CSRF partial. The exceptions post to capability URLs (a
/// delete link's secret is its permission, an album link's secret its door, so a cross-site
/// page could not forge either without already holding the power it would gain; a link's
/// visitor has no session to bind a token to).
@Suite struct FormTokenTests {
    static let capabilityForms: Set<String> = ["pages/delete.mustache", "pages/link-password.mustache"]

    @Test func everyPostFormCarriesTheCSRFPartial() throws {
        let root = TestSite.repository + "/Templates"
        let partial = try String(contentsOfFile: root + "/partials/csrf.mustache", encoding: .utf8)
        #expect(partial.contains(#"name="_csrf" value="{{{csrf}}}""#))
        var checked = 0
        let files = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        for file in files where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            var rest = Substring(text)
            while let open = rest.range(of: "<form", options: .caseInsensitive) {
                let form = rest[open.lowerBound...]
                let end = form.range(of: "</form>", options: .caseInsensitive)?.upperBound ?? form.endIndex
                let tag = form.prefix { $0 != ">" }.lowercased()
                if tag.contains(#"method="post""#), !Self.capabilityForms.contains(file) {
                    #expect(form[..<end].contains("{{> partials/csrf}}"), "a POST form without a token in \(file)")
                    checked += 1
                }
                rest = form[end...]
            }
        }
        #expect(checked >= 15)
    }
}
