import Foundation
import HTTP

/// Routes that exist only when `ALBUMEN_DEBUG_ROUTES=1`, for tests that need a request that
/// takes a while (the SIGTERM drain test) or an answer of an exact size (the FastCGI output
/// framing), or a clock that moves on (share windows). Never listed in the production route table.
enum DebugRoutes {
    static let table = RouteTable(
        name: "debug", envelope: .json, prefixes: ["/_debug/"],
        endpoints: [
            Endpoint("GET", "/_debug/sleep", .none, sleep),
            Endpoint("GET", "/_debug/bytes", .none, bytes),
            Endpoint("POST", "/_debug/clock", .none, clock),
        ])

    /// Moves the services' clock forward by `advance` seconds (at most a year a call), so a
    /// share's window, a signed URL's life and what follows are tested without waiting.
    static func clock(_ context: Context) throws -> Response {
        guard let seconds = Double(context.query["advance"] ?? ""), seconds.isFinite, (0...31_536_000).contains(seconds)
        else { throw HTTPError(.badRequest, "advance=SECONDS (0 to 31536000) moves the clock forward.") }
        context.services.clock.advance(by: seconds)
        return try .json(["now": Int(context.services.clock.now().timeIntervalSince1970)])
    }

    /// `count` bytes (up to 8 MB) of `(i * 7 + i / 251) % 256`: a pattern a test can rebuild, in
    /// which no run repeats at any record size.
    static func bytes(_ context: Context) throws -> Response {
        let count = min(max(Int(context.query["count"] ?? "") ?? 0, 0), 8 << 20)
        let body = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) }
        return Response(headers: Headers([("Content-Type", "application/octet-stream")]), body: body)
    }

    static func sleep(_ context: Context) throws -> Response {
        let milliseconds = min(Int(context.query["ms"] ?? "") ?? 1000, 30_000)
        Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
        return try .json(["slept_ms": milliseconds])
    }
}
