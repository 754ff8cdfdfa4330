/// Limits and sizes of the media pipeline (configuration, read once).
public struct MediaSettings: Sendable {
    /// Images whose header claims more pixels are refused before any decode.
    public var pixelLimit = 100_000_000
    /// The thumbnail box, made at upload.
    public var thumbBox = 400
    /// The medium box, made on first request.
    public var mediumBox = 1280
    /// The blurred preview's box (and its blur).
    public var blurredBox = 96
    public var blurSigma = 6.0
    /// How long a signed media URL lives at most; an orphaned blob is kept at least this long.
    /// Short, because a deleted item stays downloadable through URLs issued before (seed 000's
    /// promise): an hour at most, so a deletion takes effect within the hour.
    public var signedURLLifetime: Double = 3600
    /// Where the poster frame of a video is taken, in seconds.
    public var posterAt = 1.0
    /// How many days a deleted item waits in the trash before the sweeper deletes it.
    public var trashDays = 30
    /// The plan of users without one of their own.
    public var defaultPlan = Plan()

    public init() {}
}
