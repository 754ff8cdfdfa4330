import Foundation

/// A streaming `multipart/form-data` parser (RFC 7578 / RFC 2046).
///
/// Bytes go in as they arrive, in chunks of any size; events come out: a part's headers, its
/// body in pieces, its end. Memory stays bounded by the chunk size plus the header limit, so a
/// 1 GB file part never sits in memory. Written here rather than taken from multipart-kit
/// because that parser has no bound on part headers, cannot report a missing final boundary and
/// pulls SwiftNIO into every target; this one is fuzzed in the tests.
public final class MultipartParser {
    public enum Event {
        case headers(Headers)
        case body(ArraySlice<UInt8>)
        case partEnd
    }

    public struct Limits: Sendable {
        /// Bytes of one part's header block.
        public var headerBytes = 16 * 1024
        /// Bytes before the first boundary (browsers send none).
        public var preambleBytes = 16 * 1024
        public var parts = 1000

        public init() {}
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case headersTooLarge
        case tooManyParts
        case missingFinalBoundary

        public var description: String {
            switch self {
            case .malformed(let why): "Malformed multipart body: \(why)."
            case .headersTooLarge: "Malformed multipart body: a part's headers are too large."
            case .tooManyParts: "Malformed multipart body: too many parts."
            case .missingFinalBoundary: "Malformed multipart body: it ends before its final boundary."
            }
        }
    }

    private enum State { case preamble, afterDelimiter, headers, body, done }

    /// `CRLF--boundary`: the delimiter that ends every part body.
    private let delimiter: [UInt8]
    private let limits: Limits
    private var state = State.preamble
    private var pending: [UInt8]
    private var preambleSeen = 0
    private var partCount = 0

    /// The boundary as the Content-Type gives it (1 to 70 characters, RFC 2046).
    public init(boundary: String, limits: Limits = Limits()) throws {
        guard (1...70).contains(boundary.utf8.count) else { throw Failure.malformed("bad boundary") }
        delimiter = Array("\r\n--\(boundary)".utf8)
        self.limits = limits
        // A leading CRLF lets the first boundary (which has none) match the same delimiter.
        pending = [13, 10]
    }

    /// The boundary parameter of a `multipart/form-data` Content-Type, or nil.
    public static func boundary(fromContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        let header = HeaderValue(contentType)
        guard header.value.lowercased().hasPrefix("multipart/"), let boundary = header.parameters["boundary"],
            !boundary.isEmpty
        else { return nil }
        return boundary
    }

    /// Feeds the next bytes of the body.
    public func feed<C: Collection<UInt8>>(_ bytes: C, _ handle: (Event) throws -> Void) throws {
        guard state != .done else { return }  // the epilogue is ignored
        pending.append(contentsOf: bytes)
        var consumed = 0
        defer { pending.removeFirst(consumed) }
        while true {
            let available = pending.count - consumed
            switch state {
            case .preamble:
                if let at = find(delimiter, from: consumed) {
                    // Counted here too, or the limit would depend on how the body was chunked.
                    preambleSeen += at - consumed
                    if preambleSeen > limits.preambleBytes { throw Failure.malformed("no boundary found") }
                    consumed = at + delimiter.count
                    state = .afterDelimiter
                } else {
                    let keep = min(available, delimiter.count - 1)
                    preambleSeen += available - keep
                    consumed = pending.count - keep
                    if preambleSeen > limits.preambleBytes { throw Failure.malformed("no boundary found") }
                    return
                }
            case .afterDelimiter:
                // "--" closes the body; otherwise optional whitespace, then CRLF, then a part.
                var index = consumed
                while index < pending.count, pending[index] == 32 || pending[index] == 9 { index += 1 }
                guard index + 1 < pending.count else {
                    if index - consumed > 256 { throw Failure.malformed("junk after a boundary") }
                    return
                }
                if pending[index] == 45 && pending[index + 1] == 45 && index == consumed {
                    consumed = pending.count
                    state = .done
                    return
                }
                guard pending[index] == 13 && pending[index + 1] == 10 else {
                    throw Failure.malformed("junk after a boundary")
                }
                partCount += 1
                if partCount > limits.parts { throw Failure.tooManyParts }
                consumed = index + 2
                state = .headers
            case .headers:
                if available >= 2, pending[consumed] == 13, pending[consumed + 1] == 10 {
                    consumed += 2
                    try handle(.headers(Headers()))
                    state = .body
                    continue
                }
                guard let end = find([13, 10, 13, 10], from: consumed) else {
                    // Up to three bytes of the blank line may be here already: a block of exactly
                    // the limit must pass however it is cut (found by the fuzzer).
                    if available > limits.headerBytes + 3 { throw Failure.headersTooLarge }
                    return
                }
                guard end - consumed <= limits.headerBytes else { throw Failure.headersTooLarge }
                let headers = try Self.parseHeaders(pending[consumed..<end])
                consumed = end + 4
                try handle(.headers(headers))
                state = .body
            case .body:
                if let at = find(delimiter, from: consumed) {
                    if at > consumed { try handle(.body(pending[consumed..<at])) }
                    try handle(.partEnd)
                    consumed = at + delimiter.count
                    state = .afterDelimiter
                } else {
                    // Keep what could be the start of a delimiter split across two chunks.
                    let safe = pending.count - (delimiter.count - 1)
                    if safe > consumed {
                        try handle(.body(pending[consumed..<safe]))
                        consumed = safe
                    }
                    return
                }
            case .done:
                consumed = pending.count
                return
            }
        }
    }

    /// Call when the body has ended: throws unless the final boundary was seen.
    public func finish() throws {
        guard state == .done else { throw Failure.missingFinalBoundary }
    }

    /// The index of `needle` in `pending` at or after `start`: memchr for the first byte, then
    /// memcmp (memmem is a GNU extension that Swift's Glibc module does not import).
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        pending.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { needle -> Int? in
                guard let base = haystack.baseAddress, let first = needle.first else { return nil }
                var offset = start
                let lastStart = haystack.count - needle.count
                while offset <= lastStart {
                    guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return nil }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
                    offset = at + 1
                }
                return nil
            }
        }
    }

    private static func parseHeaders(_ block: ArraySlice<UInt8>) throws -> Headers {
        var headers = Headers()
        for line in block.split(separator: 10, omittingEmptySubsequences: false) {
            var line = line
            guard line.last == 13 || line.endIndex == block.endIndex else {
                throw Failure.malformed("a header line ends without CRLF")
            }
            if line.last == 13 { line = line.dropLast() }
            guard let colon = line.firstIndex(of: 58), colon > line.startIndex else {
                throw Failure.malformed("a part header has no name")
            }
            let name = line[..<colon]
            guard name.allSatisfy(isTokenCharacter) else { throw Failure.malformed("a part header name is invalid") }
            guard let value = String(validating: line[line.index(after: colon)...], as: UTF8.self) else {
                throw Failure.malformed("a part header is not UTF-8")
            }
            headers.add(String(decoding: name, as: UTF8.self), value.trimmingSpaces)
        }
        return headers
    }

    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
