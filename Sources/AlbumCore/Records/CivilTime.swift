/// Dates and times of the proleptic Gregorian calendar in UTC, by arithmetic: what the stored
/// dates (`StoredDate`) and the answers' and pages' dates (`Timestamp`) are read and written
/// with. `Calendar` and the date formatters cost microseconds a date, and these run for every
/// item of a listing and every "now" bound to a query.
public enum CivilTime {
    /// Days from 1970-01-01 to a date (the civil-days algorithm: years counted from March, so
    /// the leap day ends a year).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The date `days` after 1970-01-01: `daysSinceEpoch` backwards (Howard Hinnant's
    /// `civil_from_days`).
    public static func date(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
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

    /// `YYYY-MM-DD<between>hh:mm:ss` of `seconds` since 1970. Years past 9999 or before 1 are
    /// written as they come.
    public static func text(seconds: Int, between: UInt8) -> [UInt8] {
        let (days, time) = floorDivision(seconds, 86400)
        let (year, month, day) = date(daysSinceEpoch: days)
        var text: [UInt8] = []
        text.reserveCapacity(24)
        if year < 0 { text.append(UInt8(ascii: "-")) }
        append(abs(year), digits: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        append(day, digits: 2, to: &text)
        text.append(between)
        append(time / 3600, digits: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        append(time / 60 % 60, digits: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        append(time % 60, digits: 2, to: &text)
        return text
    }

    /// `value` (not negative) in decimal, zero-padded to at least `digits`.
    public static func append(_ value: Int, digits: Int, to text: inout [UInt8]) {
        var divisor = 1
        var width = 1
        while divisor <= value / 10 {
            divisor *= 10
            width += 1
        }
        if width < digits { text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits - width)) }
        var rest = value
        while divisor > 0 {
            text.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Division rounding towards minus infinity, with its remainder (never negative).
    public static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}
