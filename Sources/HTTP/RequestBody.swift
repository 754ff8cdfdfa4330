import Foundation

/// A request body: small ones are held in memory, large ones were streamed to a file by the
/// transport (it never holds a large body in memory).
public enum RequestBody: Sendable {
    case empty
    case bytes([UInt8])
    case file(path: String, size: Int)

    public var count: Int {
        switch self {
        case .empty: 0
        case .bytes(let bytes): bytes.count
        case .file(_, let size): size
        }
    }

    /// The whole body in memory, refused past `limit` so a handler cannot be tricked into
    /// loading a large upload.
    public func collect(limit: Int) throws -> [UInt8] {
        guard count <= limit else { throw HTTPError(.payloadTooLarge, "The request body is too large.") }
        switch self {
        case .empty: return []
        case .bytes(let bytes): return bytes
        case .file(let path, _):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw HTTPError(.badRequest, "The request body could not be read.")
            }
            return [UInt8](data)
        }
    }

    /// Calls `body` with successive chunks of the body, reading a file body piece by piece.
    public func forEachChunk(size: Int = 64 * 1024, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        switch self {
        case .empty: return
        case .bytes(let bytes): try body(bytes[...])
        case .file(let path, _):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw HTTPError(.badRequest, "The request body could not be read.")
            }
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: size), !data.isEmpty {
                try body([UInt8](data)[...])
            }
        }
    }
}
