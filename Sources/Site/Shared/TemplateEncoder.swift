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
        guard root.shape == .object, let slots = root.slotsFound else {
            throw EncodingError.invalidValue(
                model, .init(codingPath: [], debugDescription: "a page model must encode as keyed fields"))
        }
        return (root.fields.mapValues(\.plain), slots.all)
    }

    /// Slots met while encoding, shared by every writer of one model.
    final class Slots {
        var all: [String: Slot] = [:]
    }

    /// A value being built; containers hold nodes so nested containers can fill them later.
    /// Fields and items live in the node itself and are changed in place (a dictionary held in
    /// an enum case was copied whole for every field added).
    final class Node {
        enum Shape { case none, plain, object, array }
        var shape = Shape.none
        var value: Any = ()
        var fields: [String: Node] = [:]
        var items: [Node] = []
        var slotsFound: Slots?

        func set(_ plain: Any) {
            shape = .plain
            value = plain
        }

        var plain: Any {
            switch shape {
            case .none: return [String: Any]()
            case .plain: return value
            case .object: return fields.mapValues(\.plain)
            case .array: return items.map(\.plain)
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
            node.shape = .object
            return KeyedEncodingContainer(Keyed<Key>(writer: self))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            node.shape = .array
            return Unkeyed(writer: self)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(writer: self) }

        /// Encodes `value` into `node`: plain values as themselves, a slot as its mark.
        func put<T: Encodable>(_ value: T, into node: Node, at key: CodingKey) throws {
            switch value {
            case let slot as Slot:
                let name = key.stringValue
                slots.all[name] = slot
                node.set(Slot.mark(name))
            case let text as String: node.set(text)
            case let flag as Bool: node.set(flag)
            case let number as Int: node.set(number)
            case let number as Int64: node.set(Int(number))
            case let number as Double: node.set(number)
            default: try value.encode(to: Writer(node: node, path: path + [key], slots: slots))
            }
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let writer: Writer
        var codingPath: [CodingKey] { writer.path }

        private func child(_ key: Key) -> Node {
            if let known = writer.node.fields[key.stringValue] { return known }
            let node = Node()
            writer.node.fields[key.stringValue] = node
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
        var count: Int { writer.node.items.count }

        private func next() -> Node {
            let node = Node()
            writer.node.items.append(node)
            return node
        }

        mutating func encodeNil() throws { next().set(NSNull()) }
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

        mutating func encodeNil() throws { writer.node.set(NSNull()) }
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
