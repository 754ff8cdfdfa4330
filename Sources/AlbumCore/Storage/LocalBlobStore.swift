import Foundation

/// Blobs in a folder of the data directory; nginx serves it through its internal `/_media/`
/// location (`alias …/blobs/`), with sendfile.
public struct LocalBlobStore: BlobStore {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var isRemote: Bool { false }
    public var scratchFolder: String { root }

    public func path(_ relative: String) -> String {
        root + "/" + relative
    }

    public func path(sha256: String, suffix: String) -> String {
        path(BlobPath.relative(sha256: sha256, suffix: suffix))
    }

    public func size(of relative: String) -> Int? {
        Self.fileSize(path(relative))
    }

    /// Moves a finished temp file into place: fsync the file, rename (atomic on one file
    /// system), fsync the folder. When the blob exists already, the temp file is dropped.
    public func adopt(_ temporary: String, as relative: String) throws {
        let target = path(relative)
        if access(target, F_OK) == 0 {
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

    public func localPath(_ relative: String) -> String? {
        path(relative)
    }

    public func withLocalFile<T>(_ relative: String, _ body: (String) throws -> T) throws -> T? {
        let file = path(relative)
        guard access(file, F_OK) == 0 else { return nil }
        return try body(file)
    }

    public func list(prefix: String) throws -> [StoredFile] {
        // Only the prefix's own folder is walked (a blob's files share one).
        let folder = prefix.contains("/") ? String(prefix[..<prefix.lastIndex(of: "/")!]) : ""
        let base = folder.isEmpty ? root : root + "/" + folder
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [StoredFile] = []
        for case let name as String in walker {
            let relative = folder.isEmpty ? name : folder + "/" + name
            guard relative.hasPrefix(prefix), !(name as NSString).lastPathComponent.hasPrefix(".tmp-") else {
                continue
            }
            var info = stat()
            guard stat(root + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            found.append(
                StoredFile(
                    relative: relative, size: Int(info.st_size),
                    modified: Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))))
        }
        return found
    }

    @discardableResult
    public func remove(_ relative: String) -> Bool {
        unlink(path(relative)) == 0
    }

    public func accelTarget(_ relative: String) -> String {
        "/_media/" + relative
    }

    public func verify() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        guard access(root, W_OK) == 0 else { throw LibraryError.storage("cannot write to the blob folder \(root)") }
    }

    /// A file's modification time; now when it cannot be read (so it is never taken as old).
    static func modified(_ path: String) -> Date {
        var info = stat()
        guard stat(path, &info) == 0 else { return Date() }
        return Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
    }

    static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw LibraryError.storage("cannot open \(path) to sync") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw LibraryError.storage("fsync failed") }
    }
}

extension LocalBlobStore {
    /// A local file's size; nil when it is not there.
    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}
