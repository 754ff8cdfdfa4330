import Foundation
import GRDB

/// Which of a user's media a listing shows. Items in the trash are in none but `.trash`.
public enum MediaScope: Sendable, Equatable {
    /// Everything, newest upload first (the dialects' listings).
    case all
    /// Everything by date taken (else uploaded), newest first: the library's timeline.
    case timeline
    /// Items in no album (seed 004: where a deleted album's items go).
    case noAlbum
    case album(Int64)
    case favourites
    /// What was deleted from the pages, most recently deleted first.
    case trash

    /// The `WHERE` condition on `media` and its arguments, shared by the list and its count.
    func filter(ownerId: Int64) -> (sql: String, arguments: StatementArguments) {
        let kept = "media.owner_id = ? AND media.trashed_at IS NULL"
        return switch self {
        case .all, .timeline: (kept, [ownerId])
        case .noAlbum: (kept + " AND media.album_id IS NULL", [ownerId])
        // Trashed items are in no album (`Library+Trash`): the album's index alone answers.
        case .album(let id): ("media.owner_id = ? AND media.album_id = ?", [ownerId, id])
        case .favourites: (kept + " AND media.favourite = 1", [ownerId])
        case .trash: ("media.owner_id = ? AND media.trashed_at IS NOT NULL", [ownerId])
        }
    }

    /// The listing's order: the columns of its key (unique: the id comes last) and whether
    /// it runs newest first. The `ORDER BY` and an item's neighbours both follow it.
    var sortKey: (columns: [String], descending: Bool) {
        switch self {
        case .album: (["media.position", "media.id"], false)
        case .timeline, .favourites: ([SearchIndex.date, "media.id"], true)
        case .trash: (["media.trashed_at", "media.id"], true)
        case .all, .noAlbum: (["media.created_at", "media.id"], true)
        }
    }

    /// `item`'s values of the columns of `sortKey`.
    func keyValues(of item: MediaItem) -> StatementArguments {
        switch self {
        case .album: [item.position, item.id]
        case .timeline, .favourites: [item.takenAt ?? item.createdAt, item.id]
        case .trash: [item.trashedAt, item.id]
        case .all, .noAlbum: [item.createdAt, item.id]
        }
    }

    /// The `ORDER BY` of the listing, or of it read backwards.
    func order(reversed: Bool = false) -> String {
        let direction = sortKey.descending != reversed ? " DESC" : ""
        return "ORDER BY " + sortKey.columns.map { $0 + direction }.joined(separator: ", ")
    }
}

extension Library {
    /// A user's media with the blob address each URL needs, in the scope's order.
    public func media(ownerId: Int64, in scope: MediaScope = .all, limit: Int, offset: Int = 0) throws
        -> [MediaEntry]
    {
        let (condition, arguments) = scope.filter(ownerId: ownerId)
        return try entries(
            sql: Self.selectEntries + " WHERE \(condition) \(scope.order()) LIMIT ? OFFSET ?",
            arguments: arguments + [limit, offset], limit: limit)
    }

    /// Up to `limit` of `ownerId`'s items in the scope's order, after `item` (the last one
    /// read before): a long listing read in runs by its key, each run as cheap as the first.
    public func media(ownerId: Int64, in scope: MediaScope = .all, limit: Int, after item: MediaItem) throws
        -> [MediaEntry]
    {
        let (condition, arguments) = scope.filter(ownerId: ownerId)
        let (columns, descending) = scope.sortKey
        let key = "(" + columns.joined(separator: ", ") + ") " + (descending ? "<" : ">") + " (?, ?)"
        return try entries(
            sql: Self.selectEntries + " WHERE \(condition) AND \(key) \(scope.order()) LIMIT ?",
            arguments: arguments + scope.keyValues(of: item) + [limit], limit: limit)
    }

