import Media

/// What the library use cases refuse; each dialect maps these to its own status and words.
/// AlbumCore's own words: the `Media` layer's `MediaError` stops here (DESIGN §1), so the site
/// and the dialects never import `Media` to read a refusal.
public enum LibraryError: Error, Equatable, Sendable {
    /// libmagic named a type outside the allow-list (the sniffed MIME type is given).
    case unsupportedType(String)
    case emptyFile
    /// The header claims more pixels than allowed.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The bytes do not decode as an image or a video (truncated, corrupt); the detail is for logs.
    case unreadable(String)
    case noVideoStream
    case fileTooLarge(limit: Int)
    /// The plan does not allow this stored type (its extension given).
    case typeNotAllowed(String)
    case videoLength(seconds: Double, minimum: Double?, maximum: Double?)
    case albumNotFound
    case mediaNotFound
    /// A plan's limit would be passed: which one, and where it lies.
    case limitReached(PlanLimit)
    /// The rules refuse this (a second view of a "view once" album): in words.
    case refused(String)
    /// A value the caller gave cannot be taken: which field, and why in words.
    case badInput(field: String, reason: String)
    /// The same bytes came from the same address within a day, and the setting refuses that.
    case duplicate
    /// The owner has these bytes already, as this item (the pages link to it).
    case alreadyInLibrary(mediaId: Int64)
    /// A failure on our side: the disk, or a media tool that could not run.
    case storage(String)

    init(_ error: MediaError) {
        switch error {
        case .unsupportedType(let mime): self = .unsupportedType(mime)
        case .empty: self = .emptyFile
        case .tooManyPixels(let width, let height, let limit):
            self = .tooManyPixels(width: width, height: height, limit: limit)
        case .invalid(let detail): self = .unreadable(detail)
        case .noVideoStream: self = .noVideoStream
        case .unavailable(let detail): self = .storage(detail)
        }
    }
}

/// One of a plan's limits, with its value: what a `limitReached` refusal is about.
public enum PlanLimit: Equatable, Sendable, CustomStringConvertible {
    case albums(Int)
    case itemsPerAlbum(Int)
    case videosPerAlbum(Int)
    /// Recipients of one album.
    case shares(Int)
    /// Albums shared with anyone.
    case shareableAlbums(Int)
    /// Shared albums open at once, and videos in them, for their recipient.
    case viewableAlbums(Int)
    case viewableVideos(Int)

    public var description: String {
        switch self {
        case .albums(let limit): "Your plan allows \(limit) albums."
        case .itemsPerAlbum(let limit): "This album is full: at most \(limit) items."
        case .videosPerAlbum(let limit): "This album has its \(limit) videos already."
        case .shares(let limit): "An album may be shared with \(limit) people on your plan."
        case .shareableAlbums(let limit): "Your plan allows \(limit) shared albums."
        case .viewableAlbums(let limit): "Your plan lets you have \(limit) shared albums open at once."
        case .viewableVideos(let limit): "Your plan lets you watch \(limit) shared videos at once."
        }
    }
}
