import AlbumCore
import ArgumentParser
import Foundation
import Site

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or migrate the database, then exit.")

    func run() throws {
        let environment = try Environment()
        print(try environment.database.appliedMigrations().joined(separator: "\n"))
    }
}

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Add.self, Passwd.self, PlanOf.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user and print its id.")
        @Option var username: String
        @Option(help: "The password; read from standard input when omitted.") var password: String?
        @Flag var admin = false

        func run() throws {
            let user = try Environment().accounts.createUser(
                username: username, password: try password ?? readSecret(), role: admin ? .admin : .user)
            print(user.id ?? 0)
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (ends their sessions).")
        @Option var username: String
        @Option(help: "The password; read from standard input when omitted.") var password: String?

        func run() throws {
            try Environment().accounts.setPassword(username: username, password: try password ?? readSecret())
        }
    }
}

extension UserCommand {
    struct PlanOf: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "plan", abstract: "Put a user on a plan.")
        @Option var username: String
        @Option(help: "The plan's name; \"default\" for the configured default.") var plan: String

        func run() throws {
            let environment = try Environment()
            guard let user = try environment.accounts.user(named: username), let id = user.id else {
                throw ConfigurationError("no user \(username)")
            }
            try environment.library.assignPlan(named: plan == "default" ? nil : plan, toUser: id)
        }
    }
}

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "API keys.", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key; prints it alone, once.")
        @Option var user: String
        @Option var name: String = ""

        func run() throws {
            print(try Environment().accounts.createAccessKey(.apiKey, for: user, name: name))
        }
    }
}

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Bearer tokens.", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a bearer token; prints it alone, once.")
        @Option var user: String
        @Option var name: String = ""
        @Option(help: "Days until it expires; never when omitted.") var days: Int?

        func run() throws {
            print(try Environment().accounts.createAccessKey(.token, for: user, name: name, days: days))
        }
    }
}

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print every route: method, path, credential, table.")

    func run() throws {
        print(try Site.routeList(), terminator: "")
    }
}

private func readSecret() throws -> String {
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ConfigurationError("no password given (use --password or standard input)")
    }
    return line
}
