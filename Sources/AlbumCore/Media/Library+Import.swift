import Foundation
import GRDB
import Media

/// What `importMedia` needs besides the file.
public struct ImportRequest: Sendable {
    public var ownerId: Int64
    /// The upload, in a scratch or temp directory on the same file system as the blob store.
    public var file: String
    /// The client's filename: a default title and nothing else.
    public var originalFilename: String
    public var albumId: Int64?
    public var title: String?
    public var description: String = ""
    /// Each is stored trimmed, once; empty ones are dropped.
    public var tags: [String] = []
    /// Public labels (seed 002), each 1 to 40 characters.
    public var labels: [String] = []
    public var nsfw = false
    public var visibility: MediaItem.Visibility?
    public var expiresAt: Date?
    public var uploaderIp: String?
    /// Titles longer than this are cut (Chevereto keeps 100 characters).
    public var titleLimit = 255
    /// Date the item by its EXIF date taken instead of now (Chevereto's `use_file_date`).
    public var useFileDate = false
    /// Refuse the same bytes from the same address within a day (Chevereto's duplicate check,
    /// off by default: DESIGN §2.2).
    public var refuseRecentDuplicate = false
    /// Refuse bytes the owner already has as a live item (`LibraryError.alreadyInLibrary`
    /// names it): the pages say so and link to it rather than keep a second row.
    public var refuseOwnCopy = false
    /// SHA-256 (hex) of a secret whose holder may delete the item (Chevereto's `delete_url`).
    public var deleteSecretHash: String?
    /// The same bytes from the same uploader are the same content (seed 000): while the first
    /// upload's item exists it is the answer, and nothing is stored again; once it is deleted,
    /// the bytes come back under its id.
    public var sameBytesSameId = false
    /// Who adds it, when not its owner: their group's manager acting for them.
    public var addedBy: Int64?

