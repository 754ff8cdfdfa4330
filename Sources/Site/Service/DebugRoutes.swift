import Foundation
import HTTP

/// Routes that exist only when `ALBUMEN_DEBUG_ROUTES=1`, for tests that need a request that
/// takes a while (the SIGTERM drain test). Never listed in the production route table.
enum DebugRoutes {
    static let table = RouteTable(
        name: "debug", envelope: .json, prefixes: ["/_debug/"],
        endpoints: [Endpoint("GET", "/_debug/sleep", .none, sleep)])

    static func sleep(_ context: Context) throws -> Response {
        let milliseconds = min(Int(context.query["ms"] ?? "") ?? 1000, 30_000)
        Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
        return try .json(["slept_ms": milliseconds])
    }
}
