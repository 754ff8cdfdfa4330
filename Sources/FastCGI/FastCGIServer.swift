import CFastCGI
import Foundation
import HTTP
import Logging

/// The only code that knows libfcgi: a listening socket, N worker threads each with its own
/// `FCGX_Request`, and a drain on SIGTERM/SIGINT.
///
/// Threads, not processes: `fork()` of a Swift process hangs (reference notes), and one process
/// keeps one SQLite writer.
public final class FastCGIServer: Sendable {
    public typealias Responder = @Sendable (Request) -> Response

    private let configuration: FastCGIConfiguration
    private let logger: Logger
    private let responder: Responder

    public init(configuration: FastCGIConfiguration, logger: Logger, responder: @escaping Responder) {
        self.configuration = configuration
        self.logger = logger
        self.responder = responder
    }

    /// Listens, serves until SIGTERM or SIGINT, lets in-flight requests finish, returns.
    public func run() throws {
        // Buffers of 1 MiB and more (decoded photos, thumbnails in the making) are mapped and
        // given back when freed. Left to itself glibc raises that threshold after the first
        // such free and keeps later ones in per-thread arenas: a 10-minute soak's RSS at quiet
        // moments climbed 121 → 136 MiB before settling; with this, 88 → 92 MiB.
        albumen_set_mmap_threshold(1 << 20)
        // Setting that threshold also pins the trim threshold at 128 KiB, so freeing a page's
        // buffers (125 KB of HTML for an album of 100, then its records) gave the heap's top
        // back to the kernel and the next request faulted in zeroed pages again: a fifth of
        // the album page's time. A few MiB of free heap are kept per arena instead.
        albumen_set_trim_threshold(4 << 20)
        guard FCGX_Init() == 0 else { throw ServerError("libfcgi did not initialise") }
        let listener = try openSocket()
        // Workers inherit this mask, so only the main thread's sigwait sees the stop signals.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
        signal(SIGPIPE, SIG_IGN)

        let finished = DispatchGroup()
        for index in 0..<max(1, configuration.threads) {
            finished.enter()
            let worker = Worker(
                listener: listener, configuration: configuration, logger: logger, responder: responder)
            let thread = Thread {
                worker.run()
                finished.leave()
            }
            thread.name = "fcgi-\(index)"
            thread.stackSize = 4 << 20
            thread.start()
        }
        logger.info(
            "listening", metadata: ["socket": "\(configuration.socket)", "threads": "\(configuration.threads)"])

        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        logger.info("stopping: finishing requests in flight", metadata: ["signal": "\(received)"])
        // Wake every accept(): libfcgi then returns -1 to idle workers; busy ones finish first.
        FCGX_ShutdownPending()
        shutdown(listener, Int32(SHUT_RDWR))
        if finished.wait(timeout: .now() + configuration.drainSeconds) == .timedOut {
            logger.warning("requests still running after the drain period; exiting anyway")
        }
        close(listener)
        if configuration.socket.contains("/") { unlink(configuration.socket) }
        logger.info("stopped")
    }

    private func openSocket() throws -> Int32 {
        var address = configuration.socket
        if !address.contains("/") && !address.contains(":") { address = "127.0.0.1:" + address }
        if address.contains("/") {
            let directory = (address as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            unlink(address)  // a stale socket from a crash would make bind fail
        }
        let descriptor = FCGX_OpenSocket(address, 512)
        guard descriptor >= 0 else { throw ServerError("cannot listen on \(address)") }
        // libfcgi creates unix sockets 0777 & ~umask (0755 typically): nginx could not connect.
        if address.contains("/") && chmod(address, configuration.socketMode) != 0 {
            throw ServerError("cannot set the mode of \(address)")
        }
        return descriptor
    }
}

public struct ServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
