import AlbumCore
import Foundation

/// Dates as the answers and pages write them, by arithmetic: a listing writes one or more per
/// item, and `ISO8601DateFormatter` or `Calendar` cost microseconds each (73 % of a JSON listing's
/// time went to making a formatter per item). Tests compare both with Foundation's.
enum Timestamp {
    static let utc = TimeZone(identifier: "UTC")!

    /// `2026-11-22T13:04:50.123Z`: the JSON APIs' shape, to the nearest millisecond (dates are
    /// stored to the millisecond; a stored `.999` reads back as `0.99899…`).
    static func iso8601(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = CivilTime.floorDivision(milliseconds, 1000)
        var text = CivilTime.text(seconds: seconds, between: UInt8(ascii: "T"))
        text.append(UInt8(ascii: "."))
        CivilTime.append(fraction, digits: 3, to: &text)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// `2026-03-27T20:39:00`: ISO 8601 without zone or fraction, in UTC (seed 000's dates).
    static func seconds(_ date: Date) -> String {
        String(
            decoding: CivilTime.text(
                seconds: Int(date.timeIntervalSince1970.rounded(.down)), between: UInt8(ascii: "T")),
            as: UTF8.self
        )
    }

    /// `2024-10-10 19:58:00` (Chevereto's dates; the pages' too), in `zone` (UTC by default).
    static func plain(_ date: Date, in zone: TimeZone = utc) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        return String(decoding: CivilTime.text(seconds: seconds, between: UInt8(ascii: " ")), as: UTF8.self)
    }

    /// `2024-10-10`: the day part of `plain`.
    static func day(_ date: Date) -> String { String(plain(date).prefix(10)) }
}

/// Sizes and durations for people.
enum Display {
    /// `3011299` → `3 MB`, `21212` → `21.2 KB` (decimal units, like seed 003's example).
    static func bytes(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(text) \(units[unit])"
    }

    /// A limit set in binary units (`ALBUMEN_MAX_UPLOAD=2G` is 2 GiB) as people say it: a whole
    /// number of KiB, MiB, GiB or TiB reads "2 GB", not "2.1 GB"; anything else as `bytes`.
    static func limit(_ bytes: Int) -> String {
        for (power, unit) in [(40, "TB"), (30, "GB"), (20, "MB"), (10, "KB")] where bytes >= 1 << power {
            if bytes % (1 << power) == 0 { return "\(bytes >> power) \(unit)" }
        }
        return self.bytes(bytes)
    }

    /// "1 item", "3 items".
    static func items(_ count: Int) -> String { count == 1 ? "1 item" : "\(count) items" }

    /// `73` → `01:13`; an hour or more → `1:02:03`.
    static func clock(_ seconds: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(two(m)):\(two(s))"
    }
}
