import Foundation

/// The one clock every part reads (`Services.clock`): the system's time, plus an offset that
/// only tests move (`POST /_debug/clock?advance=SECONDS` when debug routes are on), so the end of
/// a share's window, a signed URL's expiry and what follows can be tested without waiting.
public final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0

    public init() {}

    public func now() -> Date {
        let offset = lock.withLock { self.offset }
        return offset == 0 ? Date() : Date().addingTimeInterval(offset)
    }

    /// Moves this clock forward (never back: nothing may expire twice or come back to life).
    public func advance(by seconds: TimeInterval) {
        lock.withLock { offset += max(0, seconds) }
    }
}
