import AlbumCore
import ArgumentParser
import Foundation
import Logging
import Site

/// The `albumen` command: `serve` and the administration subcommands.
@main
struct Albumen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A self-hosted photo and video album server (FastCGI behind nginx).",
        subcommands: [
            Serve.self, Migrate.self, UserCommand.self, PlanCommand.self, KeyCommand.self, TokenCommand.self,
            SubscriptionCommand.self, Import.self, Sweep.self,
            BackupCommand.self, RestoreCommand.self, Check.self, StorageCommand.self, Routes.self, BenchCommand.self,
        ],
        defaultSubcommand: Serve.self)
}

/// What every subcommand starts with: the configuration and the services `Services.build`
/// wires (the database opened and migrated).
struct Environment {
    let configuration: Configuration
    let services: Services

    /// `pages`: load the templates too (only `serve` renders pages). The store is checked (it
    /// answers, with these keys, and holds this library) unless `checkStorage` is off (`storage
    /// migrate`, which works on both).
    init(
        _ configuration: Configuration? = nil, pages: Bool = false, checkStorage: Bool = true,
        logger: Logger = Logger(label: "albumen")
    ) throws {
        let configuration = try configuration ?? Configuration.fromEnvironment()
        self.configuration = configuration
        try configuration.makeDataDirectory()
        services = try Services.build(configuration.services(pages: pages, logger: logger))
        if checkStorage {
            do {
                try services.library.blobs.verify()
                try StorageLocation(database: services.database).claim(configuration.storage)
            } catch let error as LibraryError {
                throw ConfigurationError("\(error)")
            }
        }
    }

    var database: AppDatabase { services.database }
    var accounts: Accounts { services.accounts }
    var library: Library { services.library }
}
