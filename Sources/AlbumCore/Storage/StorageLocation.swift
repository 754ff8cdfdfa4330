import Foundation
import GRDB

/// Which kind of store holds the library's files, kept in the database so that a setting
/// pointing elsewhere (say `ALBUMEN_STORAGE=s3` before `storage migrate` has run) stops every
/// command instead of serving a library whose files all answer 404 and filling a second store.
public enum StorageKind: String, Sendable, CaseIterable {
    case local
    case s3
}

public struct StorageLocation: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The kind the library's files are on.
    public func recorded() throws -> StorageKind {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT kind FROM storage_location WHERE id = 1").flatMap(StorageKind.init)
        } ?? .local
    }

    /// Takes `kind` as the library's store: always for a library without files, else only if
    /// it is the recorded one.
    public func claim(_ kind: StorageKind) throws {
        try database.write { db in
            let recorded =
                try String.fetchOne(db, sql: "SELECT kind FROM storage_location WHERE id = 1")
                .flatMap(StorageKind.init) ?? .local
            guard recorded != kind else { return }
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blobs") == 0 else {
                throw LibraryError.storage(
                    "this library's files are on \(recorded.description) but ALBUMEN_STORAGE is \(kind.rawValue): "
                        + "run `albumen storage migrate --to \(kind.rawValue)` first, "
                        + "or set ALBUMEN_STORAGE=\(recorded.rawValue)")
            }
            try Self.record(kind, db)
        }
    }

    static func record(_ kind: StorageKind, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO storage_location (id, kind, changed_at) VALUES (1, ?, CURRENT_TIMESTAMP)",
            arguments: [kind.rawValue])
    }
}

extension StorageKind: CustomStringConvertible {
    public var description: String { self == .local ? "local disk" : "S3 object storage" }
}
