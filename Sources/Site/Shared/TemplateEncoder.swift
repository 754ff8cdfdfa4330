import Foundation

/// Turns an `Encodable` page model into the plain values Mustache renders (strings, numbers,
/// flags, arrays and dictionaries), so page models are typed structs while templates, the
/// render memo's key and `Slot`s work as before. A `Slot` anywhere in the model is collected
/// and its mark put in its place. A nil optional leaves its key out, which Mustache reads as
/// false, as a missing dictionary key did.
struct TemplateEncoder {
    /// The model's plain values, and the slots found in it (by their marks' names).
    static func encode(_ model: some Encodable) throws -> (values: [String: Any], slots: [String: Slot]) {
        let root = Node()
        try model.encode(to: Writer(node: root, path: [], slots: Slots()))
        guard case .object(let values) = root.value, let slots = root.slotsFound else {
            throw EncodingError.invalidValue(
                model, .init(codingPath: [], debugDescription: "a page model must encode as keyed fields"))
        }
        return (values.mapValues(\.plain), slots.all)
    }

    /// Slots met while encoding, shared by every writer of one model.
    final class Slots {
        var all: [String: Slot] = [:]
    }

    /// A value being built; containers hold nodes so nested containers can fill them later.
    final class Node {
        enum Value {
            case none
            case plain(Any)
            case object([String: Node])
            case array([Node])
        }
        var value: Value = .none
        var slotsFound: Slots?

        var plain: Any {
            switch value {
            case .none: return [String: Any]()
            case .plain(let value): return value
            case .object(let fields): return fields.mapValues(\.plain)
            case .array(let items): return items.map(\.plain)
            }
        }
    }

    struct Writer: Encoder {
        let node: Node
        let path: [CodingKey]
        let slots: Slots
        var codingPath: [CodingKey] { path }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        init(node: Node, path: [CodingKey], slots: Slots) {
            self.node = node
            self.path = path
            self.slots = slots
            if path.isEmpty { node.slotsFound = slots }
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = node.value {} else { node.value = .object([:]) }
            return KeyedEncodingContainer(Keyed<Key>(writer: self))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .array = node.value {} else { node.value = .array([]) }
            return Unkeyed(writer: self)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(writer: self) }

        /// Encodes `value` into `node`: plain values as themselves, a slot as its mark.
        func put<T: Encodable>(_ value: T, into node: Node, at key: CodingKey) throws {
            switch value {
            case let slot as Slot:
                let name = key.stringValue
                slots.all[name] = slot
                node.value = .plain(Slot.mark(name))
            case let text as String: node.value = .plain(text)
            case let flag as Bool: node.value = .plain(flag)
            case let number as Int: node.value = .plain(number)
            case let number as Int64: node.value = .plain(Int(number))
            case let number as Double: node.value = .plain(number)
            default: try value.encode(to: Writer(node: node, path: path + [key], slots: slots))
            }
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let writer: Writer
        var codingPath: [CodingKey] { writer.path }

        private func child(_ key: Key) -> Node {
            guard case .object(var fields) = writer.node.value else { preconditionFailure("not keyed") }
            if let known = fields[key.stringValue] { return known }
            let node = Node()
            fields[key.stringValue] = node
            writer.node.value = .object(fields)
            return node
        }

        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try writer.put(value, into: child(key), at: key)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            Writer(node: child(key), path: codingPath + [key], slots: writer.slots).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            Writer(node: child(key), path: codingPath + [key], slots: writer.slots).unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder { writer }
        mutating func superEncoder(forKey key: Key) -> Encoder {
            Writer(node: child(key), path: codingPath + [key], slots: writer.slots)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let writer: Writer
        var codingPath: [CodingKey] { writer.path }
        var count: Int {
            if case .array(let items) = writer.node.value { items.count } else { 0 }
        }

        private func next() -> Node {
            guard case .array(var items) = writer.node.value else { preconditionFailure("not unkeyed") }
            let node = Node()
            items.append(node)
            writer.node.value = .array(items)
            return node
        }

        mutating func encodeNil() throws { next().value = .plain(NSNull()) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try writer.put(value, into: next(), at: Index(intValue: count))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            Writer(node: next(), path: codingPath + [Index(intValue: count)], slots: writer.slots)
                .container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            Writer(node: next(), path: codingPath + [Index(intValue: count)], slots: writer.slots).unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder {
            Writer(node: next(), path: codingPath + [Index(intValue: count)], slots: writer.slots)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let writer: Writer
        var codingPath: [CodingKey] { writer.path }

        mutating func encodeNil() throws { writer.node.value = .plain(NSNull()) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try writer.put(value, into: writer.node, at: writer.path.last ?? Index(intValue: 0))
        }
    }

    struct Index: CodingKey {
        let intValue: Int?
        var stringValue: String { String(intValue ?? 0) }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}
