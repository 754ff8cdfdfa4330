import Foundation
import GRDB

/// A backup is a data folder of its own: `albumen.sqlite` (SQLite's online backup, consistent
/// while the server writes), `blobs/` and the `secret` (short codes, links and signatures are
/// made with it: without it every viewer link would change). Blobs never change once written,
/// so they are hard-linked where the backup is on the same file system and copied elsewhere.
public enum Backup {
    public struct Report: Sendable, Equatable {
        /// Blob rows in the copied database.
        public var blobs = 0
        public var linkedFiles = 0
        public var copiedFiles = 0
        /// Originals that rows rely on and the store did not have (`albumen check` says more).
        public var missing: [String] = []

        public init() {}
    }

    static let databaseName = "albumen.sqlite"
    static let secretName = "secret"
    static let blobFolder = "blobs"

    /// Writes a backup of the data folder whose database and store these are into `folder`,
    /// which must be absent or empty. The database is copied first, then the blobs the live
    /// database lists: a superset of those the copy's rows use (a blob that rows use is removed
    /// only after it has been unused for the signed-URL lifetime), plus any uploaded meanwhile.
    public static func write(database: AppDatabase, blobs: any BlobStore, secretFile: String?, to folder: String)
        throws -> Report
    {
        try prepareEmpty(folder)
        try database.backup(to: folder + "/" + databaseName)
        // The copy's files are in the backup's folder, whatever store the live library uses.
        try DatabaseQueue(path: folder + "/" + databaseName).write { try StorageLocation.record(.local, $0) }
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT sha256, extension, ref_count FROM blobs")
        }
        var report = Report()
        let target = folder + "/" + blobFolder
        for row in rows {
            let sha256: String = row["sha256"]
            report.blobs += 1
            let files = blobs.files(of: sha256)
            let original = BlobPath.relative(sha256: sha256, suffix: row["extension"])
            if (row["ref_count"] as Int) > 0 && !files.contains(original) { report.missing.append(original) }
            for file in files {
                // Hard links from a local store; copies of what object storage sends.
                _ = try blobs.withLocalFile(file) { source in
                    try place(source, at: target + "/" + file, &report, copyOnly: blobs.isRemote)
                }
            }
        }
        if let secretFile, FileManager.default.fileExists(atPath: secretFile) {
            try place(secretFile, at: folder + "/" + secretName, &report, copyOnly: true)
        }
        return report
    }

    /// Restores the backup in `folder` into `dataFolder`, which must be absent or empty.
    public static func restore(from folder: String, into dataFolder: String) throws -> Report {
        guard FileManager.default.fileExists(atPath: folder + "/" + databaseName) else {
            throw LibraryError.storage("\(folder) is not an Albumen backup (no \(databaseName))")
        }
        try prepareEmpty(dataFolder)
        var report = Report()
        try place(folder + "/" + databaseName, at: dataFolder + "/" + databaseName, &report, copyOnly: true)
        if FileManager.default.fileExists(atPath: folder + "/" + secretName) {
            try place(folder + "/" + secretName, at: dataFolder + "/" + secretName, &report, copyOnly: true)
        }
        let source = folder + "/" + blobFolder
        let files = (FileManager.default.enumerator(atPath: source)?.allObjects as? [String] ?? []).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: source + "/" + $0, isDirectory: &isFolder)
                && !isFolder.boolValue
        }
        for file in files {
            try place(source + "/" + file, at: dataFolder + "/" + blobFolder + "/" + file, &report)
        }
        report.blobs = Set(files.map { String(($0 as NSString).lastPathComponent.prefix(64)) }).count
        return report
    }

    /// `folder` exists and holds nothing (a backup or restore never mixes with other files).
    private static func prepareEmpty(_ folder: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder) {
            guard (try manager.contentsOfDirectory(atPath: folder)).isEmpty else {
                throw LibraryError.storage("\(folder) is not empty")
            }
        } else {
            try manager.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        }
    }

    /// A hard link of `source` at `target` (blobs never change), or a copy across file systems;
    /// the database and the secret are always copied (both change in place).
    private static func place(_ source: String, at target: String, _ report: inout Report, copyOnly: Bool = false)
        throws
    {
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if !copyOnly && link(source, target) == 0 {
            report.linkedFiles += 1
            return
        }
        try FileManager.default.copyItem(atPath: source, toPath: target)
        if (target as NSString).lastPathComponent == secretName { chmod(target, 0o600) }
        report.copiedFiles += 1
    }
}
