/// What every page's layout needs: title, the signed-in user, the CSRF token of its forms, the
/// site's links and the assets' version. A page's own model sits beside it (`PageModel`).
struct Layout: Encodable {
    struct SignedIn: Encodable {
        let username: String
        let isAdmin: Bool
    }

    let title: String
    let links: [String: String]
    let assets: String
    let user: SignedIn?
    /// A slot (`{{{csrf}}}` in templates): masked afresh per response, nothing to escape.
    var csrf: Slot?
    /// What the last form did, or why it could not (`Notice`), shown once. Names no page model
    /// uses: both sit side by side at the top level of the template's context.
    let flashNotice: String?
    let flashProblem: String?
    /// A group manager acting for a member: who for, and the form that stops it.
    let managing: [String: String]?

    init(_ context: Context, title: String) {
        self.init(
            context, title: title, said: context.services.flash.take(session: context.sessionSecret),
            csrf: context.session.map { Slot(CSRFMask.mask($0.csrfToken)) })
    }

    /// The layout with what the last form `said` (taken already) and `csrf` in the token's slot.
    init(_ context: Context, title: String, said: [String: String]?, csrf: Slot?) {
        self.title = title
        links = Self.links
        assets = context.views.assetVersion
        user = context.user.map { SignedIn(username: $0.username, isAdmin: $0.isAdmin) }
        self.csrf = csrf
        flashNotice = said?["notice"]
        flashProblem = said?["problem"]
        managing = context.manager.map { manager in
            ["manager": manager.username, "member": context.user?.username ?? "", "action": Page.manageAs.path]
        }
    }

    /// The token's own mark in its slot: a page kept for reuse (`Kept.page`) leaves the mark in
    /// and gets a freshly masked token in each response.
    static let keptCSRF = Slot(Slot.mark(csrfSlot))
    /// The token's slot is named by the `csrf` property (`TemplateEncoder` names slots by key).
    static let csrfSlot = "csrf"

    private static let links: [String: String] = [
        "library": Page.library.path,
        "login": Page.login(next: nil).path,
        "logout": Page.logout.path,
        "settingsAPI": Page.settingsAPI.path,
        "settings": Page.settings.path,
        "upload": Page.upload.path,
        "adminUsers": Page.adminUsers.path,
        "adminGroups": Page.adminGroups.path,
        "adminPlans": Page.adminPlans.path,
        "shared": Page.shared.path,
    ]
}

/// A page's model as its template sees it: the layout's fields and the page's own, side by side
/// at the top level.
struct PageModel<Content: Encodable>: Encodable {
    let layout: Layout
    let content: Content

    func encode(to encoder: Encoder) throws {
        try layout.encode(to: encoder)
        try content.encode(to: encoder)
    }
}
