import Foundation
import HTTP

/// Seed 004's JSON request bodies, decoded into types. Read as leniently as the original's
/// handlers read them: a body that is not a JSON object reads as `{}`, and a field of the wrong
/// type as absent, so each endpoint answers its own documented 400 for a missing field.
enum WebAPIBody {
    /// `POST /api/albums`.
    /// A body type; `init()` is the body `{}` (every field absent).
    protocol Body: Decodable {
        init()
    }

    struct NewAlbum: Body {
        var name: Lenient?
    }

    /// `DELETE /api/albums`, `DELETE /api/photos/delete`.
    struct Target: Body {
        var id: Lenient?
    }

    /// `PATCH /api/photos/move`: `album_id` absent, null or not a string takes the photo out of
    /// its album.
    struct Move: Body {
        var id: Lenient?
        var albumId: Lenient?

        enum CodingKeys: String, CodingKey {
            case id
            case albumId = "album_id"
        }
    }

    /// A string field, or nothing when the field holds another type.
    struct Lenient: Decodable {
        let value: String?

        init(from decoder: Decoder) throws {
            value = try? decoder.singleValueContainer().decode(String.self)
        }
    }

    static func decode<T: Body>(_ type: T.Type, _ context: Context) -> T {
        guard let bytes = try? context.request.body.collect(limit: 1024 * 1024) else { return T() }
        return decode(type, from: bytes)
    }

    static func decode<T: Body>(_ type: T.Type, from bytes: [UInt8]) -> T {
        guard !bytes.isEmpty, let value = try? JSONDecoder().decode(T.self, from: Data(bytes)) else { return T() }
        return value
    }
}
