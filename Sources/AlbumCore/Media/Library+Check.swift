import Foundation
import GRDB
import Media

extension Library {
    /// What `check` found. Paths are relative to the blob store's root.
    public struct CheckReport: Sendable, Equatable {
        /// Blobs that rows rely on (at least one media row refers to them).
        public var blobs = 0
        /// Files a row relies on that are not there: the original, its thumbnail, a video's poster.
        public var missing: [String] = []
        /// Originals whose bytes are not what their name says (with `hash`).
        public var corrupt: [String] = []
        /// Files no row knows, and temp files; younger than the grace period they are left out
        /// (an upload may be about to commit them).
        public var orphans: [String] = []
        /// Thumbnails and posters made again from their original (with `repair`).
        public var remade: [String] = []
        /// Orphans moved out of the store (with `repair`).
        public var setAside: [String] = []

        public init() {}

        /// Nothing missing, corrupt or orphaned (after repairs).
        public var isClean: Bool { missing.isEmpty && corrupt.isEmpty && orphans.isEmpty }
    }

    /// Verifies the blob store against the database: every file a row relies on exists (with
    /// `hash`, every original's SHA-256 and size match its row), and no file is there that no
    /// row knows. With `repair`, missing thumbnails and posters are made again from their
    /// original and orphans are moved into `asideFolder` (nothing is deleted); a missing or
    /// corrupt original cannot be repaired and stays in the report.
    public func check(
        hash: Bool = false, repair: Bool = false, asideFolder: String? = nil, grace: TimeInterval = 600,
        now: Date = Date()
    ) throws -> CheckReport {
        var report = CheckReport()
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT sha256, extension, mime, size, ref_count FROM blobs ORDER BY id")
        }
        var known = Set<String>()
        for row in rows {
            let sha256: String = row["sha256"]
            known.insert(sha256)
            guard (row["ref_count"] as Int) > 0 else { continue }  // kept only for URLs already issued
            report.blobs += 1
            let ext: String = row["extension"]
            let isVideo = (row["mime"] as String).hasPrefix("video/")
            let original = blobs.path(sha256: sha256, suffix: ext)
            guard access(original, F_OK) == 0 else {
                report.missing.append(BlobStore.relativePath(sha256: sha256, suffix: ext))
                continue
            }
            if hash {
                let digest = try FileDigest.of(original)
                if digest.sha256 != sha256 || digest.size != row["size"] as Int {
                    report.corrupt.append(BlobStore.relativePath(sha256: sha256, suffix: ext))
                    continue
                }
            }
            let derived = isVideo ? [Variant.poster, .thumb] : [Variant.thumb]
            let absent = derived.filter { access(blobs.path(sha256: sha256, suffix: $0.suffix), F_OK) != 0 }
            guard !absent.isEmpty else { continue }
            let names = absent.map { BlobStore.relativePath(sha256: sha256, suffix: $0.suffix) }
            if repair {
                for made in try makeUploadDerivatives(of: original, kind: isVideo ? .video : .image) {
                    try blobs.adopt(made.path, sha256: sha256, suffix: made.suffix)  // keeps what exists
                }
                report.remade += names
            } else {
                report.missing += names
            }
        }
        for orphan in blobs.files(notIn: known, olderThan: now.addingTimeInterval(-grace)) {
            if repair, let asideFolder {
                let target = asideFolder + "/" + orphan
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.moveItem(atPath: blobs.root + "/" + orphan, toPath: target)
                report.setAside.append(orphan)
            } else {
                report.orphans.append(orphan)
            }
        }
        return report
    }
}
