/// Whether a route also answers its path with a trailing slash.
public enum TrailingSlash: Sendable {
    /// `/a/` does not match `/a`.
    case exact
    /// `/a` and `/a/` both match.
    case optional
}

/// A route table matcher: path patterns of literal segments and `:name` parameters.
///
/// Literal segments beat parameters (`/album/new` wins over `/album/:id`), with backtracking so a
/// literal that leads nowhere still lets a parameter match. Adding two routes of the same method
/// and shape is refused, so clashes surface at startup, not as a surprise in production.
/// A route may match its literal segments in any case (an API whose original's paths did,
/// seed 001's `/v1/pictures/getFreeGallery`); an exact literal still wins over a folded one.
public struct Router<Value: Sendable>: Sendable {
    public struct Entry: Sendable {
        public let method: String
        public let pattern: String
        public let trailingSlash: TrailingSlash
        public let value: Value
    }

    public enum Match {
        case found(Value, parameters: [String: String])
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    public struct Clash: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    private struct Leaf: Sendable {
        let entryIndex: Int
        let parameterNames: [String]
    }

    private final class Node: @unchecked Sendable {
        var literals: [String: Node] = [:]
        /// Literals of case-insensitive routes, lower-cased.
        var foldedLiterals: [String: Node] = [:]
        var parameter: Node?
        var leaves: [String: Leaf] = [:]
    }

    private let root = Node()
    public private(set) var entries: [Entry] = []

    public init() {}

    /// Adds a route. Throws `Clash` when one of the same method and shape exists.
    public mutating func add(
        _ method: String, _ pattern: String, trailingSlash: TrailingSlash = .exact, caseInsensitive: Bool = false,
        _ value: Value
    ) throws {
        guard pattern.hasPrefix("/") else { throw Clash(description: "pattern \(pattern) must start with /") }
        var node = root
        var names: [String] = []
        for segment in Self.segments(of: pattern) {
            if segment.hasPrefix(":") {
                names.append(String(segment.dropFirst()))
                if node.parameter == nil { node.parameter = Node() }
                node = node.parameter!
            } else if caseInsensitive {
                let folded = segment.lowercased()
                if node.foldedLiterals[folded] == nil { node.foldedLiterals[folded] = Node() }
                node = node.foldedLiterals[folded]!
            } else {
                if node.literals[segment] == nil { node.literals[segment] = Node() }
                node = node.literals[segment]!
            }
        }
        let method = method.uppercased()
        if let existing = node.leaves[method] {
            let other = entries[existing.entryIndex]
            throw Clash(description: "\(method) \(pattern) clashes with \(other.method) \(other.pattern)")
        }
        node.leaves[method] = Leaf(entryIndex: entries.count, parameterNames: names)
        entries.append(Entry(method: method, pattern: pattern, trailingSlash: trailingSlash, value: value))
    }

    /// Matches decoded path segments (as `Request.pathSegments()` gives them).
    public func match(method: String, segments: [String]) -> Match {
        var segments = segments
        let hadTrailingSlash = segments.count > 1 && segments.last == ""
        if hadTrailingSlash { segments.removeLast() }
        if segments == [""] { segments = [] }

        var captured: [String] = []
        guard let node = Self.find(root, segments[...], &captured) else { return .notFound }
        let usable = node.leaves.filter { !hadTrailingSlash || entries[$0.value.entryIndex].trailingSlash == .optional }
        guard !usable.isEmpty else { return .notFound }
        let method = method.uppercased()
        let leaf = usable[method] ?? (method == "HEAD" ? usable["GET"] : nil)
        guard let leaf else {
            var allowed = Set(usable.keys)
            if allowed.contains("GET") { allowed.insert("HEAD") }
            return .methodNotAllowed(allowed: allowed.sorted())
        }
        let parameters = Dictionary(zip(leaf.parameterNames, captured), uniquingKeysWith: { first, _ in first })
        return .found(entries[leaf.entryIndex].value, parameters: parameters)
    }

    private static func find(_ node: Node, _ rest: ArraySlice<String>, _ captured: inout [String]) -> Node? {
        guard let segment = rest.first else { return node.leaves.isEmpty ? nil : node }
        if let literal = node.literals[segment], let found = find(literal, rest.dropFirst(), &captured) {
            return found
        }
        if !node.foldedLiterals.isEmpty, let literal = node.foldedLiterals[segment.lowercased()],
            let found = find(literal, rest.dropFirst(), &captured)
        {
            return found
        }
        if let parameter = node.parameter, !segment.isEmpty {
            captured.append(segment)
            if let found = find(parameter, rest.dropFirst(), &captured) { return found }
            captured.removeLast()
        }
        return nil
    }

    private static func segments(of pattern: String) -> [String] {
        pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}
