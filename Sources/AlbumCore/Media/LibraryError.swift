import Media

/// What the library use cases refuse; each dialect maps these to its own status and words.
public enum LibraryError: Error, Equatable, Sendable {
    /// The file itself: unsupported type, empty, too many pixels, undecodable, no video stream.
    case media(MediaError)
    case fileTooLarge(limit: Int)
    case albumNotFound
    case mediaNotFound
    case limitReached(String)
    case storage(String)
}
