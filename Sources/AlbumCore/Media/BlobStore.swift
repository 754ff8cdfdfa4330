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

    /// Moves a finished temp file into place: fsync the file, rename (atomic on one file
    /// system), fsync the folder. When the blob exists already, the temp file is dropped.
    /// The size of a stored file; nil when it is not (or no longer) there.
    public func size(sha256: String, suffix: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path(sha256: sha256, suffix: suffix)))?[.size] as? Int
    }

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
        let folder = (path(sha256: sha256, suffix: "") as NSString).deletingLastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(sha256 + ".") }.count { unlink(folder + "/" + $0) == 0 }
    }

    /// Removes files whose hash is not in `known` and that are older than `cutoff` (younger
    /// ones may belong to an import about to commit); answers how many.
    public func removeStrays(known: Set<String>, olderThan cutoff: Date) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return 0 }
        var removed = 0
        for case let relative as String in walker {
            let name = (relative as NSString).lastPathComponent
            let bytes = name.utf8
            guard bytes.count > 65, bytes[bytes.index(bytes.startIndex, offsetBy: 64)] == UInt8(ascii: ".") else {
                continue
            }
            let path = root + "/" + relative
            if !known.contains(String(decoding: bytes.prefix(64), as: UTF8.self)), Self.modified(path) < cutoff,
                unlink(path) == 0
            {
                removed += 1
            }
        }
        return removed
    }

    /// Removes temp files a crash left behind (older than `age`).
    public func sweepTemporaries(olderThan age: TimeInterval, now: Date = Date()) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(".tmp-") {
            let path = root + "/" + name
            if now.timeIntervalSince(Self.modified(path)) > age, unlink(path) == 0 { removed += 1 }
        }
        return removed
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
