import Foundation

/// A request body: small ones are held in memory; large ones are read from the transport as
/// the handler consumes them (`stream`), or were written to a file (bodies of unknown length).
/// The transport never holds a large body in memory.
public enum RequestBody: Sendable {
    case empty
    case bytes([UInt8])
    case file(path: String, size: Int)
    case stream(BodyStream)

    public var count: Int {
        switch self {
        case .empty: 0
        case .bytes(let bytes): bytes.count
        case .file(_, let size): size
        case .stream(let stream): stream.length
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
        case .stream(let stream):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(stream.length)
            try stream.forEachChunk(size: 256 * 1024) { bytes += $0 }
            return bytes
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
        case .stream(let stream):
            try stream.forEachChunk(size: size, body)
        }
    }
}

/// A body of known length still arriving from the transport, read once and in order by the
/// handler that needs it: a multipart upload is split into its parts as it is read, instead of
/// being copied whole to a scratch file and read back (4 ms of a 6 MB upload). A second read
/// is a programming error, answered 500 rather than with half a body.
public final class BodyStream: @unchecked Sendable {
    public let length: Int
    /// Fills the buffer with the next bytes; answers how many, 0 at the end of the input.
    private let source: (UnsafeMutableRawBufferPointer) -> Int
    private var started = false

    public init(length: Int, source: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.length = length
        self.source = source
    }

    func forEachChunk(size: Int, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        guard !started else { throw HTTPError(.internalServerError, "The request body was read twice.") }
        started = true
        var buffer = [UInt8](repeating: 0, count: max(1, min(size, length)))
        var read = 0
        while read < length {
            let wanted = min(buffer.count, length - read)
            let got = buffer.withUnsafeMutableBytes { source(UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted])) }
            guard got > 0 else { throw HTTPError(.badRequest, "The request body ended before its declared length.") }
            read += got
            try body(buffer[..<got])
        }
    }
}
