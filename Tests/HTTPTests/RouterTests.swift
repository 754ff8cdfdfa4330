import HTTP
import Testing

@Suite struct RouterTests {
    func router() throws -> Router<String> {
        var router = Router<String>()
        try router.add("GET", "/album/:id", "album")
        try router.add("GET", "/album/new", "new-album")
        try router.add("DELETE", "/album/:id", "delete-album")
        try router.add("GET", "/album/new/:x/edit", "edit")
        try router.add("GET", "/album/:id/photos", "photos")
        try router.add("POST", "/api/1/upload", trailingSlash: .optional, "upload")
        try router.add("GET", "/", "home")
        return router
    }

    func match(_ router: Router<String>, _ method: String, _ path: String) throws -> (String, [String: String])? {
        let request = Request(method: method, target: path)
        if case .found(let value, let parameters) = router.match(method: method, segments: try request.pathSegments()) {
            return (value, parameters)
        }
        return nil
    }

    @Test func literalSegmentsBeatParameters() throws {
        let router = try router()
        #expect(try match(router, "GET", "/album/new")?.0 == "new-album")
        #expect(try match(router, "GET", "/album/42")?.0 == "album")
        #expect(try match(router, "GET", "/album/42")?.1 == ["id": "42"])
    }

    @Test func backtracksFromALiteralThatLeadsNowhere() throws {
        // "/album/new/photos": the literal "new" has no "photos" child, so the parameter matches.
        #expect(try match(try router(), "GET", "/album/new/photos")?.1 == ["id": "new"])
    }

    @Test func parametersAreDecodedSegments() throws {
        #expect(try match(try router(), "GET", "/album/a%2Fb")?.1 == ["id": "a/b"])
    }

    @Test func rootAndUnknownPaths() throws {
        let router = try router()
        #expect(try match(router, "GET", "/")?.0 == "home")
        let request = Request(method: "GET", target: "/nothing/here")
        guard case .notFound = router.match(method: "GET", segments: try request.pathSegments()) else {
            Issue.record("expected notFound")
            return
        }
    }

    @Test func wrongMethodListsTheAllowedOnes() throws {
        let request = Request(method: "PUT", target: "/album/7")
        guard
            case .methodNotAllowed(let allowed) = try router().match(
                method: "PUT", segments: try request.pathSegments())
        else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed == ["DELETE", "GET", "HEAD"])
    }

    @Test func headFallsBackToGet() throws {
        #expect(try match(try router(), "HEAD", "/album/7")?.0 == "album")
    }

    @Test func trailingSlashIsPerRoute() throws {
        let router = try router()
        #expect(try match(router, "POST", "/api/1/upload")?.0 == "upload")
        #expect(try match(router, "POST", "/api/1/upload/")?.0 == "upload")
        #expect(try match(router, "GET", "/album/7/") == nil)
    }

    @Test func clashesAreRefused() throws {
        var router = try router()
        #expect(throws: Router<String>.Clash.self) { try router.add("GET", "/album/:other", "clash") }
        #expect(throws: Router<String>.Clash.self) { try router.add("GET", "/album/new", "clash") }
        // Another method on the same shape is not a clash.
        try router.add("PATCH", "/album/:other", "patch")
        #expect(try match(router, "PATCH", "/album/9")?.1 == ["other": "9"])
    }

    @Test func emptySegmentsDoNotMatchParameters() throws {
        #expect(try match(try router(), "GET", "/album//photos") == nil)
    }
}
