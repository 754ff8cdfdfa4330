import CFastCGI
import Foundation

/// Writes a large response body straight to nginx's connection as FastCGI `STDOUT` records of
/// up to 64 KB in one `writev`, instead of through libfcgi's stream, whose fixed 8 KB buffer
/// makes a 90 KB album page twelve `write` calls (and wakes nginx twelve times). libfcgi's own
/// stream stays empty until then, so at `FCGX_Finish_r` it adds the end-of-stream and
/// end-of-request records after these, in order.
///
/// Uses two fields fcgiapp.h marks internal (`ipcFd`, and `requestId`, which is public): both
/// have been there unchanged since libfcgi 2.0 and the e2e tests read every page through nginx.
enum DirectOutput {
    /// Smaller answers fit libfcgi's buffer and leave in one write at the end anyway.
    static let threshold = 16 * 1024
    /// The largest record content that keeps records 8-byte aligned without padding.
    static let recordSize = 65_528

    /// Sends `pieces`, one after the other, as STDOUT records of `request`; false if the
    /// connection failed (the request is over). Each piece has records of its own, so a page's
    /// body goes from where it lies, not copied behind its head.
    static func send(_ pieces: [[UInt8]], _ request: UnsafeMutablePointer<FCGX_Request>) -> Bool {
        guard request.pointee.ipcFd >= 0, FCGX_FFlush(request.pointee.out) == 0 else { return false }
        return send(pieces, to: request.pointee.ipcFd, requestId: request.pointee.requestId)
    }

    /// Sends `pieces` as STDOUT records of request `id` on `descriptor`, in one `writev`.
    static func send(_ pieces: [[UInt8]], to descriptor: Int32, requestId id: Int32) -> Bool {
        // (piece, start, length) of each record; empty pieces have none (an empty STDOUT
        // record would end the stream).
        var records: [(piece: Int, start: Int, length: Int)] = []
        for (index, piece) in pieces.enumerated() {
            for start in stride(from: 0, to: piece.count, by: recordSize) {
                records.append((index, start, min(recordSize, piece.count - start)))
            }
        }
        var headers = [UInt8](repeating: 0, count: records.count * 8)
        for (number, record) in records.enumerated() {
            // version, type 6 (STDOUT), request id, content length, no padding.
            let at = number * 8
            headers[at] = 1
            headers[at + 1] = 6
            headers[at + 2] = UInt8(id >> 8 & 0xFF)
            headers[at + 3] = UInt8(id & 0xFF)
            headers[at + 4] = UInt8(record.length >> 8)
            headers[at + 5] = UInt8(record.length & 0xFF)
        }
        return headers.withUnsafeBytes { head in
            withBases(of: pieces) { bases in
                var vectors: [iovec] = []
                vectors.reserveCapacity(records.count * 2)
                for (number, record) in records.enumerated() {
                    vectors.append(
                        iovec(iov_base: UnsafeMutableRawPointer(mutating: head.baseAddress! + number * 8), iov_len: 8))
                    vectors.append(
                        iovec(
                            iov_base: UnsafeMutableRawPointer(mutating: bases[record.piece]! + record.start),
                            iov_len: record.length))
                }
                return writeAll(descriptor, &vectors)
            }
        }
    }

    /// Runs `body` with the base address of each piece's bytes (nil for an empty one), all
    /// valid for the call.
    private static func withBases<T>(
        of pieces: [[UInt8]], _ done: [UnsafeRawPointer?] = [], _ body: ([UnsafeRawPointer?]) -> T
    ) -> T {
        guard done.count < pieces.count else { return body(done) }
        return pieces[done.count].withUnsafeBytes { bytes in
            withBases(of: pieces, done + [bytes.baseAddress], body)
        }
    }

    /// `writev` until every vector is sent, resuming after short writes and interruptions.
    private static func writeAll(_ descriptor: Int32, _ vectors: inout [iovec]) -> Bool {
        var first = 0
        while first < vectors.count {
            let written = vectors.withUnsafeBufferPointer { buffer in
                writev(descriptor, buffer.baseAddress! + first, Int32(min(buffer.count - first, 1024)))
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            var left = written
            while first < vectors.count && left >= vectors[first].iov_len {
                left -= vectors[first].iov_len
                first += 1
            }
            if left > 0 {
                vectors[first].iov_base += left
                vectors[first].iov_len -= left
            }
        }
        return true
    }
}
