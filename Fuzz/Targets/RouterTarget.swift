import HTTP

@testable import Site

/// The real route table with percent-decoding: any request target either fails as a 400 or
/// matches; a match survives re-encoding its decoded segments, and its parameters are the
/// non-empty segments it captured.
enum RouterTarget {
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "BREW"]
    static let router = try! Site.router(for: Site.tables(debugRoutes: true)) { endpoint, _ in endpoint }

    static func run(_ bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        let method = methods[Int(input.byte()) % methods.count]
        let request = Request(method: method, target: input.restString)
        guard let segments = try? request.pathSegments() else { return }
        let match = router.match(method: request.method, segments: segments)

        let reencoded = "/" + segments.map(PercentEncoding.encode).joined(separator: "/")
        let again = try! Request(method: method, target: reencoded).pathSegments()
        require(
            again.map(\.utf8).elementsEqual(segments.map(\.utf8), by: { $0.elementsEqual($1) }),
            "re-encoded segments decode differently: \(segments) vs \(again)")
        require(
            describe(router.match(method: request.method, segments: again)) == describe(match),
            "re-encoding changes the match for \(segments)")

        if case .found(_, let parameters) = match {
            for value in parameters.values {
                require(!value.isEmpty && segments.contains(value), "parameter \(value) is not a segment")
            }
        }
    }

    static func describe(_ match: Router<Endpoint>.Match) -> String {
        switch match {
        case .found(let endpoint, let parameters):
            "\(endpoint.method) \(endpoint.path) \(parameters.sorted { $0.key < $1.key })"
        case .methodNotAllowed(let allowed): "405 \(allowed)"
        case .notFound: "404"
        }
    }
}
