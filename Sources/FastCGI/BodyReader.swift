import CFastCGI
import Foundation
import HTTP

/// Reads a request body from libfcgi's input stream: into memory when small, into a scratch
/// file when large, refusing more than the configured maximum before storing a byte.
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
            return try stream(to: scratch, prefix: [UInt8(truncatingIfNeeded: first)], declaredLength: nil)
        }
        guard declaredLength >= 0 else { throw HTTPError(.badRequest, "The Content-Length is invalid.") }
        guard declaredLength <= configuration.maximumBody else { throw tooLarge }
        if declaredLength == 0 { return .empty }
        if declaredLength <= configuration.memoryBodyLimit {
            var bytes = [UInt8](repeating: 0, count: declaredLength)
            let got = readChunk(into: &bytes, count: declaredLength)
            guard got == declaredLength else { throw endedEarly }
            return .bytes(bytes)
        }
        return try stream(to: scratch, prefix: [], declaredLength: declaredLength)
    }

    /// Streams to a file; with no declared length (chunked bodies) reads to the end of input.
    private func stream(to scratch: ScratchSpace, prefix: [UInt8], declaredLength: Int?) throws -> RequestBody {
        let path = try scratch.makeFile()
        guard let file = FileHandle(forWritingAtPath: path) else {
            throw HTTPError(.internalServerError, "A temporary file could not be opened.")
        }
        defer { try? file.close() }
        try file.write(contentsOf: prefix)
        var total = prefix.count
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let wanted = declaredLength.map { min(chunk.count, $0 - total) } ?? chunk.count
            if wanted == 0 { break }
            let got = readChunk(into: &chunk, count: wanted)
            if got <= 0 { break }
            total += got
            guard total <= configuration.maximumBody else {
                unlink(path)
                throw tooLarge
            }
            try chunk.withUnsafeBytes { try file.write(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<got])) }
        }
        if let declaredLength, total != declaredLength {
            unlink(path)
            throw endedEarly
        }
        return .file(path: path, size: total)
    }

    private func readChunk(into buffer: inout [UInt8], count: Int) -> Int {
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBufferPointer { pointer in
                pointer.withMemoryRebound(to: CChar.self) {
                    FCGX_GetStr($0.baseAddress! + filled, Int32(count - filled), stream)
                }
            }
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
