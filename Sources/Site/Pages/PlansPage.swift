import AlbumCore
import HTTP

/// `/admin/plans`, for administrators: every plan with its limits in a form to edit, and one to
/// create a plan. The fields are the limits of seed 000's storage answer, spelled as the
/// command line spells them; an empty box is no limit.
enum PlansPage {
    /// A limit as the page shows it: which one, its label and unit. Form fields are the command
    /// line's names with underscores (`max_albums`).
    struct Limit: Sendable {
        let plan: PlanField
        let label: String
        let unit: String?

        init(_ plan: PlanField, _ label: String, unit: String? = nil) {
            self.plan = plan
            self.label = label
            self.unit = unit
        }

        var field: String { plan.rawValue.replacingOccurrences(of: "-", with: "_") }
    }

    static let limits = [
        Limit(.maxAlbums, "Albums"), Limit(.maxContentItemsPerAlbum, "Items per album"),
        Limit(.maxVideosPerAlbum, "Videos per album"), Limit(.maxContentSize, "Largest file", unit: "bytes"),
        Limit(.maxVideoLength, "Longest video", unit: "ms"), Limit(.minVideoLength, "Shortest video", unit: "ms"),
        Limit(.maxShares, "People one album is shared with"), Limit(.maxShareableAlbums, "Albums shared"),
        Limit(.maxViewableAlbums, "Shared albums open at once"),
        Limit(.maxViewableVideos, "Videos in shared albums open at once"),
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
                        field: $0.field, label: $0.label, unit: $0.unit,
                        value: $0.plan.value(of: plan).map(String.init) ?? "")
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
                limit.plan.set(nil, in: &changes)
            } else if let value = Int(text), value >= 0 {
                limit.plan.set(value, in: &changes)
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
