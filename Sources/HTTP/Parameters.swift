/// Name/value pairs from a query string or an urlencoded form, in order; names may repeat.
public struct Parameters: Sendable {
    /// More pairs than this is a flood, not a form.
    public static let maximumCount = 1000

    public private(set) var pairs: [(name: String, value: String)]

    public init(_ pairs: [(String, String)] = []) {
        self.pairs = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// Parses `application/x-www-form-urlencoded` text (a query string is the same format).
    public init<S: StringProtocol>(urlEncoded text: S) throws {
        pairs = []
        guard !text.isEmpty else { return }
        let pieces = text.split(separator: "&", omittingEmptySubsequences: true)
        guard pieces.count <= Self.maximumCount else {
            throw HTTPError(.badRequest, "Too many parameters (more than \(Self.maximumCount)).")
        }
        for piece in pieces {
            if let equals = piece.firstIndex(of: "=") {
                pairs.append(
                    (
                        name: try PercentEncoding.decode(piece[..<equals], plusAsSpace: true),
                        value: try PercentEncoding.decode(piece[piece.index(after: equals)...], plusAsSpace: true)
                    ))
            } else {
                pairs.append((name: try PercentEncoding.decode(piece, plusAsSpace: true), value: ""))
            }
        }
    }

    public subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    public mutating func append(_ name: String, _ value: String) { pairs.append((name: name, value: value)) }

    public var isEmpty: Bool { pairs.isEmpty }

    /// Serialises back to urlencoded text.
    public var urlEncoded: String {
        pairs.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
    }
}
