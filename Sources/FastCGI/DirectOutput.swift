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

    /// Sends `bytes` as STDOUT records of `request`; false if the connection failed (the
    /// request is over).
    static func send(_ bytes: [UInt8], _ request: UnsafeMutablePointer<FCGX_Request>) -> Bool {
        guard request.pointee.ipcFd >= 0, FCGX_FFlush(request.pointee.out) == 0 else { return false }
        return send(bytes, to: request.pointee.ipcFd, requestId: request.pointee.requestId)
    }

    /// Sends `bytes` as STDOUT records of request `id` on `descriptor`.
    static func send(_ bytes: [UInt8], to descriptor: Int32, requestId id: Int32) -> Bool {
        let records = (bytes.count + recordSize - 1) / recordSize
        var headers = [UInt8](repeating: 0, count: records * 8)
        for record in 0..<records {
            let length = min(recordSize, bytes.count - record * recordSize)
            // version, type 6 (STDOUT), request id, content length, no padding.
            headers.replaceSubrange(
                record * 8..<record * 8 + 8,
                with: [1, 6, UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF), UInt8(length >> 8), UInt8(length & 0xFF), 0, 0])
        }
        return headers.withUnsafeBytes { head in
            bytes.withUnsafeBytes { body in
                var vectors: [iovec] = []
                vectors.reserveCapacity(records * 2)
                for record in 0..<records {
                    let start = record * recordSize
                    vectors.append(
                        iovec(iov_base: UnsafeMutableRawPointer(mutating: head.baseAddress! + record * 8), iov_len: 8))
                    vectors.append(
                        iovec(
                            iov_base: UnsafeMutableRawPointer(mutating: body.baseAddress! + start),
                            iov_len: min(recordSize, bytes.count - start)))
                }
                return writeAll(descriptor, &vectors)
            }
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
