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
            let original = BlobPath.relative(sha256: sha256, suffix: ext)
            // One listing per blob answers for the original and its derivatives (one request on
            // object storage instead of one per file).
            let stored = Set(blobs.files(of: sha256))
            guard stored.contains(original) else {
                report.missing.append(original)
                continue
            }
            if hash {
                let digest = try blobs.withLocalFile(original) { try FileDigest.of($0) }
                if digest?.sha256 != sha256 || digest?.size != row["size"] as Int {
                    report.corrupt.append(original)
                    continue
                }
            }
            let derived = isVideo ? [Variant.poster, .thumb] : [Variant.thumb]
            let names = derived.map { BlobPath.relative(sha256: sha256, suffix: $0.suffix) }.filter {
                !stored.contains($0)
            }
            guard !names.isEmpty else { continue }
            if repair {
                try blobs.withLocalFile(original) { source in
                    for made in try makeUploadDerivatives(of: source, kind: isVideo ? .video : .image) {
                        try blobs.adopt(made.path, sha256: sha256, suffix: made.suffix)  // keeps what exists
                    }
                }
                report.remade += names
            } else {
                report.missing += names
            }
        }
        let cutoff = now.addingTimeInterval(-grace)
        for orphan in try blobs.strays(notIn: known, olderThan: cutoff) {
            if repair, let asideFolder {
                let target = try Self.asidePath(orphan, in: asideFolder)
                // Copied out, then removed from the store: works for a bucket as for a folder.
                guard
                    try blobs.withLocalFile(orphan, { try FileManager.default.copyItem(atPath: $0, toPath: target) })
                        != nil
                else { continue }
                blobs.remove(orphan)
                report.setAside.append(orphan)
            } else {
                report.orphans.append(orphan)
            }
        }
        for temporary in blobs.temporaries(olderThan: cutoff) {
            if repair, let asideFolder {
                try FileManager.default.moveItem(
                    atPath: blobs.scratchFolder + "/" + temporary,
                    toPath: try Self.asidePath(temporary, in: asideFolder))
                report.setAside.append(temporary)
            } else {
                report.orphans.append(temporary)
            }
        }
        return report
    }

    /// Where an orphan goes in the aside folder (its folders made).
    private static func asidePath(_ relative: String, in folder: String) throws -> String {
        let target = folder + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return target
    }
}
