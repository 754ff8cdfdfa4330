import Foundation

/// The render memo's key of a typed page model, written straight from its `Encodable` form, so
/// a page whose model was rendered before costs no plain-value tree (that is built only on a
/// miss, by `TemplateEncoder`). Every scalar is written with the depth and name of its place
/// in the model: a preorder walk with depths is one tree only, so two different models never
/// share a key. Dictionary fields (`[String: String]`) are written in sorted order: equal
/// dictionaries need not iterate alike. `Slot`s are set aside and only their place is written.
struct ModelKey {
    static func encode(_ model: some Encodable) throws -> (key: [UInt8], slots: [String: Slot]) {
        let sink = Sink()
        sink.bytes.reserveCapacity(2048)
        try model.encode(to: Writer(sink: sink, depth: 0))
        return (sink.bytes, sink.slots)
    }

    final class Sink {
        var bytes: [UInt8] = []
        var slots: [String: Slot] = [:]

        /// `<tag><depth>;<name length>;<name>`: where the next value sits.
        func place(_ tag: UInt8, _ depth: Int, _ name: String) {
            bytes.append(tag)
            number(depth)
            number(name.utf8.count)
            bytes += name.utf8
        }

        /// `place` for the element at `index` of a list (named by its decimal digits), without
        /// making the name a string.
        func place(_ tag: UInt8, _ depth: Int, index: Int) {
            bytes.append(tag)
            number(depth)
            number(digitCount(index))
            digits(index)
        }

        /// `value` in decimal, then `;`.
        func number(_ value: Int) {
            if value < 0 {
                bytes += String(value).utf8
            } else {
                digits(value)
            }
            bytes.append(UInt8(ascii: ";"))
        }

        private func digits(_ value: Int) {
            var divisor = 1
            while divisor <= value / 10 { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }

        private func digitCount(_ value: Int) -> Int {
            var count = 1
            var rest = value
            while rest >= 10 {
                rest /= 10
                count += 1
            }
            return count
        }

        /// A string dictionary, its entries in key order (equal dictionaries need not iterate
        /// alike).
        func strings(_ strings: [String: String]) {
            bytes.append(UInt8(ascii: "m"))
            number(strings.count)
            for (key, text) in strings.sorted(by: { $0.key < $1.key }) {
                self.text(key)
                self.text(text)
            }
        }

        func text(_ value: String) {
            bytes.append(UInt8(ascii: "s"))
            number(value.utf8.count)
            bytes += value.utf8
        }
    }

    struct Writer: Encoder {
        let sink: Sink
        let depth: Int
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            sink.bytes.append(UInt8(ascii: "{"))
            return KeyedEncodingContainer(Keyed<Key>(writer: self))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            sink.bytes.append(UInt8(ascii: "["))
            return Unkeyed(writer: self)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(writer: self) }

        /// Writes `value`, which sits at `name` one level below this writer.
        func put<T: Encodable>(_ value: T, name: String) throws {
            sink.place(UInt8(ascii: "@"), depth + 1, name)
            switch value {
            case let slot as Slot:
                sink.slots[name] = slot
                sink.bytes.append(UInt8(ascii: "!"))
            case let text as String: sink.text(text)
            case let flag as Bool: sink.bytes.append(flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            case let number as Int:
                sink.bytes.append(UInt8(ascii: "i"))
                sink.number(number)
            case let number as Int64:
                sink.bytes.append(UInt8(ascii: "i"))
                sink.number(Int(number))
            case let strings as [String: String]: sink.strings(strings)
            case let rows as [[String: String]]:
                // What the list's own `encode` would write, without a container per row (the
                // album page's fifty move-to choices).
                sink.bytes.append(UInt8(ascii: "["))
                for (index, row) in rows.enumerated() {
                    sink.place(UInt8(ascii: "@"), depth + 2, index: index)
                    sink.strings(row)
                }
            default: try value.encode(to: Writer(sink: sink, depth: depth + 1))
            }
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let writer: Writer
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws {
            writer.sink.place(UInt8(ascii: "@"), writer.depth + 1, key.stringValue)
            writer.sink.bytes.append(UInt8(ascii: "n"))
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try writer.put(value, name: key.stringValue)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            writer.sink.place(UInt8(ascii: "@"), writer.depth + 1, key.stringValue)
            return Writer(sink: writer.sink, depth: writer.depth + 1).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            writer.sink.place(UInt8(ascii: "@"), writer.depth + 1, key.stringValue)
            return Writer(sink: writer.sink, depth: writer.depth + 1).unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder { writer }
        mutating func superEncoder(forKey key: Key) -> Encoder {
            writer.sink.place(UInt8(ascii: "@"), writer.depth + 1, key.stringValue)
            return Writer(sink: writer.sink, depth: writer.depth + 1)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let writer: Writer
        var codingPath: [CodingKey] { [] }
        var count = 0

        mutating func next() -> String {
            defer { count += 1 }
            return String(count)
        }

        mutating func encodeNil() throws {
            writer.sink.place(UInt8(ascii: "@"), writer.depth + 1, index: count)
            count += 1
            writer.sink.bytes.append(UInt8(ascii: "n"))
        }
        mutating func encode<T: Encodable>(_ value: T) throws { try writer.put(value, name: next()) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            writer.sink.place(UInt8(ascii: "@"), writer.depth + 1, next())
            return Writer(sink: writer.sink, depth: writer.depth + 1).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            writer.sink.place(UInt8(ascii: "@"), writer.depth + 1, next())
            return Writer(sink: writer.sink, depth: writer.depth + 1).unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder {
            writer.sink.place(UInt8(ascii: "@"), writer.depth + 1, next())
            return Writer(sink: writer.sink, depth: writer.depth + 1)
        }
    }

    /// A single value is the value of the place its writer was made for: written at that
    /// writer's own depth, under no name of its own.
    struct Single: SingleValueEncodingContainer {
        let writer: Writer
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil() throws { writer.sink.bytes.append(UInt8(ascii: "n")) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            switch value {
            case let text as String: writer.sink.text(text)
            case let flag as Bool: writer.sink.bytes.append(flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            case let number as Int:
                writer.sink.bytes.append(UInt8(ascii: "i"))
                writer.sink.number(number)
            default:
                // Anything else in a single value (a Double, a custom type) is written by its
                // description with a tag of its own.
                writer.sink.bytes.append(UInt8(ascii: "?"))
                writer.sink.text(String(reflecting: value))
            }
        }
    }
}
