import Foundation

/// How long a shared album stays viewable (seed 000's `AlbumExpirationType`): the clock starts
/// at the recipient's first view of the album (DESIGN §2, decision 1).
public enum ShareExpiration: String, Sendable, CaseIterable, Equatable {
    case indefinite = "INDEFINITE"
    case once = "ONCE"
    case tenMinutes = "TEN_MINUTES"
    case oneHour = "ONE_HOUR"
    case oneDay = "ONE_DAY"

    /// The number clients may send instead of the name.
    public var number: Int {
        switch self {
        case .indefinite: 0
        case .once: 1
        case .tenMinutes: 2
        case .oneHour: 3
        case .oneDay: 4
        }
    }

    public init?(number: Int) {
        guard let found = Self.allCases.first(where: { $0.number == number }) else { return nil }
        self = found
    }

    /// How long after the first view the album stays viewable; nil for ever. "View once" is a
    /// 30-minute window in which the album opens once.
    public var window: TimeInterval? {
        switch self {
        case .indefinite: nil
        case .once: 30 * 60
        case .tenMinutes: 10 * 60
        case .oneHour: 60 * 60
        case .oneDay: 24 * 60 * 60
        }
    }

    /// The views each item of the album starts with for the recipient: one for "view once",
    /// else unlimited (-1, never counted down).
    public var viewsPerItem: Int { self == .once ? 1 : -1 }
}
