import Foundation

@testable import Site

/// Chevereto's `expiration` (seconds or an ISO 8601 duration): refused, or a date within
/// [5 minutes, 1 year] of now.
enum ExpirationTarget {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let date = try? Expiration.date(text, now: now) else { return }
        let seconds = date.timeIntervalSince(now)
        require(seconds >= Expiration.minimum && seconds <= Expiration.maximum, "\(text) expires in \(seconds) s")
    }
}
