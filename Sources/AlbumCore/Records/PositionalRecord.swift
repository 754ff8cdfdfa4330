import Foundation
import GRDB

/// A record read by column position rather than through `Decodable`. GRDB's decoder converts
/// every column name from snake case into a fresh dictionary for each row, and a lookup by name
/// lower-cases it: for the rows behind every page (the session, its user, the album, 100 media)
/// that was a third of an album page. Every query reading one of these selects `*` or
/// `table.*` first, so the columns are `columnOrder`; a row of another shape is refused, never
/// read into the wrong fields (and `DatabaseTests` pins each table's order).
public protocol PositionalRecord: FetchableRecord {
    /// The table's columns in order: what `SELECT table.*` yields.
    static var columnOrder: [String] { get }
    /// Reads a row already known to start with `columnOrder`.
    init(checkedRow row: Row) throws
}

extension PositionalRecord {
    /// Whether `names` (a row's or a statement's columns) begin with `columnOrder`.
    public static func startsWithColumns(_ names: some Sequence<String>) -> Bool {
        names.starts(with: columnOrder)
    }

    /// `row`, once its columns are checked: what each type's `init(row:)` reads.
    static func checked(_ row: Row) throws -> Row {
        guard startsWithColumns(row.columnNames) else {
            throw DatabaseError(message: "\(Self.self) rows must start with the columns \(columnOrder)")
        }
        return row
    }

    /// The enum case stored as `text`; an unknown one is an error, not a default.
    static func value<T: RawRepresentable<String>>(_ text: String) throws -> T {
        guard let value = T(rawValue: text) else {
            throw DatabaseError(message: "\(Self.self): unknown \(T.self) \(text)")
        }
        return value
    }
}

extension Row {
    /// The date in column `index`. GRDB stores dates as `yyyy-MM-dd HH:mm:ss.SSS` in UTC; those
    /// are read here by arithmetic (its own parser goes through `Calendar`, ~1 µs a date, four
    /// per media row). Any other form goes to GRDB, so nothing it reads is read differently.
    public func date(_ index: Int) throws -> Date {
        guard let date = try optionalDate(index) else {
            throw DatabaseError(message: "unexpected NULL date in column \(index)")
        }
        return date
    }

    public func optionalDate(_ index: Int) throws -> Date? {
        // Read as text first (SQLite's own conversion; a `DatabaseValue` goes through generic
        // decoding, 5 % of an album page); anything the fast path can't read goes to GRDB.
        guard let text: String = self[index] else { return nil }
        if let date = StoredDate.parse(text) { return date }
        let value: DatabaseValue = self[index]
        guard let date = Date.fromDatabaseValue(value) else {
            throw DatabaseError(message: "not a date in column \(index): \(value)")
        }
        return date
    }
}
