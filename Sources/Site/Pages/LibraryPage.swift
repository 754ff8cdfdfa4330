import AlbumCore
import HTTP

/// The signed-in home: the user's library, newest first. Thumbnails come through the same
/// signed URLs as the APIs' media, so nginx sends the bytes.
enum LibraryPage {
    static func show(_ context: Context) throws -> Response {
        let user = try context.requiredUser
        let summary = try context.site.library.summary(ownerId: user.id ?? 0)
        let recent = try context.site.library.media(ownerId: user.id ?? 0, limit: 60)
        var model = PageModel.base(context, title: "Library")
        model["albums"] = summary.albums
        model["media"] = summary.media
        model["empty"] = summary.albums == 0 && summary.media == 0
        model["items"] = recent.map { entry -> [String: Any] in
            let (item, sha256, _) = entry
            return [
                "title": item.title.isEmpty ? item.originalFilename : item.title,
                "thumb": context.site.signer.url(file: sha256 + "." + Variant.thumb.suffix),
                "isVideo": item.kind == .video,
            ]
        }
        return try context.views.page("pages/library", model)
    }
}
