import Foundation

/// Dates as the answers and pages write them.
enum Timestamp {
    static let utc = TimeZone(identifier: "UTC")!

    /// `2026-11-22T13:04:50.123Z`: the JSON APIs' shape.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// `2024-10-10 19:58:00` (Chevereto's dates; the pages' too).
    static func plain(_ date: Date, in zone: TimeZone = utc) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(c.year ?? 1970)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
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

    /// `73` → `01:13`; an hour or more → `1:02:03`.
    static func clock(_ seconds: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(two(m)):\(two(s))"
    }
}
