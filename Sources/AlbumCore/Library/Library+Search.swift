import Foundation
import GRDB

/// Search and the timeline's months: the two ways through a library other than its albums.
extension Library {
    /// `ownerId`'s items (not trashed) matching what was typed, best first by FTS5's bm25 with
    /// tags, title and album weighted above the rest, then newest; `SearchIndex.match` turns
    /// the text into a query. Empty for text with nothing searchable in it.
    public func search(_ text: String, ownerId: Int64, limit: Int, offset: Int = 0) throws -> [MediaEntry] {
        guard let match = SearchIndex.match(text) else { return [] }
        return try database.read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: Self.searchEntries), arguments: [match, ownerId, limit, offset]
            ).map { try Self.entry($0) }
        }
    }

    /// How many items `search` finds in all.
    public func searchCount(_ text: String, ownerId: Int64) throws -> Int {
        guard let match = SearchIndex.match(text) else { return 0 }
        return try database.read { db in
            try Int.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT COUNT(*) FROM media_search CROSS JOIN media ON media.id = media_search.rowid
                        WHERE media_search MATCH ? AND media.owner_id = ? AND media.trashed_at IS NULL
                        """), arguments: [match, ownerId]) ?? 0
        }
    }

    /// The search's rows. The index drives (`CROSS JOIN` keeps SQLite from walking the
    /// owner's media and running the full-text query once per row: minutes on 100 000 items),
    /// then each match is looked up by id.
    public static let searchEntries = """
        SELECT media.*, blobs.sha256, blobs.extension
        FROM media_search CROSS JOIN media ON media.id = media_search.rowid JOIN blobs ON blobs.id = media.blob_id
        WHERE media_search MATCH ? AND media.owner_id = ? AND media.trashed_at IS NULL
        ORDER BY bm25(media_search, 8, 4, 4, 8, 6, 6, 3, 2), \(SearchIndex.date) DESC, media.id DESC
        LIMIT ? OFFSET ?
        """

    /// A month of the timeline: "2019-07" and how many items it holds.
    public struct TimelineMonth: Sendable, Equatable {
        public let month: String
        public let count: Int
    }

    /// The months of `ownerId`'s timeline that hold anything, newest first (kept by triggers in
    /// `timeline_months`, migration v6).
    public func timelineMonths(ownerId: Int64) throws -> [TimelineMonth] {
        try database.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT month, count FROM timeline_months WHERE owner_id = ? AND count > 0
                        ORDER BY month DESC
                        """), arguments: [ownerId]
            ).map { TimelineMonth(month: $0[0], count: $0[1]) }
        }
    }

    /// How many items `ownerId` has out of the trash: the sum of the kept months.
    public func keptCount(ownerId: Int64) throws -> Int {
        try database.read { db in try Self.keptCount(ownerId: ownerId, db) }
    }

    /// The same on a connection already held.
    static func keptCount(ownerId: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COALESCE(SUM(count), 0) FROM timeline_months WHERE owner_id = ?"),
            arguments: [ownerId]) ?? 0
    }

    /// How many of `ownerId`'s items the timeline shows before month `month` ("2019-07")
    /// begins: the offset a jump to that month starts from. Summed from the kept months.
    public func timelineItems(after month: String, ownerId: Int64) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db.cachedStatement(
                    sql: "SELECT COALESCE(SUM(count), 0) FROM timeline_months WHERE owner_id = ? AND month > ?"),
                arguments: [ownerId, month]) ?? 0
        }
    }

    /// `limit` items of `ownerId`'s timeline from item `offset` on, `months` being their
    /// `timelineMonths`. The kept month counts say which month item `offset` falls in; the
    /// query starts at that month's end in the index, so SQLite steps over at most one month's
    /// items, not everything newer (a page deep in a million items costs what page 1 does).
    public func timeline(ownerId: Int64, months: [TimelineMonth], limit: Int, offset: Int) throws -> [MediaEntry] {
        var newer = 0
        guard
            let month = months.first(where: { month in
                if offset < newer + month.count { return true }
                newer += month.count
                return false
            })
        else { return [] }
        let (condition, arguments) = MediaScope.timeline.filter(ownerId: ownerId)
        let order = MediaScope.timeline.order()
        // The page's ids first, then its rows and blobs: the items skipped are never joined.
        return try entries(
            sql: Self.selectEntries
                + """
                 JOIN (
                    SELECT media.id FROM media
                    WHERE \(condition) AND \(SearchIndex.date) < date(? || '-01', '+1 month') \(order) LIMIT ? OFFSET ?
                ) AS page ON page.id = media.id \(order)
                """,
            arguments: arguments + [month.month, limit, offset - newer], limit: limit)
    }
}
