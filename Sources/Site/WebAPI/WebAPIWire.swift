import AlbumCore
import HTTP

/// Seed 004's objects on the wire. `Encodable` for the reference encoder (tests compare), and
/// written directly by `JSONWriter` in the listings, keys in sorted order as `JSON.encoder`
/// sorts them.
enum WebAPIWire {
    struct Photo: Encodable, JSONWritable {
        let id: String
        let userId: String
        /// Written as `null` when the photo is in no album (the seed shows the key always).
        let albumId: String?
        let blobURL: String
        let fileName: String
        let fileSize: Int
        let fileType: String
        let width: Int
        let height: Int
        let createdAt: String

        enum CodingKeys: String, CodingKey {
            case id, width, height
            case userId = "user_id"
            case albumId = "album_id"
            case blobURL = "blob_url"
            case fileName = "file_name"
            case fileSize = "file_size"
            case fileType = "file_type"
            case createdAt = "created_at"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(userId, forKey: .userId)
            try container.encode(albumId, forKey: .albumId)
            try container.encode(blobURL, forKey: .blobURL)
            try container.encode(fileName, forKey: .fileName)
            try container.encode(fileSize, forKey: .fileSize)
            try container.encode(fileType, forKey: .fileType)
            try container.encode(width, forKey: .width)
            try container.encode(height, forKey: .height)
            try container.encode(createdAt, forKey: .createdAt)
        }

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("album_id")
                json.string(albumId)
                json.key("blob_url")
                json.string(blobURL)
                json.key("created_at")
                json.string(createdAt)
                json.key("file_name")
                json.string(fileName)
                json.key("file_size")
                json.int(fileSize)
                json.key("file_type")
                json.string(fileType)
                json.key("height")
                json.int(height)
                json.key("id")
                json.string(id)
                json.key("user_id")
                json.string(userId)
                json.key("width")
                json.int(width)
            }
        }
    }

    struct Album: Encodable, JSONWritable {
        let id: String
        let userId: String
        let name: String
        let createdAt: String

        enum CodingKeys: String, CodingKey {
            case id, name
            case userId = "user_id"
            case createdAt = "created_at"
        }

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("created_at")
                json.string(createdAt)
                json.key("id")
                json.string(id)
                json.key("name")
                json.string(name)
                json.key("user_id")
                json.string(userId)
            }
        }
    }
}
