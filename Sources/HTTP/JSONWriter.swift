/// Writes JSON straight into bytes, for answers that list many items: `JSONEncoder` boxes every
/// value, sorts every object's keys and builds a tree before writing, which cost a listing of
/// 100 items more than everything else in its request. Callers write keys in sorted order, so
/// the bytes are the same as `JSON.encoder`'s (tests compare the two).
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value or key opens its container (no comma before it).
    private var atStart = true

    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: Containers

    public mutating func object(_ fields: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        atStart = true
        fields(&self)
        bytes.append(UInt8(ascii: "}"))
        atStart = false
    }

    public mutating func array<S: Sequence>(_ elements: S, _ element: (inout JSONWriter, S.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        atStart = true
        for value in elements { element(&self, value) }
        bytes.append(UInt8(ascii: "]"))
        atStart = false
    }

    /// `"key":`, then exactly one value must follow.
    public mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        atStart = true
    }

    // MARK: Values

    /// One value already written as JSON (by another `JSONWriter`), copied as it is.
    public mutating func raw(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
    }

    /// `value` on its own: the bytes `raw` takes.
    public static func bytes<T: JSONWritable>(of value: T, capacity: Int = 512) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        value.write(to: &writer)
        return writer.bytes
    }

    public mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var clean = 0  // start of the run not yet copied
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                appendEscaped(byte)
                clean = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func int<T: BinaryInteger>(_ value: T) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// As `JSONEncoder` writes it: integral values without a fraction (`2`, not `2.0`).
    public mutating func double(_ value: Double) {
        separate()
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int<T: BinaryInteger>(_ value: T?) {
        if let value { int(value) } else { null() }
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    // MARK: Plumbing

    private mutating func separate() {
        if atStart {
            atStart = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// JSONEncoder's escapes: the short forms where JSON has one, `\u00XX` for other controls;
    /// `/` stays as it is (`.withoutEscapingSlashes`).
    private mutating func appendEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [
                UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)],
            ])
        }
    }
}

/// A wire type that writes itself with `JSONWriter`.
public protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}

extension Response {
    /// A JSON answer written by `JSONWriter` (see `json(bytes:)` for its headers).
    public static func json<T: JSONWritable>(writing value: T, status: Status = .ok) -> Response {
        json(bytes: JSONWriter.bytes(of: value), status: status)
    }

    /// A JSON array of items written by `JSONWriter`.
    public static func json<T: JSONWritable>(writingAll values: [T], status: Status = .ok) -> Response {
        var writer = JSONWriter(capacity: 256 + values.count * 512)
        writer.array(values) { writer, value in value.write(to: &writer) }
        return json(bytes: writer.bytes, status: status)
    }
}
