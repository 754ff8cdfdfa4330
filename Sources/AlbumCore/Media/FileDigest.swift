import Crypto
import Foundation

/// SHA-256 (the blob's address) and MD5 (Chevereto's `md5`) of a file, in one read.
public struct FileDigest: Sendable, Equatable {
    public let sha256: String
    public let md5: String
    public let size: Int

    public static func of(_ path: String) throws -> FileDigest {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw LibraryError.storage("cannot read upload") }
        defer { try? handle.close() }
        var sha = SHA256()
        var md5 = Insecure.MD5()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            sha.update(data: chunk)
            md5.update(data: chunk)
            size += chunk.count
        }
        return FileDigest(sha256: Secrets.hex(sha.finalize()), md5: Secrets.hex(md5.finalize()), size: size)
    }
}
