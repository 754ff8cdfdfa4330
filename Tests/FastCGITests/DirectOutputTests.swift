import Foundation
import Testing

@testable import FastCGI

/// Large answers leave as STDOUT records written straight to nginx's connection: whatever the
/// pieces, the records carry exactly their bytes in order, none empty or over the record size.
@Suite struct DirectOutputTests {
    @Test func piecesArriveWholeAndInOrderAsStdoutRecords() throws {
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer { close(pair[0]) }
        let head = Array("Status: 200 OK\r\nContent-Length: 200003\r\n\r\n".utf8)
        let body = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        let pieces = [head, body, [], Array("end".utf8)]
        let writer = pair[1]
        let sent = Finished {
            defer { close(writer) }
            return DirectOutput.send(pieces, to: writer, requestId: 258)
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(pair[0], &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        #expect(sent.value)
        var content: [UInt8] = []
        var at = 0
        while at < received.count {
            let length = Int(received[at + 4]) << 8 | Int(received[at + 5])
            #expect(received[at] == 1 && received[at + 1] == 6)
            #expect(Int(received[at + 2]) << 8 | Int(received[at + 3]) == 258)
            #expect(length > 0 && length <= DirectOutput.recordSize && received[at + 6] == 0)
            content += received[at + 8..<at + 8 + length]
            at += 8 + length
        }
        #expect(content == pieces.flatMap { $0 })
    }
}

/// A result from another thread, read once it is there.
private final class Finished: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result = false

    init(_ work: @escaping @Sendable () -> Bool) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    var value: Bool {
        done.wait()
        done.signal()
        return result
    }
}
