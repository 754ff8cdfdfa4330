import AlbumCore
import Foundation
import HTTP

/// Albumen's own media API: upload a file (multipart `file`) and list one's media, with
/// signed URLs.
extension ServiceAPI {
    /// Keys in sorted order in `write(to:)`, as `JSON.encoder` sorts them; `duration` only for
    /// videos (synthesized `Encodable` leaves a nil out).
    struct Item: Encodable, JSONWritable {
        let id: Int64
        let uuid: String
        let kind: String
        let mime: String
        let title: String
        let width: Int
        let height: Int
        let duration: Double?
        let size: Int
        let createdAt: String
        let url: String
        let thumbUrl: String

        enum CodingKeys: String, CodingKey {
            case id, uuid, kind, mime, title, width, height, duration, size, url
            case createdAt = "created_at"
            case thumbUrl = "thumb_url"
        }

        func write(to writer: inout JSONWriter) {
            writer.object { json in
                json.key("created_at")
                json.string(createdAt)
                if let duration {
                    json.key("duration")
                    json.double(duration)
                }
                json.key("height")
                json.int(height)
                json.key("id")
                json.int(id)
                json.key("kind")
                json.string(kind)
                json.key("mime")
                json.string(mime)
                json.key("size")
                json.int(size)
                json.key("thumb_url")
                json.string(thumbUrl)
                json.key("title")
                json.string(title)
                json.key("url")
                json.string(url)
                json.key("uuid")
                json.string(uuid)
                json.key("width")
                json.int(width)
            }
        }
    }

    func uploadMedia(_ context: Context, _ user: User) throws -> Response {
        let form = try context.multipart()
        guard let file = form.file("file") else {
            throw HTTPError(.badRequest, "Send the file in a part named \"file\".")
        }
        var request = ImportRequest(ownerId: user.id ?? 0, file: file.path, originalFilename: file.filename)
        request.title = form.fields["title"]
        request.description = form.fields["description"] ?? ""
        request.tags = ImportRequest.tags(fromList: form.fields["tags"])
        request.nsfw = form.fields["nsfw"] == "1"
        request.uploaderIp = context.request.remoteAddress
        return .json(writing: describe(try library.importMedia(request)), status: .created)
    }

    func listMedia(_ context: Context, _ user: User) throws -> Response {
        try kept.listing(ownerId: user.id ?? 0, as: .nativeMedia) {
            let items = try library.media(ownerId: user.id ?? 0, limit: 100)
            return kept.jsonList(items, as: .nativeMedia) { describe($0) }
        }
    }

    func describe(_ entry: MediaEntry) -> Item {
        let (item, sha256, ext) = (entry.item, entry.sha256, entry.ext)
        let (base, signer) = (baseURL, links.signer)
        return Item(
            id: item.id ?? 0, uuid: item.uuid, kind: item.kind.rawValue, mime: item.mime, title: item.title,
            width: item.width, height: item.height, duration: item.duration, size: item.size,
            createdAt: Timestamp.iso8601(item.createdAt),
            url: base + signer.url(file: sha256 + "." + ext),
            thumbUrl: base + signer.url(file: sha256 + "." + Variant.thumb.suffix))
    }
}
