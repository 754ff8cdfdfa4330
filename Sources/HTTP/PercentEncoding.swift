/// Percent-decoding that refuses what it cannot decode instead of guessing.
public enum PercentEncoding {
    /// Decodes `%XX` escapes (and `+` as space when `plusAsSpace`); malformed escapes or bytes
    /// that are not UTF-8 throw 400.
    public static func decode<S: StringProtocol>(_ text: S, plusAsSpace: Bool = false) throws -> String {
        try decode(utf8: text.utf8, plusAsSpace: plusAsSpace)
    }

    /// The same over UTF-8 bytes (query parsing splits bytes, not Characters: it runs for
    /// every request).
    public static func decode<C: Collection<UInt8>>(utf8: C, plusAsSpace: Bool = false) throws -> String {
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) else {
            guard let plain = String(validating: utf8, as: UTF8.self) else { throw malformed }
            return plain
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first != utf8.endIndex, utf8.index(after: first) != utf8.endIndex,
                    let high = hexValue(utf8[first]), let low = hexValue(utf8[utf8.index(after: first)])
                else { throw malformed }
                bytes.append(high << 4 | low)
                index = utf8.index(first, offsetBy: 2)
                continue
            }
            bytes.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = utf8.index(after: index)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw malformed }
        return decoded
    }

    /// Encodes everything but RFC 3986 unreserved characters.
    public static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    private static let malformed = HTTPError(.badRequest, "The request has malformed percent-encoding.")

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
