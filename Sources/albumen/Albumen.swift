import AlbumCore
import ArgumentParser
import Foundation
import Logging

/// The `albumen` command: `serve` and the administration subcommands.
@main
struct Albumen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A self-hosted photo and video album server (FastCGI behind nginx).",
        subcommands: [
            Serve.self, Migrate.self, UserCommand.self, KeyCommand.self, TokenCommand.self, Import.self, Sweep.self,
            BackupCommand.self, RestoreCommand.self, Check.self, Routes.self, BenchThumbnail.self,
        ],
        defaultSubcommand: Serve.self)
}

/// What most subcommands start with: the configuration and the migrated database.
struct Environment {
    let configuration: Configuration
    let database: AppDatabase

    init() throws {
        configuration = try Configuration.fromEnvironment()
        try configuration.makeDataDirectory()
        database = try AppDatabase(path: configuration.databasePath, readers: configuration.threads)
    }

    var accounts: Accounts { Accounts(database: database) }
    var library: Library {
        Library(database: database, blobs: BlobStore(root: configuration.blobDirectory), settings: configuration.media)
    }
}
