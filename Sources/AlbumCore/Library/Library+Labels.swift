import Foundation
import GRDB

/// An item's labels (seed 002): public ones, and restricted ones only an album's admins see.
public struct MediaLabels: Sendable, Equatable {
    public var labels: [String] = []
    public var restricted: [String] = []

    public init() {}
}

/// Labels on the items of an album. The caller has checked the album and the role (`AlbumRoles`);
/// these use cases check that the item is in that album, and answer a missing one as missing.
extension Library {
    /// Labels are 1 to 40 characters, compared exactly (case-sensitive).
    public static func checkLabel(_ label: String) throws {
        guard (1...40).contains(label.count) else {
            throw LibraryError.badInput(field: "label", reason: "A label has 1 to 40 characters.")
        }
    }

    /// Each item's labels, sorted.
    public func labels(of mediaIds: [Int64]) throws -> [Int64: MediaLabels] {
        guard !mediaIds.isEmpty else { return [:] }
        return try database.read { db in
            var found: [Int64: MediaLabels] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT media_id, label, restricted FROM media_labels
                    WHERE media_id IN (SELECT value FROM json_each(?)) ORDER BY label
                    """, arguments: ["[" + mediaIds.map(String.init).joined(separator: ",") + "]"])
            while let row = try rows.next() {
                let restricted: Bool = row[2]
                if restricted {
                    found[row[0], default: MediaLabels()].restricted.append(row[1])
                } else {
                    found[row[0], default: MediaLabels()].labels.append(row[1])
                }
            }
            return found
        }
    }

    /// The labels used in album `albumId`, public ones first, each with how many items carry
    /// it; restricted ones only when asked for.
    public func albumLabels(albumId: Int64, includingRestricted: Bool) throws -> [(
        label: String, restricted: Bool, count: Int
    )] {
        try database.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT label, restricted, COUNT(*) FROM media_labels
                        WHERE media_id IN (SELECT id FROM media WHERE album_id = ?) AND (restricted = 0 OR ?)
                        GROUP BY label, restricted ORDER BY restricted, label
                        """), arguments: [albumId, includingRestricted]
            ).map { (label: $0[0], restricted: $0[1], count: $0[2]) }
        }
    }

    /// The items of album `albumId` in its order, only those with the public `label` and the
    /// restricted `restrictedLabel` when given; at most `limit`.
    public func albumMedia(albumId: Int64, label: String?, restrictedLabel: String?, limit: Int) throws -> [MediaEntry]
    {
        try database.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: Self.selectEntries
                        + """
                         WHERE media.album_id = ?1
                            AND (?2 IS NULL OR EXISTS (SELECT 1 FROM media_labels WHERE media_id = media.id
                                AND label = ?2 AND restricted = 0))
                            AND (?3 IS NULL OR EXISTS (SELECT 1 FROM media_labels WHERE media_id = media.id
                                AND label = ?3 AND restricted = 1))
                        ORDER BY media.position, media.id LIMIT ?4
                        """), arguments: [albumId, label, restrictedLabel, limit]
            ).map(Self.entry)
        }
    }

    /// The id of the item with this UUID in album `albumId`.
    public func mediaId(uuid: String, inAlbum albumId: Int64) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM media WHERE uuid = ? AND album_id = ?"),
                arguments: [uuid, albumId])
        }
    }

    /// The album of the item with this UUID (nil for an item in none, or no such item).
    public func albumUUID(ofMedia uuid: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(
                db.cachedStatement(
                    sql: "SELECT albums.uuid FROM media JOIN albums ON albums.id = media.album_id WHERE media.uuid = ?"),
                arguments: [uuid])
        }
    }

    /// Puts `label` on the item (public, or restricted); a label already there takes the new
    /// kind. Answers whether it was new.
    @discardableResult
    public func addLabel(_ label: String, restricted: Bool, mediaId: Int64) throws -> Bool {
        try Self.checkLabel(label)
        return try database.write { db in
            let existed = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM media_labels WHERE media_id = ? AND label = ?", arguments: [mediaId, label])
            try db.execute(
                sql: """
                    INSERT INTO media_labels (media_id, label, restricted) VALUES (?, ?, ?)
                    ON CONFLICT (media_id, label) DO UPDATE SET restricted = excluded.restricted
                    """, arguments: [mediaId, label, restricted])
            try touch(mediaId, db)
            return existed != true
        }
    }

    /// Takes `label` of that kind off the item; false when it had none.
    @discardableResult
    public func removeLabel(_ label: String, restricted: Bool, mediaId: Int64) throws -> Bool {
        try Self.checkLabel(label)
        return try database.write { db in
            try db.execute(
                sql: "DELETE FROM media_labels WHERE media_id = ? AND label = ? AND restricted = ?",
                arguments: [mediaId, label, restricted])
            let removed = db.changesCount > 0
            if removed { try touch(mediaId, db) }
            return removed
        }
    }

    /// Whether the item has `label`: public ones always, restricted ones only when asked for.
    public func hasLabel(_ label: String, mediaId: Int64, includingRestricted: Bool) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db.cachedStatement(
                    sql: "SELECT 1 FROM media_labels WHERE media_id = ? AND label = ? AND (restricted = 0 OR ?)"),
                arguments: [mediaId, label, includingRestricted]) ?? false
        }
    }

    /// A label change is a change of the item: its owner's library version moves (kept
    /// answers drawn from it are redrawn).
    private func touch(_ mediaId: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE media SET updated_at = ? WHERE id = ?", arguments: [Date(), mediaId])
    }
}