    /// Tags from a comma-separated list, as every form sends them: trimmed, empty ones dropped.
    public static func tags(fromList list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public init(ownerId: Int64, file: String, originalFilename: String) {
        self.ownerId = ownerId
        self.file = file
        self.originalFilename = originalFilename
    }
}

extension Library {
    /// Stores one upload safely: sniff, probe (pixel cap before decode), hash, make the
    /// thumbnail (and a video's poster), move the bytes into the blob store, then commit the row.
    /// A crash between the move and the commit leaves only an unreferenced file that `sweep`
    /// removes; a refusal leaves nothing at all.
    public func importMedia(_ request: ImportRequest) throws -> MediaEntry {
        for label in request.labels { try Self.checkLabel(label.trimmingCharacters(in: .whitespaces)) }
        if let albumId = request.albumId {
            // Checked before any expensive work (and again when the row is written).
            guard try ownsAlbum(id: albumId, ownerId: request.ownerId) else { throw LibraryError.albumNotFound }
        }
        // stat(2) alone: FileManager's attributes also name the owner, reading /etc/passwd and /etc/group.
        guard let size = LocalBlobStore.fileSize(request.file), size > 0 else {
            throw LibraryError.emptyFile
        }
        let mime = sniffers.withSniffer { $0.mimeType(ofFile: request.file) } ?? "application/octet-stream"
        guard let type = MediaType.forSniffed(mime) else { throw LibraryError.unsupportedType(mime) }
        let plan = try plan(for: request.ownerId)

        var width = 0
        var height = 0
        var duration: Double?
        var frames = 1
        var takenAt: Date?
        var exifTitle: String?
        var camera = CameraDetails()
        do {
            switch type.kind {
            case .image:
                let info = try ImageProbe.probe(request.file, pixelLimit: settings.pixelLimit)
                (width, height, frames) = (info.displayWidth, info.displayHeight, info.frameCount)
                (takenAt, exifTitle, camera) = (info.takenAt, info.title, info.camera)
            case .video:
                let info = try VideoProbe.probe(request.file)
                (width, height, duration, takenAt) = (info.width, info.height, info.duration, info.takenAt)
            }
        } catch let error as MediaError {
            throw LibraryError(error)
        }

        try database.read { db in
            try check(
                plan, size: size, extension: type.fileExtension, isVideo: type.kind == .video, duration: duration,
                albumId: request.albumId, db)
        }
        // Hashing and the thumbnail are independent: the digest runs on another core meanwhile
        // (13 ms of a 12 MP upload's ~90 ms), and then the upload's fsync (3 ms for 6 MB), so
        // adopting it later finds nothing left to write. Started only once the file is wanted.
        let hashing = Concurrent {
            let digest = try FileDigest.of(request.file)
            if !blobs.isRemote { try LocalBlobStore.sync(request.file) }  // a bucket keeps its own
            return digest
        }
        if request.sameBytesSameId, let kept = try keptUpload(sha256: try hashing.value().sha256, request) {
            return kept
        }
        let derivatives: [(suffix: String, path: String)]
        do {
            derivatives = try jobs.run { try makeUploadDerivatives(of: request.file, kind: type.kind) }
        } catch {
            _ = try? hashing.value()
            throw error
        }
        let digest = try hashing.value()
        if request.refuseRecentDuplicate, let ip = request.uploaderIp,
            try isRecentDuplicate(md5: digest.md5, ip: ip, since: Date().addingTimeInterval(-24 * 3600))
        {
            for derivative in derivatives { unlink(derivative.path) }
            throw LibraryError.duplicate
        }
        if request.refuseOwnCopy, let existing = try ownCopy(sha256: digest.sha256, ownerId: request.ownerId) {
            for derivative in derivatives { unlink(derivative.path) }
            throw LibraryError.alreadyInLibrary(mediaId: existing)
        }
        // On object storage the derivatives go up beside the original, not after it.
        let store = blobs
        let storing = derivatives.map { derivative in
            Concurrent { try store.adopt(derivative.path, sha256: digest.sha256, suffix: derivative.suffix) }
        }
        try blobs.adopt(request.file, sha256: digest.sha256, suffix: type.fileExtension)
        for stored in storing { try stored.value() }

        let now = Date()
        let created = request.useFileDate ? takenAt ?? now : now
        let title = request.title ?? exifTitle ?? Self.title(fromFilename: request.originalFilename)
        return try database.write { db in
            let blobId = try Self.reference(db, digest: digest, type: type, now: now)
            if let albumId = request.albumId, try !Self.owns(albumId: albumId, ownerId: request.ownerId, db) {
                throw LibraryError.albumNotFound
            }
            try check(
                plan, size: size, extension: type.fileExtension, isVideo: type.kind == .video, duration: duration,
                albumId: request.albumId, db)
            let position = try request.albumId.map { try Self.nextPosition(inAlbum: $0, db) } ?? 0
            var item = MediaItem(
                id: nil, uuid: UUID().uuidString.lowercased(), ownerId: request.ownerId, albumId: request.albumId,
                blobId: blobId, kind: type.kind == .image ? .image : .video, mime: type.mime, size: digest.size,
                width: width, height: height, duration: duration, frameCount: frames,
                title: String(title.prefix(request.titleLimit)),
                description: request.description, originalFilename: String(request.originalFilename.prefix(255)),
                nsfw: request.nsfw, isSafe: !request.nsfw,
                // Never the album's: a public album publishes its page (clean copies), not
                // permanent links to the originals of what is later uploaded into it.
                visibility: request.visibility ?? .private,
                linkSecret: Secrets.random(bytes: 12), deleteSecretHash: request.deleteSecretHash,
                processingState: .ready,
                position: position,
                takenAt: takenAt, expiresAt: request.expiresAt, uploaderIp: request.uploaderIp, createdAt: created,
                updatedAt: now, trashedAt: nil, trashedFromAlbumId: nil, favourite: false,
                addedBy: request.addedBy)
            if request.sameBytesSameId {
                // The id these bytes had, if they were uploaded and deleted before.
                item.id = try Int64.fetchOne(
                    db, sql: "SELECT media_id FROM upload_results WHERE owner_id = ? AND sha256 = ?",
                    arguments: [request.ownerId, digest.sha256])
            }
            try item.insert(db)
            item.id = db.lastInsertedRowID
            if request.sameBytesSameId {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO upload_results (owner_id, sha256, media_id) VALUES (?, ?, ?)",
                    arguments: [request.ownerId, digest.sha256, item.id])
            }
            if let id = item.id { try Self.store(camera, mediaId: id, db) }
            for label in Set(request.labels.map { $0.trimmingCharacters(in: .whitespaces) }) where !label.isEmpty {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO media_labels (media_id, label, restricted) VALUES (?, ?, 0)",
                    arguments: [item.id, label])
            }
            for tag in Set(request.tags.map { $0.trimmingCharacters(in: .whitespaces) }) where !tag.isEmpty {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO media_tags (media_id, tag) VALUES (?, ?)",
                    arguments: [item.id, String(tag.prefix(64))])
            }
            // Read back as stored (dates at the database's millisecond precision), with its blob's
            // address: every dialect answers with the entry, as later reads will show it.
            guard let id = item.id, let entry = try media(id: id, ownerId: nil, db) else {
                throw LibraryError.mediaNotFound
            }
            return entry
        }
    }

    /// The item `request`'s uploader first stored these bytes as, if it still exists.
    private func keptUpload(sha256: String, _ request: ImportRequest) throws -> MediaEntry? {
        try database.write { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT media_id FROM upload_results WHERE owner_id = ? AND sha256 = ?",
                    arguments: [request.ownerId, sha256])
            else { return nil }
            // The same bytes again bring a trashed item back (it keeps its id, seed 000).
            try Self.restore(ids: [id], ownerId: request.ownerId, db)
            return try media(id: id, ownerId: request.ownerId, db)
        }
    }

    /// The owner's first live item with these bytes; one in the trash comes back out of it,
    /// since uploading it again says it is wanted.
    private func ownCopy(sha256: String, ownerId: Int64) throws -> Int64? {
        try database.write { db in
            let id = try Int64.fetchOne(
                db,
                sql: """
                    SELECT media.id FROM media JOIN blobs ON blobs.id = media.blob_id
                    WHERE blobs.sha256 = ? AND media.owner_id = ? AND (media.expires_at IS NULL OR media.expires_at > ?)
                    ORDER BY media.trashed_at IS NOT NULL, media.id LIMIT 1
                    """, arguments: [sha256, ownerId, Date()])
            if let id { try Self.restore(ids: [id], ownerId: ownerId, db) }
            return id
        }
    }

    private func isRecentDuplicate(md5: String, ip: String, since: Date) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT 1 FROM media JOIN blobs ON blobs.id = media.blob_id
                    WHERE blobs.md5 = ? AND media.uploader_ip = ? AND media.created_at >= ? LIMIT 1
                    """, arguments: [md5, ip, since]) ?? false
        }
    }

    /// "IMG_2041-final_v2" → "IMG 2041 final v2" (Chevereto's default title).
    static func title(fromFilename filename: String) -> String {
        let base = (filename as NSString).deletingPathExtension
        return base.replacingOccurrences(of: "[-_\\s]+", with: " ", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
    }

    /// Thumbnail at upload (a video's poster frame first), written to temp files that are
    /// adopted under the blob's hash once it is known.
    /// The derivatives every stored item has (a video's poster, the thumbnail) as temp files,
    /// made from `file`; also what `check --repair` makes again.
    func makeUploadDerivatives(of file: String, kind: MediaType.Kind) throws -> [(suffix: String, path: String)] {
        var made: [(suffix: String, path: String)] = []
        do {
            var source = file
            if kind == .video {
                let poster = try blobs.temporaryPath(suffix: "jpg")
                made.append((Variant.poster.suffix, poster))
                try VideoProbe.poster(file, at: settings.posterAt, to: poster)
                source = poster
            }
            let thumb = try blobs.temporaryPath(suffix: "jpg")
            made.append((Variant.thumb.suffix, thumb))
            _ = try ImageDerivatives.jpeg(from: source, box: settings.thumbBox, to: thumb)
            return made
        } catch {
            for (_, path) in made { unlink(path) }
            if let error = error as? MediaError { throw LibraryError(error) }
            throw error
        }
    }

    /// Adds a reference to the blob of `digest`, creating its row on first use.
    private static func reference(_ db: Database, digest: FileDigest, type: MediaType, now: Date) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM blobs WHERE sha256 = ?", arguments: [digest.sha256]) {
            try db.execute(
                sql: "UPDATE blobs SET ref_count = ref_count + 1, orphaned_at = NULL WHERE id = ?", arguments: [id])
            return id
        }
        try db.execute(
            sql: """
                INSERT INTO blobs (sha256, md5, size, mime, extension, ref_count, created_at)
                VALUES (?, ?, ?, ?, ?, 1, ?)
                """, arguments: [digest.sha256, digest.md5, digest.size, type.mime, type.fileExtension, now])
        return db.lastInsertedRowID
    }

    static func release(_ db: Database, blobId: Int64, now: Date) throws {
        try db.execute(
            sql: """
                UPDATE blobs SET ref_count = ref_count - 1,
                       orphaned_at = CASE WHEN ref_count = 1 THEN ? ELSE NULL END
                WHERE id = ?
                """, arguments: [now, blobId])
    }
}
