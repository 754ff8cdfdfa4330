import Foundation

/// Files addressed by their SHA-256 under `root`, fanned out as `ab/cd/<sha256>.<ext>`;
/// derivatives sit beside their original as `<sha256>.<variant>.jpg`. nginx serves this tree
/// through an internal location; the app only ever names paths it derived from a hash.
public struct BlobStore: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The path relative to `root` (what X-Accel-Redirect appends to nginx's internal location).
    public static func relativePath(sha256: String, suffix: String) -> String {
        let utf8 = sha256.utf8
        let first = String(decoding: utf8.prefix(2), as: UTF8.self)
        let second = String(decoding: utf8.dropFirst(2).prefix(2), as: UTF8.self)
        return first + "/" + second + "/" + sha256 + "." + suffix
    }

    public func path(sha256: String, suffix: String) -> String {
        root + "/" + Self.relativePath(sha256: sha256, suffix: suffix)
    }

    /// The size of a stored file; nil when it is not (or no longer) there.
    public func size(sha256: String, suffix: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path(sha256: sha256, suffix: suffix)))?[.size] as? Int
    }

    /// Moves a finished temp file into place: fsync the file, rename (atomic on one file
    /// system), fsync the folder. When the blob exists already, the temp file is dropped.
    public func adopt(_ temporary: String, sha256: String, suffix: String) throws {
        let target = path(sha256: sha256, suffix: suffix)
        if FileManager.default.fileExists(atPath: target) {
            unlink(temporary)
            return
        }
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.sync(temporary)
        guard rename(temporary, target) == 0 else {
            throw LibraryError.storage("cannot move the upload into place (errno \(errno))")
        }
        try Self.sync(folder)
    }

    /// A temp path in the store's own file system, for writing a derivative before adopting it.
    public func temporaryPath(suffix: String) throws -> String {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return root + "/.tmp-" + UUID().uuidString.lowercased() + "." + suffix
    }

    /// Removes every file of a blob (original and derivatives); answers how many.
    @discardableResult
    public func removeAll(sha256: String) -> Int {
        files(of: sha256).count { unlink(root + "/" + $0) == 0 }
    }

    /// Every file of a blob (original and derivatives), relative to `root`.
    public func files(of sha256: String) -> [String] {
        let relative = (Self.relativePath(sha256: sha256, suffix: "") as NSString).deletingLastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + relative)) ?? []
        return names.filter { $0.hasPrefix(sha256 + ".") }.map { relative + "/" + $0 }.sorted()
    }

    /// Removes files whose hash is not in `known` and that are older than `cutoff` (younger
    /// ones may belong to an import about to commit); answers how many.
    public func removeStrays(known: Set<String>, olderThan cutoff: Date) -> Int {
        strays(notIn: known, olderThan: cutoff).count { unlink(root + "/" + $0) == 0 }
    }

    /// Removes temp files a crash left behind (older than `age`).
    public func sweepTemporaries(olderThan age: TimeInterval, now: Date = Date()) -> Int {
        temporaries(olderThan: now.addingTimeInterval(-age)).count { unlink(root + "/" + $0) == 0 }
    }

    /// Strays and temp files older than `cutoff`, relative to `root`: what no row accounts for.
    public func files(notIn known: Set<String>, olderThan cutoff: Date) -> [String] {
        strays(notIn: known, olderThan: cutoff) + temporaries(olderThan: cutoff)
    }

    /// Stored files (`<sha256>.<suffix>`, relative paths) whose hash is not in `known`.
    private func strays(notIn known: Set<String>, olderThan cutoff: Date) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        for case let relative as String in walker {
            let name = (relative as NSString).lastPathComponent
            let bytes = name.utf8
            guard bytes.count > 65, bytes[bytes.index(bytes.startIndex, offsetBy: 64)] == UInt8(ascii: ".") else {
                continue
            }
            if !known.contains(String(decoding: bytes.prefix(64), as: UTF8.self)),
                Self.modified(root + "/" + relative) < cutoff
            {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    /// Temp files (`.tmp-*` at the root) older than `cutoff`.
    private func temporaries(olderThan cutoff: Date) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { $0.hasPrefix(".tmp-") && Self.modified(root + "/" + $0) < cutoff }.sorted()
    }

    /// A file's modification time; now when it cannot be read (so it is never taken as old).
    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? Date()
    }

    static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw LibraryError.storage("cannot open \(path) to sync") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw LibraryError.storage("fsync failed") }
    }
}
