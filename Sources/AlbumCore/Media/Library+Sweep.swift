import Foundation
import GRDB

extension Library {
    public struct SweepReport: Sendable, Equatable {
        public var expiredMedia = 0
        /// Items whose days in the trash were over.
        public var trashedMedia = 0
        public var removedBlobs = 0
        public var strayFiles = 0
        public var temporaries = 0

        public init() {}
    }

    /// Deletes expired media and what stayed in the trash its days, removes blobs nobody
    /// references once their signed URLs have expired, files no row knows (a crash between move
    /// and commit) and stale temp files.
    /// Files younger than `grace` are left alone: an import may be about to commit them.
    /// `strays: false` skips the walk of the whole store for files no row knows (on object
    /// storage a listing of the bucket): the server does it at start and then hourly.
    public func sweep(now: Date = Date(), grace: TimeInterval = 600, strays: Bool = true) throws -> SweepReport {
        var report = SweepReport()
        report.expiredMedia = try database.write { db in
            let expired = try Row.fetchAll(
                db, sql: "SELECT id, blob_id FROM media WHERE expires_at IS NOT NULL AND expires_at <= ?",
                arguments: [now])
            return try Self.delete(expired, now: now, db)
        }
        report.trashedMedia = try emptyOldTrash(now: now)
        let cutoff = now.addingTimeInterval(-settings.signedURLLifetime)
        let doomed = try database.write { db -> [String] in
            let rows = try String.fetchAll(
                db, sql: "SELECT sha256 FROM blobs WHERE ref_count = 0 AND orphaned_at <= ?", arguments: [cutoff])
            try db.execute(sql: "DELETE FROM blobs WHERE ref_count = 0 AND orphaned_at <= ?", arguments: [cutoff])
            return rows
        }
        let known = try database.read { db in Set(try String.fetchAll(db, sql: "SELECT sha256 FROM blobs")) }
        for sha256 in doomed where !known.contains(sha256) {
            report.removedBlobs += blobs.removeAll(sha256: sha256) > 0 ? 1 : 0
        }
        if strays {
            report.strayFiles = try blobs.removeStrays(known: known, olderThan: now.addingTimeInterval(-grace))
        }
        report.temporaries = blobs.sweepTemporaries(olderThan: grace, now: now)
        return report
    }
}
