import Foundation
import HTTP

/// A seed 001 answer, described once and written either as JSON (members in the order given,
/// as the seed's samples show them) or as XML exactly as .NET's `DataContractSerializer`
/// writes it (seed-apis.md §2.2): members in ordinal order of their names, `i:nil="true"` for
/// nulls, integer lists in the Arrays namespace under a prefix named for their depth
/// (`d3p1`), the model namespace declared once on the root, no whitespace between elements.
indirect enum DataContract {
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case string(String)
    /// UTC, to the second: `2026-03-27T20:39:00Z`.
    case date(Date)
    case null
    /// `int[]` (`PictureIDs`).
    case ints([Int64])
    case object(Object)
    /// A list of one model (`ArrayOf<Type>` at the root).
    case objects(type: StaticString, [Object])

    /// One model: its type name (the element of a list item or the root) and its members.
    struct Object {
        let type: StaticString
        let members: [(StaticString, DataContract)]
    }

    static func string(_ value: String?) -> DataContract { value.map(DataContract.string) ?? .null }
    static func int(_ value: Int64?) -> DataContract { value.map(DataContract.int) ?? .null }
    static func double(_ value: Double?) -> DataContract { value.map(DataContract.double) ?? .null }

    static let instanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"
    static let modelNamespace = "http://schemas.datacontract.org/2004/07/API.Models.Pictures"
    static let arraysNamespace = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
    /// Where .NET puts primitive roots (`<boolean>`).
    static let primitivesNamespace = "http://schemas.microsoft.com/2003/10/Serialization/"

    // MARK: JSON

    func write(to json: inout JSONWriter) {
        switch self {
        case .int(let value): json.int(value)
        case .double(let value): json.double(value)
        case .bool(let value): json.bool(value)
        case .string(let value): json.string(value)
        case .date(let value): json.string(Self.dateText(value))
        case .null: json.null()
        case .ints(let values): json.array(values) { json, value in json.int(value) }
        case .object(let object): object.write(to: &json)
        case .objects(_, let objects): json.array(objects) { json, object in object.write(to: &json) }
        }
    }

    // MARK: XML

    /// The whole document, this value at its root.
    func xml(capacity: Int = 1024) -> [UInt8] {
        var xml = XMLWriter(capacity: capacity)
        let declarations =
            " xmlns:i=\"\(Self.instanceNamespace)\" xmlns=\"\(Self.modelNamespace)\""
        switch self {
        case .object(let object):
            xml.markup("<")
            xml.markup(object.type)
            xml.markup(declarations)
            object.writeMembers(to: &xml, depth: 1)
            xml.markup("</")
            xml.markup(object.type)
            xml.markup(">")
        case .objects(let type, let objects):
            xml.markup("<ArrayOf")
            xml.markup(type)
            xml.markup(declarations)
            if objects.isEmpty {
                xml.markup("/>")
                break
            }
            xml.markup(">")
            for object in objects {
                xml.markup("<")
                xml.markup(type)
                object.writeMembers(to: &xml, depth: 2)
                xml.markup("</")
                xml.markup(type)
                xml.markup(">")
            }
            xml.markup("</ArrayOf")
            xml.markup(type)
            xml.markup(">")
        case .bool(let value):
            xml.markup("<boolean xmlns=\"\(Self.primitivesNamespace)\">\(value)</boolean>")
        default:
            xml.markup("<string xmlns=\"\(Self.primitivesNamespace)\">")
            writeText(to: &xml)
            xml.markup("</string>")
        }
        return xml.bytes
    }

    /// Member `name` at `depth` (the root is 1).
    fileprivate func writeMember(_ name: StaticString, to xml: inout XMLWriter, depth: Int) {
        xml.markup("<")
        xml.markup(name)
        switch self {
        case .null:
            xml.markup(" i:nil=\"true\"/>")
            return
        case .ints(let values):
            let prefix = "d\(depth)p1"
            xml.markup(" xmlns:\(prefix)=\"\(Self.arraysNamespace)\"")
            guard !values.isEmpty else {
                xml.markup("/>")
                return
            }
            xml.markup(">")
            for value in values { xml.markup("<\(prefix):int>\(value)</\(prefix):int>") }
        case .object(let object):
            object.writeMembers(to: &xml, depth: depth)
        case .objects(let type, let objects):
            xml.markup(">")
            for object in objects {
                xml.markup("<")
                xml.markup(type)
                object.writeMembers(to: &xml, depth: depth + 1)
                xml.markup("</")
                xml.markup(type)
                xml.markup(">")
            }
        default:
            xml.markup(">")
            writeText(to: &xml)
        }
        xml.markup("</")
        xml.markup(name)
        xml.markup(">")
    }

    private func writeText(to xml: inout XMLWriter) {
        switch self {
        case .int(let value): xml.markup(String(value))
        case .double(let value):
            xml.markup(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : value.description)
        case .bool(let value): xml.markup(value ? "true" : "false")
        case .string(let value): xml.text(value)
        case .date(let value): xml.markup(Self.dateText(value))
        default: break
        }
    }

    static func dateText(_ date: Date) -> String { Timestamp.seconds(date) + "Z" }
}

extension DataContract.Object {
    func write(to json: inout JSONWriter) {
        json.object { json in
            for (name, value) in members {
                json.key(name)
                value.write(to: &json)
            }
        }
    }

    /// `>`, the members in ordinal order of their names (DataContract's default), without the
    /// closing tag.
    fileprivate func writeMembers(to xml: inout XMLWriter, depth: Int) {
        xml.markup(">")
        for (name, value) in members.sorted(by: { Self.ordinalLess($0.0, $1.0) }) {
            value.writeMember(name, to: &xml, depth: depth + 1)
        }
    }

    /// `String.CompareOrdinal`: byte by byte (the names are ASCII), so `PINPrice` sorts
    /// before `PictureIDs`.
    private static func ordinalLess(_ a: StaticString, _ b: StaticString) -> Bool {
        a.withUTF8Buffer { a in b.withUTF8Buffer { b in a.lexicographicallyPrecedes(b) } }
    }
}
