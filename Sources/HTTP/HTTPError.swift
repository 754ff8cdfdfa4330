/// A failure that already knows its status: thrown by request parsing and by handlers, mapped to
/// each dialect's error body once, at the boundary.
public struct HTTPError: Error, Sendable, Equatable {
    public let status: Status
    public let message: String

    public init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public static func == (a: HTTPError, b: HTTPError) -> Bool {
        a.status.code == b.status.code && a.message == b.message
    }
}
