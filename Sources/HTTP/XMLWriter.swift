/// Writes XML straight into bytes, the way `JSONWriter` writes JSON: markup as given, text
/// escaped. Characters XML 1.0 cannot carry at all (control characters other than tab, line
/// feed and carriage return; U+FFFE, U+FFFF) become U+FFFD, so a file name with a stray
/// control byte still yields a document every parser reads.
public struct XMLWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Markup, written as it is.
    public mutating func markup(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Markup made at run time (a number, a name from a fixed list), written as it is.
    public mutating func markup(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Character data or an attribute value, escaped.
    public mutating func text(_ value: String) {
        var utf8 = value.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "&"): markup("&amp;")
            case UInt8(ascii: "<"): markup("&lt;")
            case UInt8(ascii: ">"): markup("&gt;")
            case UInt8(ascii: "\""): markup("&quot;")
            // A literal CR would be read back as a line feed.
            case 0x0D: markup("&#xD;")
            case 0x09, 0x0A: bytes.append(byte)
            case 0..<0x20: markup("\u{FFFD}")
            case 0xEF:
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
                guard let second = utf8.next() else { return }
                guard second == 0xBF, let third = utf8.next() else {
                    bytes.append(byte)
                    bytes.append(second)
                    continue
                }
                if third == 0xBE || third == 0xBF {
                    markup("\u{FFFD}")
                } else {
                    bytes.append(contentsOf: [byte, second, third])
                }
            default: bytes.append(byte)
            }
        }
    }
}

extension Response {
    /// An XML answer; like JSON answers, about one caller at one moment (`no-store`).
    public static func xml(bytes: [UInt8], status: Status = .ok, contentType: String = "application/xml") -> Response {
        Response(
            status: status,
            headers: Headers([("Content-Type", contentType + "; charset=utf-8"), ("Cache-Control", "no-store")]),
            body: bytes)
    }
}
