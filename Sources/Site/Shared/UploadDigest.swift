import AlbumCore
import HTTP

/// Hashes a multipart file part while the HTTP kit writes it: the upload is read once, not
/// written and then read again to hash.
final class UploadDigest: PartObserver {
    private let running = FileDigest.Running()

    func update(_ bytes: ArraySlice<UInt8>) { running.update(bytes) }

    func finish() -> [String: String] {
        let digest = running.finish()
        return ["sha256": digest.sha256, "md5": digest.md5, "size": String(digest.size)]
    }

    /// The digest an upload's facts carry, if they carry one.
    static func digest(of file: MultipartForm.File) -> FileDigest? {
        guard let sha256 = file.facts["sha256"], let md5 = file.facts["md5"],
            let size = file.facts["size"].flatMap(Int.init)
        else { return nil }
        return FileDigest(sha256: sha256, md5: md5, size: size)
    }
}
