import AlbumCore
import HTTP

/// `/admin/plans`, for administrators: every plan with its limits in a form to edit, and one to
/// create a plan. The fields are the limits of seed 000's storage answer, spelled as the
/// command line spells them; an empty box is no limit.
enum PlansPage {
    /// A limit as the page shows it: form field, label, unit, and how it maps onto a plan.
    struct Limit: Sendable {
        let field: String
        let label: String
        let unit: String?
        let read: @Sendable (Plan) -> Int?
        let write: @Sendable (inout PlanChanges, Int?) -> Void
    }

    static let limits: [Limit] = [
        Limit(field: "max_albums", label: "Albums", unit: nil, read: { $0.maxAlbums }) { $0.maxAlbums = .some($1) },
        Limit(field: "max_content_items_per_album", label: "Items per album", unit: nil, read: { $0.maxItemsPerAlbum })
        {
            $0.maxItemsPerAlbum = .some($1)
        },
        Limit(field: "max_videos_per_album", label: "Videos per album", unit: nil, read: { $0.maxVideosPerAlbum }) {
            $0.maxVideosPerAlbum = .some($1)
        },
        Limit(field: "max_content_size", label: "Largest file", unit: "bytes", read: { $0.maxFileBytes }) {
            $0.maxFileBytes = .some($1)
        },
        Limit(
            field: "max_video_length", label: "Longest video", unit: "ms",
            read: { $0.maxVideoSeconds.map { Int(($0 * 1000).rounded()) } }
        ) { $0.maxVideoSeconds = .some($1.map { Double($0) / 1000 }) },
        Limit(
            field: "min_video_length", label: "Shortest video", unit: "ms",
            read: { $0.minVideoSeconds.map { Int(($0 * 1000).rounded()) } }
        ) { $0.minVideoSeconds = .some($1.map { Double($0) / 1000 }) },
        Limit(field: "max_shares", label: "People one album is shared with", unit: nil, read: { $0.maxShares }) {
            $0.maxShares = .some($1)
        },
        Limit(field: "max_shareable_albums", label: "Albums shared", unit: nil, read: { $0.maxShareableAlbums }) {
            $0.maxShareableAlbums = .some($1)
        },
        Limit(
            field: "max_viewable_albums", label: "Shared albums open at once", unit: nil, read: { $0.maxViewableAlbums }
        ) { $0.maxViewableAlbums = .some($1) },
        Limit(
            field: "max_viewable_videos", label: "Videos in shared albums open at once", unit: nil,
            read: { $0.maxViewableVideos }
        ) { $0.maxViewableVideos = .some($1) },
    ]

    static func show(_ context: Context) throws -> Response {
        let users = try context.services.accounts.users()
        let plans = try context.services.library.plans().map { plan in
            let count = users.filter { $0.user.planId == plan.id }.count
            return Model.Plan(
                id: plan.id ?? 0, name: plan.name, action: Page.adminPlans.path + "/\(plan.id ?? 0)",
                users: count == 1 ? "1 user" : "\(count) users",
                limits: limits.map {
                    Model.Field(
                        field: $0.field, label: $0.label, unit: $0.unit, value: $0.read(plan).map(String.init) ?? "")
                })
        }
        let model = Model(
            plans: plans, action: Page.adminPlans.path,
            blank: limits.map { Model.Field(field: $0.field, label: $0.label, unit: $0.unit, value: "") })
        return try context.views.page("pages/admin-plans", Layout(context, title: "Plans"), model)
    }

    static func create(_ context: Context) throws -> Response {
        let form = try context.form()
        try context.services.library.createPlan(named: form["name"] ?? "", try changes(form))
        return .redirect(to: Page.adminPlans.path)
    }

    static func update(_ context: Context) throws -> Response {
        guard let id = Int64(context.parameters["id"] ?? ""),
            let plan = try context.services.library.plans().first(where: { $0.id == id })
        else { throw HTTPError(.notFound, "No such plan.") }
        try context.services.library.updatePlan(named: plan.name, try changes(try context.form()))
        return .redirect(to: Page.adminPlans.path)
    }

    /// Every limit of the form: a number sets it, an empty box makes it unlimited.
    private static func changes(_ form: Parameters) throws -> PlanChanges {
        var changes = PlanChanges()
        for limit in limits {
            let text = (form[limit.field] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                limit.write(&changes, nil)
            } else if let value = Int(text), value >= 0 {
                limit.write(&changes, value)
            } else {
                throw HTTPError(.badRequest, "\(limit.label) is a whole number of at least 0, or empty for no limit.")
            }
        }
        return changes
    }

    struct Model: Encodable {
        struct Field: Encodable {
            let field: String
            let label: String
            let unit: String?
            let value: String
        }

        struct Plan: Encodable {
            let id: Int64
            let name: String
            let action: String
            let users: String
            let limits: [Field]
        }

        let plans: [Plan]
        let action: String
        let blank: [Field]
    }
}
