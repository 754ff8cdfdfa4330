import Foundation

/// Chevereto's `expiration`: seconds, or an ISO 8601 duration (the presets `PT5M`…`P1Y` are
/// ones), clamped to [5 minutes, 1 year]. Unparseable text is refused (the original quietly
/// made it 5 minutes; DESIGN follows seed-apis §4.2's proposal).
enum Expiration {
    static let minimum: TimeInterval = 300
    static let maximum: TimeInterval = 365 * 24 * 3600

    /// The expiry date for `text` counted from `now`; nil for no text.
    static func date(_ text: String?, now: Date = Date()) throws -> Date? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let seconds: TimeInterval
        if let whole = Int(text) {
            seconds = TimeInterval(whole)
        } else if let components = duration(text.uppercased()),
            let end = calendar.date(byAdding: components, to: now)
        {
            seconds = end.timeIntervalSince(now)
        } else {
            throw CheveretoError("Invalid expiration", code: 400)
        }
        return now.addingTimeInterval(min(max(seconds, minimum), maximum))
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `P1Y2M3W4DT5H6M7S` (any part optional, at least one) → calendar components.
    static func duration(_ text: String) -> DateComponents? {
        guard text.hasPrefix("P"), text.count > 1 else { return nil }
        var components = DateComponents()
        var inTime = false
        var number = ""
        var parts = 0
        for character in text.dropFirst() {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let value = Int(number), value <= 1_000_000 else { return nil }
            number = ""
            parts += 1
            switch (character, inTime) {
            case ("Y", false): components.year = value
            case ("M", false): components.month = value
            case ("W", false): components.day = (components.day ?? 0) + 7 * value
            case ("D", false): components.day = (components.day ?? 0) + value
            case ("H", true): components.hour = value
            case ("M", true): components.minute = value
            case ("S", true): components.second = value
            default: return nil
            }
        }
        return number.isEmpty && parts > 0 ? components : nil
    }
}
