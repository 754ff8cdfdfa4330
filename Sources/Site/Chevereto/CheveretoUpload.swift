import AlbumCore
import Foundation
import HTTP

/// `POST|GET /api/1/upload`: every parameter from the body or the query string (PHP's
/// `$_REQUEST`, the body winning), `source` as a file part, base64 or a URL, and the answer as
/// JSON, the bare file URL (`txt`) or a redirect to the viewer.
extension Chevereto {
    enum Format {
        case json, txt, redirect

        /// Unknown values are JSON, like the original.
        init(_ text: String?) {
            switch text?.lowercased() {
            case "txt": self = .txt
            case "redirect": self = .redirect
            default: self = .json
            }
        }
    }

    /// A request parameter from the form body, else the query.
    static func parameter(_ name: String, _ context: Context) -> String? {
        (try? context.form())?[name] ?? context.query[name]
    }

    func upload(_ context: Context, _ user: User) throws -> Response {
        let value = { (name: String) in Self.parameter(name, context).flatMap { $0.isEmpty ? nil : $0 } }
        // Everything that can be refused cheaply is read before the source is fetched.
        let format = Format(value("format"))
        var request = ImportRequest(ownerId: user.id ?? 0, file: "", originalFilename: "")
        request.expiresAt = try Expiration.date(value("expiration"))
        request.albumId = album(value("album_id"), of: user, context)
        request.title = value("title") ?? value("name")
        request.titleLimit = 100
        request.description = value("description") ?? ""
        request.tags = ImportRequest.tags(fromList: value("tags"))
        request.nsfw = value("nsfw") == "1"
        // Chevereto clients paste the URL into chats: it must open for anyone (DESIGN §3).
        request.visibility = .link
        request.uploaderIp = context.request.remoteAddress
        request.useFileDate = user.isAdmin && value("use_file_date") == "1"
        request.refuseRecentDuplicate = configuration.refuseDuplicates && !user.isAdmin
        let deleteSecret = Secrets.hex((0..<24).map { _ in UInt8.random(in: 0...255) })
        request.deleteSecretHash = Secrets.hash(deleteSecret)

        let source = try Source.read(context, user: user, fetcher: fetcher)
        request.file = source.path
        request.originalFilename = source.filename
        let entry = try library.importMedia(request)
        let image = try CheveretoImage(
            entry, context, width: value("width").flatMap { Int($0) }, categoryId: value("category_id"),
            resource: source.kind, tags: request.tags, deleteSecret: deleteSecret)

        switch format {
        case .txt:
            return .text(image.url)
        case .redirect:
            return .redirect(to: image.pathViewer, status: .found)
        case .json where source.isImgBB:
            // ImgBB's shape: `data` instead of `image`, `success` and `status`, `data.id`.
            var data = image.object
            data["id"] = .string(image.code)
            let body: JSONValue = [
                "status_code": 200, "success": true, "status": 200, "data": data, "status_txt": "OK",
            ]
            return try .json(body)
        case .json:
            let body: JSONValue = [
                "status_code": 200, "success": ["message": "file uploaded", "code": 200], "image": image.object,
                "status_txt": "OK",
            ]
            return try .json(body)
        }
    }

    /// The album of an encoded `album_id`, if the key's user owns it. Anything else is dropped
    /// and logged, as the original does: screenshot tools cannot show such an error.
    private func album(_ code: String?, of user: User, _ context: Context) -> Int64? {
        guard let code else { return nil }
        if let id = links.albumCodes.decode(code),
            (try? library.ownsAlbum(id: id, ownerId: user.id ?? 0)) == true
        {
            return id
        }
        logger.warning(
            "\(context.request.id) chevereto upload: album_id \(code) is not \(user.username)'s; uploading without album"
        )
        return nil
    }
}
