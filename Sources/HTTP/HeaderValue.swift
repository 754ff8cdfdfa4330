/// A header value of the form `value; name=param; name2="quoted param"` (Content-Type,
/// Content-Disposition).
public struct HeaderValue: Sendable {
    public let value: String
    /// Parameter names are lower-cased; values are unquoted.
    public let parameters: [String: String]

    public init(_ text: String) {
        var pieces = Self.splitOutsideQuotes(text)
        value = pieces.isEmpty ? "" : pieces.removeFirst().trimmingSpaces
        var parameters: [String: String] = [:]
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingSpaces.lowercased()
            var raw = piece[piece.index(after: equals)...].trimmingSpaces
            if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
                raw = Self.unescapeQuoted(raw.dropFirst().dropLast())
            }
            if parameters[name] == nil { parameters[name] = raw }
        }
        self.parameters = parameters
    }

    private static func splitOutsideQuotes(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" && quoted {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }

    private static func unescapeQuoted(_ text: Substring) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped || character != "\\" {
                out.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return out
    }
}
