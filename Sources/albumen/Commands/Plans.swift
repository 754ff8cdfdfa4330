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
            func limit(_ value: Int?) -> Int?? {
                guard let value else { return nil }
                return value == unlimitedBy ? .some(nil) : .some(value)
            }
            func seconds(_ milliseconds: Int?) -> Double?? {
                guard let milliseconds else { return nil }
                return milliseconds == unlimitedBy ? .some(nil) : .some(Double(milliseconds) / 1000)
            }
            var changes = PlanChanges()
            changes.maxAlbums = limit(maxAlbums)
            changes.maxItemsPerAlbum = limit(maxContentItemsPerAlbum)
            changes.maxShares = limit(maxShares)
            changes.maxViewableAlbums = limit(maxViewableAlbums)
            changes.maxViewableVideos = limit(maxViewableVideos)
            changes.maxFileBytes = limit(maxContentSize)
            changes.maxVideoSeconds = seconds(maxVideoLength)
            changes.minVideoSeconds = seconds(minVideoLength)
            changes.maxShareableAlbums = limit(maxShareableAlbums)
            changes.maxVideosPerAlbum = limit(maxVideosPerAlbum)
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
        func show(_ value: Int?) -> String { value.map(String.init) ?? "unlimited" }
        func show(_ seconds: Double?) -> String { seconds.map { String(Int(($0 * 1000).rounded())) } ?? "unlimited" }
        return "\(plan.name): max-albums=\(show(plan.maxAlbums)) "
            + "max-content-items-per-album=\(show(plan.maxItemsPerAlbum)) max-shares=\(show(plan.maxShares)) "
            + "max-viewable-albums=\(show(plan.maxViewableAlbums)) max-viewable-videos=\(show(plan.maxViewableVideos)) "
            + "max-content-size=\(show(plan.maxFileBytes)) max-video-length=\(show(plan.maxVideoSeconds)) "
            + "min-video-length=\(show(plan.minVideoSeconds)) max-shareable-albums=\(show(plan.maxShareableAlbums)) "
            + "max-videos-per-album=\(show(plan.maxVideosPerAlbum))"
    }
}
