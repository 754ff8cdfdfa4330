import HTTP
import Testing

@Suite struct ParsingTests {
    @Test func queryStringsDecodePlusAndPercent() throws {
        let query = try Parameters(urlEncoded: "q=red+fox&tag=a%26b&tag=c&empty=&flag")
        #expect(query["q"] == "red fox")
        #expect(query.all("tag") == ["a&b", "c"])
        #expect(query["empty"] == "")
        #expect(query["flag"] == "")
        #expect(query["missing"] == nil)
    }

    @Test func utf8IsDecoded() throws {
        #expect(try Parameters(urlEncoded: "name=%C3%A9t%C3%A9")["name"] == "été")
    }

    @Test(arguments: ["a=%zz", "a=%4", "a=%", "%G0=1", "a=%C3%28"])
    func badPercentEncodingIsA400(_ text: String) {
        #expect(throws: HTTPError(.badRequest, "The request has malformed percent-encoding.")) {
            try Parameters(urlEncoded: text)
        }
    }

    @Test func parameterFloodsAreRefused() {
        let flood = (0...Parameters.maximumCount).map { "p\($0)=1" }.joined(separator: "&")
        #expect(throws: HTTPError.self) { try Parameters(urlEncoded: flood) }
    }

    @Test func formsRoundTrip() throws {
        let form = Parameters([("a b", "c&d=e"), ("ü", "+")])
        let parsed = try Parameters(urlEncoded: form.urlEncoded)
        #expect(parsed["a b"] == "c&d=e")
        #expect(parsed["ü"] == "+")
    }

    @Test func cookiesParseAcrossHeadersAndKeepTheFirst() {
        let cookies = Cookies.parse(["a=1; b=\"two\"; junk", "a=3;c= spaced "])
        #expect(cookies == ["a": "1", "b": "two", "c": "spaced"])
        #expect(Cookies.values(named: "a", in: ["a=1; b=\"two\"; junk", "a=3;c= spaced "]) == ["1", "3"])
        #expect(Cookies.values(named: "z", in: ["a=1"]).isEmpty)
    }

    @Test func setCookieCarriesItsFlags() {
        var cookie = SetCookie(name: "s", value: "v", maxAge: 60, secure: true)
        #expect(cookie.headerValue == "s=v; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Lax")
        cookie.secure = false
        #expect(!cookie.headerValue.contains("Secure"))
        #expect(SetCookie.expired("s", secure: false).headerValue.contains("Max-Age=0"))
    }

    @Test func headerValuesWithQuotedParameters() {
        let value = HeaderValue(#"form-data; name="file"; filename="a;b \"c\".jpg""#)
        #expect(value.value == "form-data")
        #expect(value.parameters["name"] == "file")
        #expect(value.parameters["filename"] == #"a;b "c".jpg"#)
    }

    @Test func pathSegmentsRefuseBadEncoding() {
        #expect(throws: HTTPError.self) { try Request(method: "GET", target: "/a/%zz").pathSegments() }
        #expect(throws: HTTPError.self) { try Request(method: "GET", target: "*").pathSegments() }
    }

    @Test func requestTargetSplitsAtTheFirstQuestionMark() {
        let request = Request(method: "get", target: "/p?a=1?b")
        #expect(request.method == "GET")
        #expect(request.rawPath == "/p")
        #expect(request.queryString == "a=1?b")
    }
}

@Suite struct NegotiationTests {
    let offers = ["application/json", "application/xml"]

    @Test func missingAcceptTakesTheFirstOffer() {
        #expect(Negotiation.preferred(nil, among: offers) == "application/json")
        #expect(Negotiation.preferred("", among: offers) == "application/json")
    }

    @Test func qualityDecides() {
        #expect(Negotiation.preferred("application/json;q=0.5, application/xml", among: offers) == "application/xml")
        #expect(
            Negotiation.preferred("text/xml, application/*;q=0.2, application/xml;q=0.9", among: offers)
                == "application/xml")
    }

    @Test func specificRangesOverrideWildcards() {
        #expect(Negotiation.preferred("*/*, application/json;q=0", among: offers) == "application/xml")
        #expect(Negotiation.preferred("application/*", among: offers) == "application/json")
    }

    @Test func nothingAcceptableIsNil() {
        #expect(Negotiation.preferred("text/html", among: offers) == nil)
        #expect(Negotiation.preferred("application/xml;q=0, application/json;q=0", among: offers) == nil)
    }
}

@Suite struct HeadersTests {
    @Test func namesCompareCaseInsensitivelyInASCIIOnly() {
        var headers = Headers([("Content-Type", "a"), ("set-cookie", "1"), ("Set-Cookie", "2")])
        #expect(headers["content-type"] == "a")
        #expect(headers["CONTENT-TYPE"] == "a")
        #expect(headers.values("SET-COOKIE") == ["1", "2"])
        #expect(!Headers.sameName("a-b", "a_b"))  // '-' and '_' differ by 0x20 but are not letters
        #expect(!Headers.sameName("x@", "x`"))
        headers.remove("SET-cookie")
        #expect(headers.count == 1)
    }
}
