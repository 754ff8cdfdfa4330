import AlbumCore
import ArgumentParser

/// `albumen subscription add|remove|list`: who may see a user's private gallery (seed 001),
/// the same grants as the owner's `/settings/gallery` page.
struct SubscriptionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscription", abstract: "Grant or revoke access to a user's private gallery.",
        subcommands: [Add.self, Remove.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let SUBSCRIBER see OWNER's private gallery.")
        @Option(help: "The gallery's owner (a username).") var owner: String
        @Option(help: "Who may see it (a username).") var subscriber: String

        func run() throws {
            let environment = try Environment()
            let (owner, subscriber) = try SubscriptionCommand.users(owner, subscriber, environment)
            try environment.services.galleries.subscribe(ownerId: owner, subscriberId: subscriber)
            print("\(self.subscriber) now sees \(self.owner)'s private gallery.")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop SUBSCRIBER seeing OWNER's private gallery.")
        @Option(help: "The gallery's owner (a username).") var owner: String
        @Option(help: "Who saw it (a username).") var subscriber: String

        func run() throws {
            let environment = try Environment()
            let (owner, subscriber) = try SubscriptionCommand.users(owner, subscriber, environment)
            guard try environment.services.galleries.unsubscribe(ownerId: owner, subscriberId: subscriber) else {
                throw ValidationError("\(self.subscriber) does not subscribe to \(self.owner)'s private gallery.")
            }
            print("\(self.subscriber) no longer sees \(self.owner)'s private gallery.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print who subscribes to OWNER's private gallery.")
        @Option(help: "The gallery's owner (a username).") var owner: String

        func run() throws {
            let environment = try Environment()
            guard let id = try environment.accounts.user(named: owner)?.id else {
                throw ValidationError("There is no user called \(owner).")
            }
            for user in try environment.services.galleries.subscribers(ownerId: id) { print(user.username) }
        }
    }

    /// Both users' ids; a name nobody has is a usage error naming it.
    static func users(_ owner: String, _ subscriber: String, _ environment: Environment) throws -> (Int64, Int64) {
        guard let ownerId = try environment.accounts.user(named: owner)?.id else {
            throw ValidationError("There is no user called \(owner).")
        }
        guard let subscriberId = try environment.accounts.user(named: subscriber)?.id else {
            throw ValidationError("There is no user called \(subscriber).")
        }
        guard ownerId != subscriberId else { throw ValidationError("Everyone sees their own gallery already.") }
        return (ownerId, subscriberId)
    }
}
