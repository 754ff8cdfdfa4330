import AlbumCore
import ArgumentParser
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import every photo and video below a folder; exits non-zero if any file failed.")
    @Argument(help: "The folder to import (read recursively; files are copied, never moved).") var directory: String
    @Option var user: String
    @Option(help: "Put the files in this album (created if needed).") var album: String?

    func run() throws {
        let environment = try Environment()
        guard let owner = try environment.accounts.user(named: user)?.id else {
            throw ValidationError("no user \(user)")
        }
        let library = environment.library
        let albumId = try album.map { try library.album(named: $0, ownerId: owner) }
        let files = Self.files(below: directory)
        let progress = ProgressBar(total: files.count)
        var failures: [(String, String)] = []
        var imported = 0
        var skipped = 0
        for file in files {
            progress.show(done: imported + skipped + failures.count, current: (file as NSString).lastPathComponent)
            do {
                if try library.hasMedia(sha256: FileDigest.of(file).sha256, ownerId: owner) {
                    skipped += 1
                    continue
                }
                // importMedia moves its input into the blob store: give it a copy.
                let copy = environment.configuration.scratchDirectory + "/import-" + UUID().uuidString
                try FileManager.default.createDirectory(
                    atPath: environment.configuration.scratchDirectory, withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: file, toPath: copy)
                defer { unlink(copy) }
                var request = ImportRequest(
                    ownerId: owner, file: copy, originalFilename: (file as NSString).lastPathComponent)
                request.albumId = albumId
                _ = try library.importMedia(request)
                imported += 1
            } catch {
                failures.append((file, Self.describe(error)))
            }
        }
        progress.finish(done: files.count)
        print("Imported \(imported), skipped \(skipped) duplicate\(skipped == 1 ? "" : "s"), failed \(failures.count).")
        for (file, why) in failures { print("  failed: \(file): \(why)") }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    static func files(below directory: String) -> [String] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }
            .filter { !(($0 as NSString).lastPathComponent.hasPrefix(".")) }
            .map { root + "/" + $0 }
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
            .sorted()
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case LibraryError.unsupportedType(let mime): "not a photo or video (\(mime))"
        case LibraryError.emptyFile: "empty file"
        case LibraryError.tooManyPixels(let width, let height, _): "too many pixels (\(width)×\(height))"
        case LibraryError.unreadable: "cannot be decoded (truncated or corrupt?)"
        case LibraryError.noVideoStream: "no video stream"
        case LibraryError.fileTooLarge(let limit): "larger than the plan's \(limit) bytes"
        case LibraryError.typeNotAllowed(let ext): "the plan does not allow .\(ext)"
        case LibraryError.limitReached(let limit): limit.description
        case LibraryError.videoLength(let seconds, _, _): "video length \(Int(seconds)) s is outside the plan"
        default: "\(error)"
        }
    }
}

/// `[#######.............]  7/20  IMG_0042.jpg` on a terminal; nothing when stderr is a file.
struct ProgressBar {
    let total: Int
    let interactive = isatty(2) == 1

    func show(done: Int, current: String) {
        guard interactive, total > 0 else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)  \(current.prefix(40))\u{1B}[K".utf8))
    }

    func finish(done: Int) {
        show(done: done, current: "")
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete expired media and remove blobs, stray files and temp files nothing references.")
    @Option(help: "Leave files younger than this many seconds (an upload may be committing them).")
    var grace: Double = 600

    func run() throws {
        let report = try Environment().library.sweep(grace: grace)
        print(
            "Expired media deleted: \(report.expiredMedia); blobs removed: \(report.removedBlobs); "
                + "stray files: \(report.strayFiles); temp files: \(report.temporaries).")
    }
}
