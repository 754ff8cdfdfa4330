import AlbumCore
import ArgumentParser
import Foundation

/// `albumen storage migrate --to s3|local`: moves the library's files to the other store.
struct StorageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage", abstract: "Where the media files are kept.", subcommands: [StorageMigrate.self])
}

struct StorageMigrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy every media file to the other store (local disk or the ALBUMEN_S3_* bucket) and switch to it.",
        discussion: """
            Each copy is read back and its SHA-256 compared before it counts; a killed run resumes where it \
            stopped; the library is switched only when every file is there and verified, and only while \
            `albumen serve` is stopped (copying may run while it serves). The source keeps its files. \
            Afterwards set ALBUMEN_STORAGE to the new store and start the server again.
            """)

    @Option(help: "The store to move to: s3 or local.") var to: String

    func run() throws {
        guard let target = StorageKind(rawValue: to) else {
            throw ValidationError("--to must be s3 or local")
        }
        let environment = try Environment(checkStorage: false)
        let configuration = environment.configuration
        let location = StorageLocation(database: environment.database)
        let sourceKind = try location.recorded()
        let source = try configuration.blobStore(sourceKind)
        let destination = try configuration.blobStore(target)
        do {
            try source.verify()
            try destination.verify()
        } catch let error as LibraryError {
            throw ConfigurationError("\(error)")
        }
        var last = Date.distantPast
        let outcome = try StorageMigration(
            database: environment.database, from: source, to: destination, targetKind: target
        ).run(
            report: { progress in
                // Ten lines a second at most, and the last one.
                guard Date().timeIntervalSince(last) >= 0.1 || progress.copied + progress.skipped == progress.total
                else { return }
                last = Date()
                // Unbuffered: someone watching (or a test killing the run) sees where it is.
                FileHandle.standardOutput.write(
                    Data(
                        ("\(progress.copied + progress.skipped)/\(progress.total) files "
                            + "(\(progress.copied) copied and verified, \(progress.skipped) there already), "
                            + "\(progress.bytes / 1_048_576) MB\n").utf8))
            },
            canSwitch: { try Self.refuseWhileServing(configuration.socket) })
        switch outcome {
        case .alreadyThere:
            print("The library is on \(target.description) already.")
        case .switched(let progress):
            print(
                "All \(progress.total) files are on \(target.description) and verified (\(progress.copied) copied now, "
                    + "\(progress.skipped) there already); the library now uses it. "
                    + "Set ALBUMEN_STORAGE=\(target.rawValue) and start albumen serve. "
                    + "The files on \(sourceKind.description) were kept; remove them when you no longer need them.")
        }
    }

    /// A running `serve` keeps writing new uploads to the old store: switching under it would
    /// lose them. Its socket answering means it runs.
    static func refuseWhileServing(_ socket: String) throws {
        let descriptor = Foundation.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socket.utf8.prefix(MemoryLayout.size(ofValue: address.sun_path) - 1))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected == 0 {
            throw ConfigurationError(
                "every file is copied and verified, but albumen serve is running (\(socket) answers): "
                    + "stop it and run this again to switch (the next run copies only what was added meanwhile)")
        }
    }
}
