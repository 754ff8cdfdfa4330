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
    /// How long a signed media URL lives; an orphaned blob is kept at least this long.
    public var signedURLLifetime: Double = 24 * 3600
    /// Where the poster frame of a video is taken, in seconds.
    public var posterAt = 1.0
    /// The plan of users without one of their own.
    public var defaultPlan = Plan()

    public init() {}
}
