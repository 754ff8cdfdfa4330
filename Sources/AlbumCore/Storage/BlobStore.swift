import Foundation

/// Where blobs live: files addressed by their SHA-256, fanned out as `ab/cd/<sha256>.<ext>`, with
/// derivatives beside their original as `<sha256>.<variant>.jpg`. Two stores keep that layout:
/// `LocalBlobStore` (a folder, the default) and `S3BlobStore` (a bucket of an S3-compatible
/// service). Either way nginx sends the bytes: `accelTarget` names the internal location the app
/// redirects to. Every name is relative (`BlobPath.relative`) and derived from a hash, never
/// taken from a request.
public protocol BlobStore: Sendable {
    /// True when asking whether a file exists costs a network round trip (the S3 store): the
    /// media route then redirects first and makes a lazy derivative only when nginx comes back
    /// with a miss.
    var isRemote: Bool { get }

    /// The size of a stored file; nil when it is not (or no longer) there.
    func size(of relative: String) -> Int?

    /// Stores a finished temp file (from `temporaryPath`, or an upload's temp file) under
    /// `relative` and removes the temp file. Written once: when the name exists already, the
    /// stored bytes stay and the temp file is dropped.
    func adopt(_ temporary: String, as relative: String) throws

    /// Runs `body` with a local file holding the bytes of `relative` (the store's own file, or
    /// a downloaded copy removed afterwards); nil when the file is not there.
    func withLocalFile<T>(_ relative: String, _ body: (String) throws -> T) throws -> T?

    /// The file's own path when the store is a local folder (a ZIP streams it in place); nil
    /// for a bucket, whose bytes `withLocalFile` fetches.
    func localPath(_ relative: String) -> String?

    /// Stored files whose relative names start with `prefix`, with their sizes and times.
    func list(prefix: String) throws -> [StoredFile]

    /// Removes one stored file; false when it was not there.
    @discardableResult
    func remove(_ relative: String) -> Bool

    /// The local folder temp files are written in before they are adopted (for the local store
    /// its own root, so adopting is a rename on one file system).
    var scratchFolder: String { get }

    /// The URI nginx's internal location serves `relative` at (X-Accel-Redirect).
    func accelTarget(_ relative: String) -> String

    /// Fails with a clear message when the store cannot be used (checked when `serve` starts).
    func verify() throws
}

/// A file a store holds.
public struct StoredFile: Sendable, Equatable {
    public var relative: String
    public var size: Int
    public var modified: Date

    public init(relative: String, size: Int, modified: Date) {
        self.relative = relative
        self.size = size
        self.modified = modified
    }

    /// The blob's SHA-256 when the name has the store's form (`<64 hex>.<suffix>`).
    public var sha256: String? { BlobPath.sha256(of: relative) }
}

/// The one naming rule of every store.
public enum BlobPath {
    /// `ab/cd/<sha256>.<suffix>` (what X-Accel-Redirect appends to nginx's internal location).
    public static func relative(sha256: String, suffix: String) -> String {
        let utf8 = sha256.utf8
        let first = String(decoding: utf8.prefix(2), as: UTF8.self)
        let second = String(decoding: utf8.dropFirst(2).prefix(2), as: UTF8.self)
        return first + "/" + second + "/" + sha256 + "." + suffix
    }

    /// The SHA-256 a relative name starts its file name with; nil when it has no such form.
    public static func sha256(of relative: String) -> String? {
        let name = relative.utf8.split(separator: UInt8(ascii: "/")).last ?? []
        guard name.count > 65, name[name.index(name.startIndex, offsetBy: 64)] == UInt8(ascii: ".") else {
            return nil
        }
        return String(decoding: name.prefix(64), as: UTF8.self)
    }

    /// True for an original's name (`ab/cd/<sha256>.jpg`), whose bytes hash to its name; false
    /// for a derivative's (`<sha256>.thumb.jpg`).
    public static func isOriginal(_ relative: String) -> Bool {
        let name = relative.utf8.split(separator: UInt8(ascii: "/")).last ?? []
        return name.count { $0 == UInt8(ascii: ".") } == 1
    }

    /// What every file of blob `sha256` starts with.
    static func prefix(of sha256: String) -> String {
        relative(sha256: sha256, suffix: "")
    }
}

extension BlobStore {
    public func size(sha256: String, suffix: String) -> Int? {
        size(of: BlobPath.relative(sha256: sha256, suffix: suffix))
    }

    public func contains(sha256: String, suffix: String) -> Bool {
        size(sha256: sha256, suffix: suffix) != nil
    }

    public func adopt(_ temporary: String, sha256: String, suffix: String) throws {
        try adopt(temporary, as: BlobPath.relative(sha256: sha256, suffix: suffix))
    }

    public func withLocalFile<T>(sha256: String, suffix: String, _ body: (String) throws -> T) throws -> T? {
        try withLocalFile(BlobPath.relative(sha256: sha256, suffix: suffix), body)
    }

    /// Every file of a blob (original and derivatives), relative.
    public func files(of sha256: String) -> [String] {
        ((try? list(prefix: BlobPath.prefix(of: sha256))) ?? []).map(\.relative).sorted()
    }

    /// Removes every file of a blob (original and derivatives); answers how many.
    @discardableResult
    public func removeAll(sha256: String) -> Int {
        files(of: sha256).count { remove($0) }
    }

    /// Stored files whose hash is not in `known` and that are older than `cutoff` (younger ones
    /// may belong to an import about to commit).
    public func strays(notIn known: Set<String>, olderThan cutoff: Date) throws -> [String] {
        try list(prefix: "").filter { file in
            guard let sha256 = file.sha256 else { return false }
            return !known.contains(sha256) && file.modified < cutoff
        }.map(\.relative).sorted()
    }

    /// Removes strays (see `strays`); answers how many.
    public func removeStrays(known: Set<String>, olderThan cutoff: Date) throws -> Int {
        try strays(notIn: known, olderThan: cutoff).count { remove($0) }
    }

    /// A local temp path for writing a derivative or an upload before adopting it.
    public func temporaryPath(suffix: String) throws -> String {
        try FileManager.default.createDirectory(atPath: scratchFolder, withIntermediateDirectories: true)
        return scratchFolder + "/.tmp-" + UUID().uuidString.lowercased() + "." + suffix
    }

    /// Temp files (`.tmp-*` in the scratch folder) older than `cutoff`, by name.
    public func temporaries(olderThan cutoff: Date) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scratchFolder)) ?? []
        return names.filter { $0.hasPrefix(".tmp-") && LocalBlobStore.modified(scratchFolder + "/" + $0) < cutoff }
            .sorted()
    }

    /// Removes temp files a crash left behind (older than `age`).
    public func sweepTemporaries(olderThan age: TimeInterval, now: Date = Date()) -> Int {
        temporaries(olderThan: now.addingTimeInterval(-age)).count { unlink(scratchFolder + "/" + $0) == 0 }
    }
}
