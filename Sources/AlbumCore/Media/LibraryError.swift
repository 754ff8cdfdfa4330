import Media

/// What the library use cases refuse; each dialect maps these to its own status and words.
public enum LibraryError: Error, Equatable, Sendable {
    /// The file itself: unsupported type, empty, too many pixels, undecodable, no video stream.
    case media(MediaError)
    case fileTooLarge(limit: Int)
    /// The plan does not allow this stored type (its extension given).
    case typeNotAllowed(String)
    case videoLength(seconds: Double, minimum: Double?, maximum: Double?)
    case albumNotFound
    case mediaNotFound
    case limitReached(String)
    /// The same bytes came from the same address within a day, and the setting refuses that.
    case duplicate
    case storage(String)
}
