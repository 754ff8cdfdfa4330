import AlbumCore
import Foundation
import HTTP
import Media

/// An album or a selection downloaded as one ZIP of the originals as uploaded, streamed
/// (`ZipStream`) with its length known up front: nothing is copied to disk first and the
/// process holds one read buffer whatever the size. Names are the uploaded file names (an
/// untitled one is named for its code), made unique with " (2)", " (3)".
enum ZipDownload {
    /// The owner's whole album, in its order.
    static func album(_ album: Album, _ context: Context) throws -> Response {
        let entries = try context.services.library.media(
            ownerId: album.ownerId, in: .album(album.id), limit: Int(Int32.max))
        return try response(entries, name: album.displayName, user: album.ownerId, context)
    }

    /// The ticked items of the signed-in user, in the order they were ticked.
    static func selection(_ ids: [Int64], _ user: User, _ context: Context) throws -> Response {
        let library = context.services.library
        let entries = try ids.compactMap { try library.media(id: $0, ownerId: user.id ?? 0) }
        guard !entries.isEmpty else { throw LibraryError.mediaNotFound }
        return try response(
            entries, name: "Albumen \(Timestamp.day(context.services.clock.now()))", user: user.id ?? 0, context)
    }

    private static func response(_ entries: [MediaEntry], name: String, user: Int64, _ context: Context) throws
        -> Response
    {
        let blobs = context.services.library.blobs
        let missing = HTTPError(.internalServerError, "A file of this selection is missing from the store.")
        var taken: [String: Int] = [:]
        let files = try entries.map { entry -> ZipStream.Entry in
            let item = entry.item
            // Checked before the first byte: a file missing halfway would cut the archive.
            guard let size = blobs.size(sha256: entry.sha256, suffix: entry.ext) else { throw missing }
            let name = unique(archiveName(entry, context), &taken)
            let modified = item.takenAt ?? item.createdAt
            if let path = blobs.localPath(BlobPath.relative(sha256: entry.sha256, suffix: entry.ext)) {
                return ZipStream.Entry(name: name, path: path, size: Int64(size), modified: modified)
            }
            // Object storage: each file is fetched to scratch space just before its bytes go out.
            let (sha256, ext) = (entry.sha256, entry.ext)
            return ZipStream.Entry(
                name: name, path: try blobs.temporaryPath(suffix: ext), size: Int64(size), modified: modified
            ) { copy in
                let copied = try blobs.withLocalFile(sha256: sha256, suffix: ext) {
                    try FileManager.default.copyItem(atPath: $0, toPath: copy)
                }
                if copied == nil { throw missing }
            }
        }
        let zip = ZipStream()
        let fileName = Slug.make(name, fallback: "Albumen") + ".zip"
        let headers = Headers([
            ("Content-Type", "application/zip"),
            ("Content-Length", String(zip.length(of: files))),
            (
                "Content-Disposition",
                "attachment; filename=\"\(fileName)\"; filename*=UTF-8''" + PercentEncoding.encode(name + ".zip")
            ),
            ("Cache-Control", "no-store"),
        ])
        // Held by the stream, so released when the response is gone, streamed or not.
        let slot = try context.services.downloads.take(user)
        return .streamed(headers: headers) { send in
            withExtendedLifetime(slot) {}
            try zip.write(files, to: send)
        }
    }

    /// The uploaded file name without folders or control characters, with the stored type's
    /// extension when it had none.
    private static func archiveName(_ entry: MediaEntry, _ context: Context) -> String {
        let uploaded =
            entry.item.originalFilename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last
            .map(String.init)?
            .filter { !$0.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) } ?? ""
        let base =
            uploaded.trimmingCharacters(in: .whitespaces).isEmpty || uploaded == "." || uploaded == ".."
            ? context.links.mediaCode(entry.item) : uploaded
        return (base as NSString).pathExtension.isEmpty ? base + "." + entry.ext : base
    }

    /// `name`, or "name (2).ext" and so on when an earlier entry took it (any case).
    private static func unique(_ name: String, _ taken: inout [String: Int]) -> String {
        var candidate = name
        var number = 1
        while taken[candidate.lowercased()] != nil {
            number += 1
            let ext = (name as NSString).pathExtension
            let stem = (name as NSString).deletingPathExtension
            candidate = "\(stem) (\(number))" + (ext.isEmpty ? "" : "." + ext)
        }
        taken[candidate.lowercased()] = 1
        return candidate
    }
}
