import AlbumCore
import Foundation
import HTTP

extension Chevereto {
    /// The upload's bytes on disk, wherever `source` (or its ImgBB alias `image`) put them.
    struct Source {
        let path: String
        /// The client's name for it: a default title only.
        let filename: String
        /// `file`, `url` or `base64` (the answer's `file.resource.type`).
        let kind: String
        /// Sent as `image`: the answer takes ImgBB's shape.
        let isImgBB: Bool

        static func read(_ context: Context, user: User, fetcher: RemoteFetcher) throws -> Source {
            let request = context.request
            if request.contentType == "multipart/form-data" {
                let form = try context.multipart()
                if let file = form.file("source") ?? form.file("image") {
                    return Source(
                        path: file.path, filename: file.filename, kind: "file", isImgBB: file.field == "image")
                }
            }
            let named = parameter("source", context)
            guard let text = (named ?? parameter("image", context))?.trimmingCharacters(in: .whitespacesAndNewlines),
                !text.isEmpty
            else { throw CheveretoError("Empty upload source", code: 130) }
            guard let scratch = request.scratch else {
                throw HTTPError(.internalServerError, "No scratch space for uploads.")
            }
            let path = try scratch.makeFile()
            let lower = text.prefix(8).lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                guard user.isAdmin || fetcher.settings.enabledForEveryone else {
                    throw CheveretoError("URL uploading is disabled", code: 130)
                }
                let name = try fetcher.fetch(text, to: path)
                return Source(path: path, filename: name, kind: "url", isImgBB: named == nil)
            }
            guard !request.isSafeMethod else {
                throw CheveretoError("Upload using base64 source must be done using POST method.", code: 130)
            }
            try decodeBase64(text, to: path)
            return Source(path: path, filename: "", kind: "base64", isImgBB: named == nil)
        }

        /// Canonical base64 only (`Base64File`), as the original's strict check.
        static func decodeBase64(_ text: String, to path: String) throws {
            guard try Base64File.write(text, to: path) else { throw CheveretoError("Invalid base64 string", code: 120) }
        }
    }
}
