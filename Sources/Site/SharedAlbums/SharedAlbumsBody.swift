import AlbumCore
import Foundation
import HTTP

/// Seed 000's JSON request bodies as types. A body that is not JSON, or a field of the wrong
/// type, is a 400 in the dialect's format; an optional body may be empty.
enum SharedAlbumsBody {
    /// `{"albumName": …}`: a string, null, or any other scalar coerced to its string form
    /// (`42` → `"42"`, `true` → `"true"`); an object or array is refused.
    struct AlbumName: Decodable {
        let albumName: String?

        enum CodingKeys: String, CodingKey { case albumName }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard container.contains(.albumName), try !container.decodeNil(forKey: .albumName) else {
                albumName = nil
                return
            }
            if let text = try? container.decode(String.self, forKey: .albumName) {
                albumName = text
            } else if let number = try? container.decode(Int64.self, forKey: .albumName) {
                albumName = String(number)
            } else if let number = try? container.decode(Double.self, forKey: .albumName) {
                albumName = String(number)
            } else if let flag = try? container.decode(Bool.self, forKey: .albumName) {
                albumName = String(flag)
            } else {
                throw DecodingError.typeMismatch(
                    String.self, .init(codingPath: [CodingKeys.albumName], debugDescription: "albumName"))
            }
        }
    }

    /// `{"profiles":[{"profileId": …, "expirationType": "ONCE" | 1}]}`.
    struct Share: Decodable {
        struct Profile: Decodable {
            let profileId: Int64
            let expirationType: ShareExpiration

            enum CodingKeys: String, CodingKey { case profileId, expirationType }

            init(from decoder: Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                profileId = try container.decode(Int64.self, forKey: .profileId)
                let expiration: ShareExpiration?
                if let name = try? container.decode(String.self, forKey: .expirationType) {
                    expiration = ShareExpiration(rawValue: name)
                } else {
                    expiration = ShareExpiration(number: try container.decode(Int.self, forKey: .expirationType))
                }
                guard let expiration else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .expirationType, in: container,
                        debugDescription: "one of INDEFINITE, ONCE, TEN_MINUTES, ONE_HOUR, ONE_DAY (or 0-4)")
                }
                expirationType = expiration
            }
        }
        let profiles: [Profile]
    }

    /// `{"profiles":[{"profileId": …, "shareId": …}]}` (`shareId` may be 0).
    struct Unshare: Decodable {
        struct Profile: Decodable {
            let profileId: Int64
            let shareId: Int64?
        }
        let profiles: [Profile]
    }

    /// `{"contentIds": [...]}`.
    struct Order: Decodable { let contentIds: [Int64] }

    /// `{"profileId": …}`.
    struct ProfileQuery: Decodable { let profileId: Int64 }

    /// `{"ids": [...]}` (`content/chat/list-by-id`).
    struct Ids: Decodable { let ids: [Int64] }

    /// `{"count": …}` (`POST /v4/pics/expiring`).
    struct Count: Decodable { let count: Int }

    /// The feed's optional filters; `isFavorite` and `isOnline` mean nothing here.
    struct Feed: Decodable {
        var isFavorite: Bool?
        var isOnline: Bool?
        var onlyVideo: Bool?
        var blur: Bool?
    }

    /// `feed/update/read`: `{"itemId": album, "itemType": …, "targetProfileId": …}`.
    struct Read: Decodable {
        let itemId: Int64?
        let itemType: Int64?
        let targetProfileId: Int64?
    }

    /// `feed/paywall/`: `{"counterpartyId": profile | null}`.
    struct Paywall: Decodable { let counterpartyId: Int64? }

    /// The body as `T`; a missing or malformed one is a 400.
    static func decode<T: Decodable>(_ type: T.Type, _ context: Context) throws -> T {
        let bytes = try context.request.body.collect(limit: 1024 * 1024)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw HTTPError(.badRequest, "The body is not the JSON this endpoint takes.")
        }
    }

    /// The same for a body that may be left out: empty is `empty`.
    static func decode<T: Decodable>(_ type: T.Type, _ context: Context, empty: T) throws -> T {
        let bytes = try context.request.body.collect(limit: 1024 * 1024)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return empty }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw HTTPError(.badRequest, "The body is not the JSON this endpoint takes.")
        }
    }
}
