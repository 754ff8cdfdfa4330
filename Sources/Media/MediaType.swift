/// The types Albumen stores, decided by libmagic from the bytes: the client's filename and
/// Content-Type never decide.
public struct MediaType: Sendable, Equatable {
    public enum Kind: String, Sendable { case image, video }

    public let mime: String
    public let kind: Kind
    /// The extension the file is stored and served with.
    public let fileExtension: String

    public init(mime: String, kind: Kind, fileExtension: String) {
        self.mime = mime
        self.kind = kind
        self.fileExtension = fileExtension
    }

    /// The allow-list. HEIC/AVIF are in it only when this libvips can load them.
    public static let allowed: [MediaType] = [
        MediaType(mime: "image/jpeg", kind: .image, fileExtension: "jpg"),
        MediaType(mime: "image/png", kind: .image, fileExtension: "png"),
        MediaType(mime: "image/gif", kind: .image, fileExtension: "gif"),
        MediaType(mime: "image/webp", kind: .image, fileExtension: "webp"),
        MediaType(mime: "image/bmp", kind: .image, fileExtension: "bmp"),
        MediaType(mime: "image/x-ms-bmp", kind: .image, fileExtension: "bmp"),
        MediaType(mime: "image/heic", kind: .image, fileExtension: "heic"),
        MediaType(mime: "image/avif", kind: .image, fileExtension: "avif"),
        MediaType(mime: "video/mp4", kind: .video, fileExtension: "mp4"),
        MediaType(mime: "video/quicktime", kind: .video, fileExtension: "mov"),
        MediaType(mime: "video/webm", kind: .video, fileExtension: "webm"),
    ]

    /// The allowed type stored with this file extension (`jpg`), or nil.
    public static func forExtension(_ ext: String) -> MediaType? { allowed.first { $0.fileExtension == ext } }

    /// The allowed type for a sniffed MIME type, or nil.
    public static func forSniffed(_ mime: String) -> MediaType? {
        let canonical = mime == "image/x-ms-bmp" ? "image/bmp" : mime
        guard let type = allowed.first(where: { $0.mime == canonical }) else { return nil }
        if canonical == "image/heic" || canonical == "image/avif" {
            guard Vips.canLoad(suffix: "." + type.fileExtension) else { return nil }
        }
        return type
    }
}
