import AlbumCore
import HTTP

/// `/settings/gallery`: who may see your private gallery (your private photos and videos): on
/// your profile page and through the Pictures API. The owner grants and revokes; the CLI's
/// `albumen subscription` does the same.
enum GallerySettingsPage {
    struct Model: Encodable {
        struct Subscriber: Encodable {
            let username: String
            let remove: String
        }

        let subscribers: [Subscriber]
        let none: Bool
        let add: String
        let profile: String
    }

    static func show(_ context: Context, _ user: User) throws -> Response {
        let subscribers = try context.services.galleries.subscribers(ownerId: user.id ?? 0)
        let model = Model(
            subscribers: subscribers.map {
                Model.Subscriber(username: $0.username, remove: Page.settingsGalleryRemove(userId: $0.id ?? 0).path)
            }, none: subscribers.isEmpty,
            add: Page.settingsGalleryAdd.path, profile: Page.profile(username: user.username).path)
        return try context.views.page("pages/settings-gallery", Layout(context, title: "Private gallery"), model)
    }

    /// `POST /settings/gallery/subscribers` `username=`.
    static func add(_ context: Context, _ user: User) throws -> Response {
        let name = (try context.form()["username"] ?? "").trimmingCharacters(in: .whitespaces)
        return try Notice.redirect(context, to: Page.settingsGallery.path) {
            guard let subscriber = try context.services.accounts.user(named: name), !subscriber.disabled else {
                throw HTTPError(.badRequest, "There is no user called \(name).")
            }
            try context.services.galleries.subscribe(ownerId: user.id ?? 0, subscriberId: subscriber.id ?? 0)
            return "\(subscriber.username) now sees your private gallery."
        }
    }

    /// `POST /settings/gallery/subscribers/{id}/remove`.
    static func remove(_ context: Context, _ user: User) throws -> Response {
        guard let id = Int64(context.parameters["id"] ?? "") else { throw HTTPError(.notFound, "No such subscriber.") }
        return try Notice.redirect(context, to: Page.settingsGallery.path) {
            let name = try context.services.galleries.liveUser(id: id)?.username ?? "They"
            guard try context.services.galleries.unsubscribe(ownerId: user.id ?? 0, subscriberId: id) else {
                return nil
            }
            return "\(name) no longer sees your private gallery."
        }
    }
}
