import Crypto
import Foundation
import GRDB

/// Copies a library's files from the store it is on to another (`albumen storage migrate`):
/// every file is read back from the target and its SHA-256 compared with the source's before it
/// counts as copied; each verified copy is recorded in `storage_copies`, so a killed migration
/// resumes where it was; the library is switched (`storage_location`) only once every file is
/// there and verified. The source keeps its files: removing them is the owner's decision.
public struct StorageMigration: Sendable {
    public struct Progress: Sendable, Equatable {
        public var total = 0
        /// Files copied and verified in this run.
        public var copied = 0
        /// Files that were on the target already (verified by a run before this one, or left
        /// there by an earlier migration), checked and not sent again.
        public var skipped = 0
        public var bytes = 0

        public init(total: Int = 0, copied: Int = 0, skipped: Int = 0, bytes: Int = 0) {
            (self.total, self.copied, self.skipped, self.bytes) = (total, copied, skipped, bytes)
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// Everything is on the target and verified; the library uses it from now on.
        case switched(Progress)
        /// The library is on the target already.
        case alreadyThere
    }

    let database: AppDatabase
    let source: any BlobStore
    let target: any BlobStore
    let targetKind: StorageKind

    public init(database: AppDatabase, from source: any BlobStore, to target: any BlobStore, targetKind: StorageKind) {
        self.database = database
        self.source = source
        self.target = target
        self.targetKind = targetKind
    }

    /// Runs the migration; `report` hears after every file. `canSwitch` is asked once all is
    /// copied (the command refuses while `serve` runs: it would keep writing to the source).
    public func run(report: (Progress) -> Void = { _ in }, canSwitch: () throws -> Void = {}) throws -> Outcome {
        guard try StorageLocation(database: database).recorded() != targetKind else { return .alreadyThere }
        var progress = Progress()
        var done = try database.read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT relative FROM storage_copies WHERE target = ?", arguments: [targetKind.rawValue]))
        }
        // Until a pass finds nothing new: uploads made meanwhile are copied by the next pass.
        while true {
            let files = try source.list(prefix: "").filter { $0.sha256 != nil && !done.contains($0.relative) }
            if files.isEmpty { break }
            progress.total = done.count + files.count
            for file in files {
                switch try copy(file) {
                case .copied:
                    progress.copied += 1
                    progress.bytes += file.size
                case .alreadyThere: progress.skipped += 1
                case .gone: break
                }
                done.insert(file.relative)
                report(progress)
            }
        }
        progress.total = done.count
        progress.skipped = progress.total - progress.copied
        try canSwitch()
        // The rows' originals must all be on the target, asked of the target itself: a file the
        // source lacked was never copied, and one an earlier run verified may have been removed
        // from the target since.
        let originals = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT sha256, extension FROM blobs WHERE ref_count > 0").map {
                BlobPath.relative(sha256: $0["sha256"], suffix: $0["extension"])
            }
        }
        let missing = originals.filter { target.size(of: $0) == nil }
        guard missing.isEmpty else {
            throw LibraryError.storage(
                "\(missing.count) original(s) are not on the source store (first: \(missing[0])); "
                    + "`albumen check` says more. Nothing was switched.")
        }
        try database.write { db in
            try StorageLocation.record(targetKind, db)
            try db.execute(sql: "DELETE FROM storage_copies")
        }
        return .switched(progress)
    }

    private enum Copy { case copied, alreadyThere, gone }

    /// Copies one file (unless the target has it) and verifies the target's bytes; `gone` when
    /// the source no longer has it (deleted meanwhile). Recorded once verified.
    private func copy(_ file: StoredFile) throws -> Copy {
        var sent = false
        let copied = try source.withLocalFile(file.relative) { local -> String in
            let digest = try FileDigest.of(local).sha256
            // An original's name is its hash: a source file that does not match is not copied.
            if BlobPath.isOriginal(file.relative), digest != file.sha256 {
                throw LibraryError.storage("\(file.relative) on the source store is not what its name says")
            }
            if target.size(of: file.relative) == nil {
                let temporary = try target.temporaryPath(suffix: "copy")
                try FileManager.default.copyItem(atPath: local, toPath: temporary)
                try target.adopt(temporary, as: file.relative)
                sent = true
            }
            return digest
        }
        guard let copied else { return .gone }
        let verified = try target.withLocalFile(file.relative) { try FileDigest.of($0).sha256 }
        guard verified == copied else {
            throw LibraryError.storage("\(file.relative) reads back differently from the target store")
        }
        try database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO storage_copies (target, relative, sha256) VALUES (?, ?, ?)",
                arguments: [targetKind.rawValue, file.relative, copied])
        }
        return sent ? .copied : .alreadyThere
    }
}
