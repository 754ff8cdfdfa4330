import AlbumCore
import ArgumentParser

/// `albumen plan create|set --name N` with one option per limit of seed 000's storage answer,
/// spelled as argument-parser spells the field.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Manage plans (what users may store and share).",
        subcommands: [Create.self, Set.self, List.self])

    /// The limits, each optional: given ones are set, others left (create: unlimited).
    struct Limits: ParsableArguments {
        @Option(help: "Albums a user may have.") var maxAlbums: Int?
        @Option(help: "Items in one album.") var maxContentItemsPerAlbum: Int?
        @Option(help: "People one album may be shared with.") var maxShares: Int?
        @Option(help: "Shared albums a user may have open at once.") var maxViewableAlbums: Int?
        @Option(help: "Videos in the shared albums a user has open at once.") var maxViewableVideos: Int?
        @Option(help: "Largest file, in bytes.") var maxContentSize: Int?
        @Option(help: "Longest video, in milliseconds.") var maxVideoLength: Int?
        @Option(help: "Shortest video, in milliseconds.") var minVideoLength: Int?
        @Option(help: "Albums a user may share with anyone.") var maxShareableAlbums: Int?
        @Option(help: "Videos in one album.") var maxVideosPerAlbum: Int?

        /// The changes these options make; with `unlimitedBy`, that value (-1) makes a limit
        /// unlimited again.
        func changes(unlimitedBy: Int? = nil) -> PlanChanges {
            let given: [(PlanField, Int?)] = [
                (.maxAlbums, maxAlbums), (.maxContentItemsPerAlbum, maxContentItemsPerAlbum), (.maxShares, maxShares),
                (.maxViewableAlbums, maxViewableAlbums), (.maxViewableVideos, maxViewableVideos),
                (.maxContentSize, maxContentSize), (.maxVideoLength, maxVideoLength), (.minVideoLength, minVideoLength),
                (.maxShareableAlbums, maxShareableAlbums), (.maxVideosPerAlbum, maxVideosPerAlbum),
            ]
            var changes = PlanChanges()
            for case let (field, value?) in given { field.set(value == unlimitedBy ? nil : value, in: &changes) }
            return changes
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a plan; a limit not given is unlimited. Prints its id.")
        @Option var name: String
        @OptionGroup var limits: Limits

        func run() throws {
            print(try Environment().library.createPlan(named: name, limits.changes()).id ?? 0)
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the limits given of a plan (-1 makes one unlimited); the others stay.")
        @Option var name: String
        @OptionGroup var limits: Limits

        func run() throws {
            try Environment().library.updatePlan(named: name, limits.changes(unlimitedBy: -1))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every plan and its limits.")

        func run() throws {
            for plan in try Environment().library.plans() {
                print(PlanCommand.describe(plan))
            }
        }
    }

    /// `name: max-albums=3 max-shares=unlimited …`.
    static func describe(_ plan: Plan) -> String {
        plan.name + ":"
            + PlanField.allCases.map { " \($0.rawValue)=\($0.value(of: plan).map(String.init) ?? "unlimited")" }
            .joined()
    }
}
