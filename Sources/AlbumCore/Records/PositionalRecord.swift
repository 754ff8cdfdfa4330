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

/// `yyyy-MM-dd HH:mm:ss[.SSS]` (UTC, after 1582) to a `Date`, or nil for anything else.
enum StoredDate {
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 19 || (bytes.count == 23 && bytes[19] == UInt8(ascii: ".")),
                bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
            else { return nil }
            func number(_ start: Int, _ length: Int) -> Int? {
                var value = 0
                for index in start..<start + length {
                    let digit = Int(bytes[index]) &- 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            // Before 1583 Foundation's Gregorian calendar is Julian: those go to GRDB.
            guard let year = number(0, 4), year > 1582, let month = number(5, 2), let day = number(8, 2),
                let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
            else { return nil }
            let millis = bytes.count == 23 ? number(20, 3) : 0
            guard let millis else { return nil }
            let seconds =
                daysSinceEpoch(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second
            // Counted from 2001 as `Date` holds it, so the sum rounds as Foundation's does.
            let sinceReference = seconds - Int(Date.timeIntervalBetween1970AndReferenceDate)
            return Date(timeIntervalSinceReferenceDate: Double(sinceReference) + Double(millis) / 1000)
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (the civil-days algorithm: years
    /// counted from March, so the leap day ends a year).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }
}
