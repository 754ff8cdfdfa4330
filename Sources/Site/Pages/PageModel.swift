/// What every page's layout needs: title, the signed-in user and the CSRF token of its forms.
enum PageModel {
    static func base(_ context: Context, title: String) -> [String: Any] {
        var model: [String: Any] = ["title": title, "links": links, "assets": context.views.assetVersion]
        if let user = context.user {
            model["user"] = ["username": user.username, "isAdmin": user.isAdmin]
        }
        // A slot (`{{{csrf}}}` in templates): masked afresh per response, nothing to escape.
        if let session = context.session { model["csrf"] = Slot(CSRFMask.mask(session.csrfToken)) }
        return model
    }

    private static let links: [String: String] = [
        "library": Page.library.path,
        "login": Page.login(next: nil).path,
        "logout": Page.logout.path,
        "settingsAPI": Page.settingsAPI.path,
        "settings": Page.settings.path,
        "upload": Page.upload.path,
        "adminUsers": Page.adminUsers.path,
        "adminGroups": Page.adminGroups.path,
    ]
}
