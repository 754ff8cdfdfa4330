/// Why a file was refused or could not be processed; each dialect maps these to its own words.
public enum MediaError: Error, Equatable, Sendable {
    /// libmagic named a type outside the allow-list (the sniffed MIME type is given).
    case unsupportedType(String)
    case empty
    /// The header claims more pixels than allowed (width × height given).
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The bytes do not decode (truncated, corrupt).
    case invalid(String)
    case noVideoStream
    case unavailable(String)
}
