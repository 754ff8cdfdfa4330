import Foundation
import Media

/// libmagic cookies are not thread-safe and cost a database load to open: keep a few and lend
/// one to each caller.
final class SnifferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Sniffer] = []

    func withSniffer<T>(_ body: (Sniffer) -> T?) -> T? {
        let sniffer = lock.withLock { idle.popLast() } ?? (try? Sniffer())
        guard let sniffer else { return nil }
        defer { lock.withLock { idle.append(sniffer) } }
        return body(sniffer)
    }
}
