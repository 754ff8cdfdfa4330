import Crypto
import Foundation

/// SHA-256 (the blob's address) and MD5 (Chevereto's `md5`) of a file, in one read, or fed as
/// an upload is written so no second pass is needed.
public struct FileDigest: Sendable, Equatable {
    public let sha256: String
    public let md5: String
    public let size: Int

    public init(sha256: String, md5: String, size: Int) {
        self.sha256 = sha256
        self.md5 = md5
        self.size = size
    }

    public static func of(_ path: String) throws -> FileDigest {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw LibraryError.storage("cannot read upload") }
        defer { try? handle.close() }
        let running = Running()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { running.update(chunk) }
        return running.finish()
    }

    /// Both hashes fed as bytes arrive.
    public final class Running {
        private var sha = SHA256()
        private var md5 = Insecure.MD5()
        private var size = 0

        public init() {}

        public func update<D: DataProtocol>(_ bytes: D) {
            sha.update(data: bytes)
            md5.update(data: bytes)
            size += bytes.count
        }

        public func finish() -> FileDigest {
            FileDigest(sha256: Secrets.hex(sha.finalize()), md5: Secrets.hex(md5.finalize()), size: size)
        }
    }
}
