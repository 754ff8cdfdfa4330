import Foundation
import HTTP

/// A seed 001 JSON body. ASP.NET's binder (Json.NET) matches member names in any case and
/// converts scalars leniently, so this reads members by lower-cased name; a body that is not
/// a JSON object, or a member of a type that cannot be taken, is a 400 naming it.
struct PicturesBody {
    private let members: [String: Any]

    init(_ object: [String: Any]) {
        members = Dictionary(object.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The request's body, up to `limit` bytes.
    static func read(_ context: Context, limit: Int = 1024 * 1024) throws -> PicturesBody {
        let bytes = try context.request.body.collect(limit: limit)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw HTTPError(.badRequest, "The request body must be a JSON object.")
        }
        return PicturesBody(object)
    }

    private func value(_ name: String) -> Any? {
        guard let value = members[name.lowercased()], !(value is NSNull) else { return nil }
        return value
    }

    func has(_ name: String) -> Bool { value(name) != nil }

    func string(_ name: String) throws -> String? {
        switch value(name) {
        case nil: return nil
        case let text as String: return text
        case let number as NSNumber where !Self.isBool(number): return number.stringValue
        default: throw HTTPError(.badRequest, "\(name) must be a string.")
        }
    }

    func integer(_ name: String) throws -> Int64? {
        switch value(name) {
        case nil: return nil
        case let number as NSNumber where !Self.isBool(number) && number.doubleValue == number.doubleValue.rounded():
            return number.int64Value
        case let text as String where Int64(text) != nil: return Int64(text)
        default: throw HTTPError(.badRequest, "\(name) must be an integer.")
        }
    }

    func number(_ name: String) throws -> Double? {
        switch value(name) {
        case nil: return nil
        case let number as NSNumber where !Self.isBool(number): return number.doubleValue
        case let text as String where Double(text) != nil: return Double(text)
        default: throw HTTPError(.badRequest, "\(name) must be a number.")
        }
    }

    func flag(_ name: String) throws -> Bool? {
        switch value(name) {
        case nil: return nil
        case let number as NSNumber: return number.boolValue
        case let text as String where ["true", "false"].contains(text.lowercased()): return text.lowercased() == "true"
        default: throw HTTPError(.badRequest, "\(name) must be true or false.")
        }
    }

    func objects(_ name: String) throws -> [PicturesBody]? {
        guard let found = value(name) else { return nil }
        guard let list = found as? [Any], let objects = list as? [[String: Any]] else {
            throw HTTPError(.badRequest, "\(name) must be a list of objects.")
        }
        return objects.map(PicturesBody.init)
    }

    /// JSON's `true`/`false` come back as booleans, not numbers.
    private static func isBool(_ number: NSNumber) -> Bool {
        type(of: number) == type(of: NSNumber(value: true))
    }
}
