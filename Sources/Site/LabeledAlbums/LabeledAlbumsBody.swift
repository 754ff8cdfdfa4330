import Foundation
import HTTP

/// A seed 002 JSON body: an object whose members are read by their exact names, each of the
/// type the original documents; anything else is 400 "Invalid request".
struct LabeledAlbumsBody {
    private let members: [String: Any]

    static func read(_ context: Context) throws -> LabeledAlbumsBody {
        let bytes = try context.request.body.collect(limit: 64 * 1024)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw LabeledAlbumsError.invalid
        }
        return LabeledAlbumsBody(members: object)
    }

    /// A member as JSON gave it.
    func member(_ name: String) -> Any? { members[name] }

    /// A string member, `bounds` long when given; nil when absent (or null).
    func string(_ name: String, required: Bool = false, length bounds: ClosedRange<Int>? = nil) throws -> String? {
        switch members[name] {
        case nil, is NSNull:
            if required { throw LabeledAlbumsError.invalid }
            return nil
        case let text as String:
            if let bounds, !bounds.contains(text.count) { throw LabeledAlbumsError.invalid }
            return text
        default: throw LabeledAlbumsError.invalid
        }
    }

    /// A boolean member; nil when absent.
    func flag(_ name: String) throws -> Bool? {
        switch members[name] {
        case nil, is NSNull: return nil
        case let number as NSNumber where type(of: number) == type(of: NSNumber(value: true)): return number.boolValue
        default: throw LabeledAlbumsError.invalid
        }
    }
}
