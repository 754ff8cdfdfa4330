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
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return }
        let pieces = bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true)
        guard pieces.count <= Self.maximumCount else {
            throw HTTPError(.badRequest, "Too many parameters (more than \(Self.maximumCount)).")
        }
        pairs.reserveCapacity(pieces.count)
        for piece in pieces {
            if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append(
                    (
                        name: try PercentEncoding.decode(utf8: piece[..<equals], plusAsSpace: true),
                        value: try PercentEncoding.decode(utf8: piece[(equals + 1)...], plusAsSpace: true)
                    ))
            } else {
                pairs.append((name: try PercentEncoding.decode(utf8: piece, plusAsSpace: true), value: ""))
            }
        }
    }

    public subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// The first value whose name matches in any case (ASP.NET's binder reads `userid` as
    /// `UserID`); an exact match wins.
    public func value(anyCase name: String) -> String? {
        if let exact = self[name] { return exact }
        let folded = name.lowercased()
        return pairs.first { $0.name.lowercased() == folded }?.value
    }

    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    public mutating func append(_ name: String, _ value: String) { pairs.append((name: name, value: value)) }

    public var isEmpty: Bool { pairs.isEmpty }

    /// Serialises back to urlencoded text.
    public var urlEncoded: String {
        pairs.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
    }
}
