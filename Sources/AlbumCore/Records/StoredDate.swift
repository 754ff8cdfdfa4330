import Foundation
import GRDB

/// `yyyy-MM-dd HH:mm:ss[.SSS]` (UTC, after 1582) to a `Date`, or nil for anything else.
public enum StoredDate {
    /// Years read and written by arithmetic; others go through GRDB (Foundation's calendar is
    /// Julian before 1583, and five-digit years are not this format).
    static let years = 1583...9999

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
            guard let year = number(0, 4), years.contains(year), let month = number(5, 2), let day = number(8, 2),
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

    /// `date` as GRDB stores it (`yyyy-MM-dd HH:mm:ss.SSS`, UTC, to the nearest millisecond
    /// as ICU rounds), or nil outside `years`. GRDB formats through a `DateFormatter`: binding
    /// "now" to a query cost 5 µs, a twentieth of a kept API answer.
    static func text(_ date: Date) -> String? {
        // The milliseconds since 1970 as Foundation hands them to ICU (from 2001, then shifted),
        // rounded half up as ICU's calendar does.
        let millis =
            ((date.timeIntervalSinceReferenceDate + Date.timeIntervalBetween1970AndReferenceDate) * 1000
            + 0.5).rounded(.down)
        guard millis.isFinite, abs(millis) < 1e15 else { return nil }
        let total = Int(millis)
        let (days, inDay) = floorDivision(total, 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        guard years.contains(year) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        func put(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        put(year, 4)
        bytes.append(UInt8(ascii: "-"))
        put(month, 2)
        bytes.append(UInt8(ascii: "-"))
        put(day, 2)
        bytes.append(UInt8(ascii: " "))
        put(inDay / 3_600_000, 2)
        bytes.append(UInt8(ascii: ":"))
        put(inDay / 60_000 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        put(inDay / 1000 % 60, 2)
        bytes.append(UInt8(ascii: "."))
        put(inDay % 1000, 3)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (Int, Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01: `daysSinceEpoch` backwards
    /// (Howard Hinnant's `civil_from_days`).
    public static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Date {
    /// This date as a query argument, stored exactly as GRDB stores a `Date` (the same text, so
    /// comparisons with stored dates hold) without its `DateFormatter`: for the dates bound on
    /// every request ("now" against expiries).
    public var stored: DatabaseValue {
        StoredDate.text(self).map { $0.databaseValue } ?? databaseValue
    }
}
