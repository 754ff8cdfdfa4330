import HTTP

/// The HTML pages (Chevereto's URL scheme, DESIGN §2): forms carry CSRF tokens, errors are
/// pages, and a missing session sends the browser to the login page.
enum PageRoutes {
    static let table = RouteTable(
        name: "pages", envelope: envelope, prefixes: ["/"], checksCSRF: true,
        endpoints: [
            Endpoint("GET", "/", .session, LibraryPage.show),
            Endpoint("GET", "/favourites", .session, LibraryPage.favourites),
            Endpoint("GET", "/search", .session, LibraryPage.search),
            Endpoint("GET", "/trash", .session, LibraryPage.trash),
            Endpoint("POST", "/trash", .session, Selection.trash),
            Endpoint("POST", "/items", .session, Selection.act),
            Endpoint("GET", "/media/:code/info", .session, InfoPanel.fragment),
            Endpoint("POST", "/media/:code/labels", .session, InfoPanel.updateLabels),
            Endpoint("GET", "/login", .optionalSession, LoginPage.show),
            Endpoint("POST", "/login", .optionalSession, LoginPage.submit),
            Endpoint("POST", "/logout", .ownSession, LoginPage.logout),
            Endpoint("POST", "/manage-as", .ownSession, ManageAs.switchTo),
            Endpoint("POST", "/albums", .session, AlbumPage.create),
            Endpoint("GET", "/album/:name", .session, AlbumPage.show),
            Endpoint("POST", "/album/:code/edit", .session, AlbumPage.edit),
            Endpoint("POST", "/album/:code/items", .session, AlbumPage.items),
            Endpoint("POST", "/album/:code/order", .session, AlbumPage.order),
            Endpoint("POST", "/album/:code/delete", .session, AlbumPage.delete),
            Endpoint("GET", "/album/:code/zip", .session, AlbumPage.zip),
            Endpoint("POST", "/album/:code/share", .session, AlbumPage.share),
            Endpoint("POST", "/album/:code/unshare", .session, AlbumPage.unshare),
            Endpoint("POST", "/album/:code/link", .session, AlbumPage.link),
            Endpoint("POST", "/album/:code/public", .session, AlbumPage.makePublic),
            Endpoint("GET", "/shared", .session, SharedPages.inbox),
            Endpoint("GET", "/shared/:code", .session, SharedPages.album),
            Endpoint("POST", "/shared/:code/open", .session, SharedPages.open),
            Endpoint("GET", "/shared/:code/item/:item", .session, SharedPages.item),
            Endpoint("GET", "/shared/:code/labels/:item", .session, SharedPages.labels),
            Endpoint("POST", "/shared/:code/labels/:item", .session, SharedPages.updateLabels),
            Endpoint("GET", "/s/:secret", .pathSecret, LinkPage.show),
            Endpoint("POST", "/s/:secret", .pathSecret, LinkPage.unlock),
            Endpoint("GET", "/u/:username", .optionalSession, PublicPages.profile),
            Endpoint("GET", "/u/:username/:album", .optionalSession, PublicPages.album),
            Endpoint("GET", "/upload", .session, UploadPage.show),
            Endpoint("POST", "/upload", .session, uploads: true, UploadPage.submit),
            Endpoint("GET", "/image/:name", .optionalSession, ViewerPage.show),
            Endpoint("GET", "/video/:name", .optionalSession, ViewerPage.show),
            Endpoint("GET", "/image/:code/delete/:secret", .pathSecret, ViewerPage.confirmDelete),
            Endpoint("POST", "/image/:code/delete/:secret", .pathSecret, ViewerPage.delete),
            Endpoint("GET", "/video/:code/delete/:secret", .pathSecret, ViewerPage.confirmDelete),
            Endpoint("POST", "/video/:code/delete/:secret", .pathSecret, ViewerPage.delete),
            Endpoint("GET", "/settings", .ownSession, SettingsPage.show),
            Endpoint("POST", "/settings/password", .ownSession, SettingsPage.changePassword),
            Endpoint("GET", "/settings/api", .ownSession, SettingsAPIPage.show),
            Endpoint("POST", "/settings/api/keys", .ownSession, SettingsAPIPage.create),
            Endpoint("POST", "/settings/api/keys/:id/revoke", .ownSession, SettingsAPIPage.revoke),
            Endpoint("POST", "/settings/api/sharex", .ownSession, SettingsAPIPage.sharex),
            Endpoint("GET", "/settings/gallery", .ownSession, GallerySettingsPage.show),
            Endpoint("POST", "/settings/gallery/subscribers", .ownSession, GallerySettingsPage.add),
            Endpoint("POST", "/settings/gallery/subscribers/:id/remove", .ownSession, GallerySettingsPage.remove),
            Endpoint("GET", "/admin/users", .adminSession, AdminPages.users),
            Endpoint("POST", "/admin/users", .adminSession, AdminPages.createUser),
            Endpoint("POST", "/admin/users/:id", .adminSession, AdminPages.updateUser),
            Endpoint("GET", "/admin/groups", .adminSession, AdminPages.groups),
            Endpoint("POST", "/admin/groups", .adminSession, AdminPages.createGroup),
            Endpoint("POST", "/admin/groups/:id/members", .adminSession, AdminPages.membership),
            Endpoint("GET", "/admin/plans", .adminSession, PlansPage.show),
            Endpoint("POST", "/admin/plans", .adminSession, PlansPage.create),
            Endpoint("POST", "/admin/plans/:id", .adminSession, PlansPage.update),
        ])

    /// Error pages (403, 404, 500, …) in the site's layout; a page that needs a session
    /// redirects to the login form and comes back afterwards.
    static let envelope = ErrorEnvelope { problem, context in
        let request = context.request
        if problem.status == .unauthorized && request.isSafeMethod {
            let back = request.rawPath + (request.queryString.isEmpty ? "" : "?" + request.queryString)
            return .redirect(to: Page.login(next: back == "/" ? nil : back).path, status: .found)
        }
        let model = ErrorModel(status: problem.status.code, reason: problem.status.reason, message: problem.message)
        var response: Response
        do {
            response = try context.views.page(
                "pages/error", Layout(context, title: problem.status.reason), model, status: problem.status)
        } catch {
            response = .text("\(problem.status.code) \(problem.message)\n", status: problem.status)
        }
        for (name, value) in problem.headers { response.headers.add(name, value) }
        return response
    }

    struct ErrorModel: Encodable {
        let status: Int
        let reason: String
        let message: String
    }
}