    /// The entries a `selectEntries` statement finds.
    func entries(sql: String, arguments: StatementArguments, limit: Int) throws -> [MediaEntry] {
        try database.read { db in
            let statement = try db.cachedStatement(sql: sql)
            // Decoded from the cursor's rows, by position: a copied row (`fetchAll`) finds a
            // column by lower-casing every name, ~30 times per column of each row. The columns
            // are checked once for the statement rather than per row.
            guard MediaItem.startsWithColumns(statement.columnNames) else {
                throw DatabaseError(message: "media rows must start with the columns of media.*")
            }
            // A plain loop: `Array(cursor.map …)` copied each entry through unspecialised code.
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            var entries: [MediaEntry] = []
            entries.reserveCapacity(min(limit, 1000))
            while let row = try rows.next() { entries.append(try Self.entry(checkedRow: row)) }
            return entries
        }
    }

    /// A number that changes whenever any of `ownerId`'s media, albums or shares (or the views
    /// counted through them) change, or their account is disabled (kept by triggers, see
    /// migration v4). An answer drawn from those rows after reading this number may be
    /// kept until it changes: read it before the rows, never after.
    public func libraryVersion(ownerId: Int64) throws -> Int64 {
        try database.read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT version FROM library_versions WHERE owner_id = ?"), arguments: [ownerId]
            )
                ?? 0
        }
    }

    /// `ownerId`'s items of `kind` that have an expiry and have not reached it at `now`,
    /// soonest first.
    public func expiringMedia(ownerId: Int64, kind: MediaItem.Kind, now: Date, limit: Int) throws -> [MediaEntry] {
        try database.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: Self.selectEntries
                        + """
                         WHERE media.owner_id = ? AND media.kind = ? AND media.expires_at > ? AND media.trashed_at IS NULL
                        ORDER BY media.expires_at, media.id LIMIT ?
                        """), arguments: [ownerId, kind.rawValue, now.stored, limit]
            ).map { try Self.entry($0) }
        }
    }

    /// How many of `ownerId`'s items of `kind` are live at `now`, and how many of those expire.
    public func liveCounts(ownerId: Int64, kind: MediaItem.Kind, now: Date) throws -> (all: Int, expiring: Int) {
        try database.read { db in
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT COUNT(*), COUNT(expires_at) FROM media
                        WHERE owner_id = ? AND kind = ? AND (expires_at IS NULL OR expires_at > ?) AND trashed_at IS NULL
                        """), arguments: [ownerId, kind.rawValue, now.stored])
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }

    /// How many items `media(ownerId:in:)` has in all.
    public func mediaCount(ownerId: Int64, in scope: MediaScope) throws -> Int {
        let (condition, arguments) = scope.filter(ownerId: ownerId)
        return try database.read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM media WHERE \(condition)"), arguments: arguments) ?? 0
        }
    }

    /// One item with its blob's address; with `ownerId`, only if that user owns it.
    public func media(id: Int64, ownerId: Int64? = nil) throws -> MediaEntry? {
        try database.read { db in try media(id: id, ownerId: ownerId, db) }
    }

    /// The same on a connection already held (a read must never nest another `read`).
    func media(id: Int64, ownerId: Int64?, _ db: Database) throws -> MediaEntry? {
        let statement = try db.cachedStatement(
            sql: Self.selectEntries
                + " WHERE media.id = ?1 AND (?2 IS NULL OR media.owner_id = ?2) AND media.trashed_at IS NULL")
        return try Row.fetchOne(statement, arguments: [id, ownerId]).map { try Self.entry($0) }
    }

    /// The item a viewer code names, if `viewer` may open it (`Access.mediaByCode`).
    public func media(id: Int64, visibleTo viewer: Access.Viewer, now: Date = Date()) throws -> MediaEntry? {
        let access = Access.mediaByCode(visibleTo: viewer, now: now)
        return try database.read { db in
            let statement = try db.cachedStatement(sql: Self.selectEntries + " WHERE media.id = ? AND \(access.sql)")
            return try Row.fetchOne(statement, arguments: [id] + access.arguments).map { try Self.entry($0) }
        }
    }

    /// `ownerId`'s item with this UUID (the id seed 004 speaks).
    public func mediaId(uuid: String, ownerId: Int64) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM media WHERE uuid = ? AND owner_id = ? AND trashed_at IS NULL",
                arguments: [uuid, ownerId])
        }
    }

    /// The item whose permanent link carries `linkSecret`, if a link may serve it
    /// (`Access.mediaByLink`).
    public func media(linkSecret: String, now: Date = Date()) throws -> MediaEntry? {
        let access = Access.mediaByLink(now: now)
        return try database.read { db in
            let statement = try db.cachedStatement(
                sql: Self.selectEntries + " WHERE media.link_secret = ? AND \(access.sql)")
            return try Row.fetchOne(statement, arguments: [linkSecret] + access.arguments).map { try Self.entry($0) }
        }
    }

    /// Who owns album `id`, if it exists.
    public func albumOwner(id: Int64) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT owner_id FROM albums WHERE id = ?"), arguments: [id])
        }
    }

    /// Whether `ownerId` owns album `id`.
    public func ownsAlbum(id: Int64, ownerId: Int64) throws -> Bool {
        try database.read { db in try Self.owns(albumId: id, ownerId: ownerId, db) }
    }

    /// The same on a connection already held.
    static func owns(albumId: Int64, ownerId: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM albums WHERE id = ? AND owner_id = ?"),
            arguments: [albumId, ownerId])
            ?? false
    }

    /// The MD5 of blob `sha256`, kept for Chevereto's answers.
    public func md5(sha256: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT md5 FROM blobs WHERE sha256 = ?", arguments: [sha256])
        }
    }

    /// What every media query selects: `media.*` first (read by position), then its blob's
    /// address.
    static let selectEntries =
        "SELECT media.*, blobs.sha256, blobs.extension FROM media JOIN blobs ON blobs.id = media.blob_id"

    static func entry(_ row: Row) throws -> MediaEntry { try entry(checkedRow: MediaItem.checked(row)) }

    /// An entry whose `media.*` columns start at `offset`, its blob's address after them.
    static func entry(checkedRow row: Row, from offset: Int = 0) throws -> MediaEntry {
        let blob = offset + MediaItem.columnOrder.count
        return MediaEntry(item: try MediaItem(checkedRow: row, from: offset), sha256: row[blob], ext: row[blob + 1])
    }
}

extension Library {
    /// Where an item sits among its neighbours: in its album's order when it is in one, else on
    /// the owner's timeline. `index` counts from 1.
    public struct Neighbours: Sendable {
        public let previous: MediaEntry?
        public let next: MediaEntry?
        public let index: Int
        public let count: Int
    }

    public func neighbours(of entry: MediaEntry) throws -> Neighbours {
        let item = entry.item
        let scope: MediaScope = item.albumId.map { .album($0) } ?? .timeline
        let (condition, arguments) = scope.filter(ownerId: item.ownerId)
        // The order's key as a row value, compared with the item's own (read from its row).
        let columns = scope.sortKey.columns.joined(separator: ", ")
        let key = "(\(columns))"
        let mine = "(SELECT \(columns) FROM media WHERE media.id = ?)"
        let (before, after) = scope.sortKey.descending ? (">", "<") : ("<", ">")
        let around = arguments + [item.id]
        return try database.read { db in
            func one(_ comparison: String, reversed: Bool) throws -> MediaEntry? {
                try Row.fetchOne(
                    db,
                    sql: Self.selectEntries
                        + " WHERE \(condition) AND \(key) \(comparison) \(mine) \(scope.order(reversed: reversed)) LIMIT 1",
                    arguments: around
                ).map { try Self.entry($0) }
            }
            let earlier =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM media WHERE \(condition) AND \(key) \(before) \(mine)",
                    arguments: around) ?? 0
            let count =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM media WHERE \(condition)", arguments: arguments) ?? 0
            return Neighbours(
                previous: try one(before, reversed: true), next: try one(after, reversed: false), index: earlier + 1,
                count: count)
        }
    }
}
