/// A media row with the address of its bytes: the blob's SHA-256 and the original's extension.
public struct MediaEntry: Sendable, Equatable {
    public let item: MediaItem
    public let sha256: String
    public let ext: String

    public init(item: MediaItem, sha256: String, ext: String) {
        self.item = item
        self.sha256 = sha256
        self.ext = ext
    }
}
