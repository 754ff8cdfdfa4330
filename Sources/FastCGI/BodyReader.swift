import CFastCGI
import Foundation
import HTTP

/// Reads a request body from libfcgi's input stream: into memory when small; when large, as the
/// handler consumes it (`BodyStream`), or into a scratch file when its length is unknown. More
/// than the configured maximum is refused before a byte is stored.
struct BodyReader {
    let stream: UnsafeMutablePointer<FCGX_Stream>?
    let configuration: FastCGIConfiguration

    func read(declaredLength: Int?, method: String, scratch: ScratchSpace) throws -> RequestBody {
        guard let declaredLength else {
            // nginx sends a length with every body it buffered; a GET without one has none, and
            // not asking saves a read per request.
            if method == "GET" || method == "HEAD" || method == "OPTIONS" { return .empty }
            // No length (a bodiless GET, or a chunked body): one byte tells which, without
            // touching the disk for the common case.
            let first = FCGX_GetChar(stream)
            if first < 0 { return .empty }
            return try stream(to: scratch, prefix: [UInt8(truncatingIfNeeded: first)])
        }
        guard declaredLength >= 0 else { throw HTTPError(.badRequest, "The Content-Length is invalid.") }
        guard declaredLength <= configuration.maximumBody else { throw tooLarge }
        if declaredLength == 0 { return .empty }
        if declaredLength <= configuration.memoryBodyLimit {
            var bytes = [UInt8](repeating: 0, count: declaredLength)
            guard bytes.withUnsafeMutableBytes({ readChunk(into: $0) }) == declaredLength else { throw endedEarly }
            return .bytes(bytes)
        }
        // Read by the handler as it goes (see `BodyStream`).
        return .stream(BodyStream(length: declaredLength) { buffer in readChunk(into: buffer) })
    }

    /// A body of unknown length (chunked), to a file: read to the end of input.
    private func stream(to scratch: ScratchSpace, prefix: [UInt8]) throws -> RequestBody {
        let path = try scratch.makeFile()
        guard let file = FileHandle(forWritingAtPath: path) else {
            throw HTTPError(.internalServerError, "A temporary file could not be opened.")
        }
        defer { try? file.close() }
        try file.write(contentsOf: prefix)
        var total = prefix.count
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while case let got = chunk.withUnsafeMutableBytes({ readChunk(into: $0) }), got > 0 {
            total += got
            guard total <= configuration.maximumBody else {
                unlink(path)
                throw tooLarge
            }
            try chunk.withUnsafeBytes { try file.write(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<got])) }
        }
        return .file(path: path, size: total)
    }

    /// As much of `buffer` as the input fills: short only at its end.
    private func readChunk(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var filled = 0
        while filled < buffer.count {
            let got = FCGX_GetStr(
                buffer.baseAddress!.assumingMemoryBound(to: CChar.self) + filled, Int32(buffer.count - filled), stream)
            if got <= 0 { break }
            filled += Int(got)
        }
        return filled
    }

    private var tooLarge: HTTPError {
        HTTPError(.payloadTooLarge, "The request body is larger than \(configuration.maximumBody) bytes.")
    }

    private var endedEarly: HTTPError { HTTPError(.badRequest, "The request body ended early.") }
}
