import AlbumCore
import ArgumentParser
import Foundation

/// `albumen backup`, `restore` and `check`: the data folder kept safe ("Running it safely" in
/// the README).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the database, the media and the secret into an empty folder (safe while serving).")
    @Option(help: "The folder to write; absent or empty.") var to: String

    func run() throws {
        let environment = try Environment()
        let configuration = environment.configuration
        let report = try Backup.write(
            database: environment.database, blobs: environment.library.blobs,
            secretFile: configuration.secret == nil ? configuration.dataDirectory + "/secret" : nil, to: to)
        print(
            "Backed up to \(to): \(report.blobs) blobs, \(report.linkedFiles) files linked, "
                + "\(report.copiedFiles) copied.")
        guard report.missing.isEmpty else {
            for path in report.missing { print("missing: \(path)") }
            throw ExitCode(1)
        }
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a backup into an empty data folder (ALBUMEN_DATA), then check it.")
    @Option(help: "A folder written by `albumen backup`.") var from: String

    func run() throws {
        // Not `Environment()`: that would create a database in the folder before the backup's.
        let configuration = try Configuration.fromEnvironment()
        let report = try Backup.restore(from: from, into: configuration.dataDirectory)
        print(
            "Restored \(report.blobs) blobs into \(configuration.dataDirectory) (\(report.linkedFiles) files linked, "
                + "\(report.copiedFiles) copied).")
        try Check.report(try Environment().library.check())
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the media files against the database; exits non-zero on any fault.")
    @Flag(help: "Also verify every original's SHA-256 and size.") var hash = false
    @Flag(help: "Make missing thumbnails and posters again; move orphaned files into lost+found.") var repair = false
    @Option(help: "Leave out files younger than this many seconds (an upload may be committing them).")
    var grace: Double = 600

    func run() throws {
        let environment = try Environment()
        let aside = environment.configuration.dataDirectory + "/lost+found"
        try Self.report(
            try environment.library.check(hash: hash, repair: repair, asideFolder: aside, grace: grace))
    }

    /// Prints the findings, one line each, then a summary; throws exit code 1 on any fault.
    static func report(_ report: Library.CheckReport) throws {
        for path in report.missing { print("missing: \(path)") }
        for path in report.corrupt { print("corrupt: \(path)") }
        for path in report.orphans { print("orphan: \(path)") }
        for path in report.remade { print("remade: \(path)") }
        for path in report.setAside { print("set aside: \(path)") }
        print(
            "\(report.blobs) blobs checked: \(report.missing.count) missing, \(report.corrupt.count) corrupt, "
                + "\(report.orphans.count) orphaned" + (report.isClean ? "; all well." : "."))
        if !report.isClean { throw ExitCode(1) }
    }
}
