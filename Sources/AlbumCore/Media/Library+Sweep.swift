import Foundation
import GRDB

extension Library {
    public struct SweepReport: Sendable, Equatable {
        public var expiredMedia = 0
        public var removedBlobs = 0
        public var strayFiles = 0
        public var temporaries = 0

        public init() {}
    }

    /// Deletes expired media, removes blobs nobody references once their signed URLs have
    /// expired, files no row knows (a crash between move and commit) and stale temp files.
    /// Files younger than `grace` are left alone: an import may be about to commit them.
    public func sweep(now: Date = Date(), grace: TimeInterval = 600) throws -> SweepReport {
        var report = SweepReport()
        report.expiredMedia = try database.pool.write { db in
            let expired = try Row.fetchAll(
                db, sql: "SELECT id, blob_id FROM media WHERE expires_at IS NOT NULL AND expires_at <= ?",
                arguments: [now])
            for row in expired {
                try db.execute(sql: "DELETE FROM media WHERE id = ?", arguments: [row["id"] as Int64])
                try Self.release(db, blobId: row["blob_id"], now: now)
            }
            return expired.count
        }
        let cutoff = now.addingTimeInterval(-settings.signedURLLifetime)
        let doomed = try database.pool.write { db -> [String] in
            let rows = try String.fetchAll(
                db, sql: "SELECT sha256 FROM blobs WHERE ref_count = 0 AND orphaned_at <= ?", arguments: [cutoff])
            try db.execute(sql: "DELETE FROM blobs WHERE ref_count = 0 AND orphaned_at <= ?", arguments: [cutoff])
            return rows
        }
        let known = try database.pool.read { db in Set(try String.fetchAll(db, sql: "SELECT sha256 FROM blobs")) }
        for sha256 in doomed where !known.contains(sha256) {
            report.removedBlobs += removeFiles(sha256: sha256) > 0 ? 1 : 0
        }
        report.strayFiles = removeStrays(known: known, olderThan: now.addingTimeInterval(-grace))
        report.temporaries = blobs.sweepTemporaries(olderThan: grace, now: now)
        return report
    }

    /// Removes every file of a blob (original and derivatives).
    private func removeFiles(sha256: String) -> Int {
        let folder = (blobs.path(sha256: sha256, suffix: "x") as NSString).deletingLastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(sha256 + ".") }.reduce(0) { count, name in
            count + (unlink(folder + "/" + name) == 0 ? 1 : 0)
        }
    }

    private func removeStrays(known: Set<String>, olderThan cutoff: Date) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: blobs.root) else { return 0 }
        var removed = 0
        for case let relative as String in walker {
            let name = (relative as NSString).lastPathComponent
            guard !name.hasPrefix("."), let dot = name.firstIndex(of: "."),
                name.distance(from: name.startIndex, to: dot) == 64
            else { continue }
            let path = blobs.root + "/" + relative
            let modified =
                (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
            if !known.contains(String(name[..<dot])), (modified ?? Date()) < cutoff, unlink(path) == 0 { removed += 1 }
        }
        return removed
    }
}
