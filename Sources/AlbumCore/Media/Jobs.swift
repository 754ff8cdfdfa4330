import Foundation

/// At most one image or video job per core, whichever thread asks: page requests keep a
/// core even while uploads are being thumbnailed.
public final class JobLimiter: Sendable {
    private let slots: DispatchSemaphore

    public init(concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        slots = DispatchSemaphore(value: max(1, concurrency))
    }

    public func run<T>(_ job: () throws -> T) rethrows -> T {
        slots.wait()
        defer { slots.signal() }
        return try job()
    }
}

/// A value computed on another thread while the caller goes on; `value()` waits for it.
final class Concurrent<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, Error>?

    init(_ work: @escaping @Sendable () throws -> T) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    func value() throws -> T {
        done.wait()
        done.signal()  // later calls return at once
        return try result!.get()
    }
}
