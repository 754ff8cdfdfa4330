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
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw HTTPError(.internalServerError, "A temporary file could not be created.") }
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
