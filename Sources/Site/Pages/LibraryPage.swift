import AlbumCore
import HTTP

/// The signed-in home: the user's library.
enum LibraryPage {
    static func show(_ context: Context) throws -> Response {
        let user = try context.requiredUser
        let summary = try context.site.library.summary(ownerId: user.id ?? 0)
        var model = PageModel.base(context, title: "Library")
        model["albums"] = summary.albums
        model["media"] = summary.media
        model["empty"] = summary.albums == 0 && summary.media == 0
        return try context.views.page("pages/library", model)
    }
}
