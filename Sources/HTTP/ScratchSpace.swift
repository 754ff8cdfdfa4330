import Foundation

/// Temporary files that belong to one request; whatever is still there when the request is done
/// is removed. A file that a use case moved into the blob store is simply gone by then.
public final class ScratchSpace: @unchecked Sendable {
    public let directory: String
    private var paths: [String] = []
    private let lock = NSLock()

    public init(directory: String) {
        self.directory = directory
    }

    /// A new, empty, private (0600) file in the scratch directory.
    public func makeFile(suffix: String = "") throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/upload-" + UUID().uuidString.lowercased() + suffix
        // open(2) itself: FileManager.createFile writes a hidden `.dat.nosync…` file and renames
        // it, and a crash in between left that file behind for good.
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw HTTPError(.internalServerError, "A temporary file could not be created.") }
        close(descriptor)
        lock.withLock { paths.append(path) }
        return path
    }

    public func removeAll() {
        let taken = lock.withLock {
            defer { paths.removeAll() }
            return paths
        }
        for path in taken { unlink(path) }
    }

    deinit { removeAll() }
}
