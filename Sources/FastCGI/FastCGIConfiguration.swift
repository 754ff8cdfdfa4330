import Foundation

/// How the FastCGI transport listens and what it accepts.
public struct FastCGIConfiguration: Sendable {
    /// A unix socket path (contains `/`) or `host:port`; a bare port binds 127.0.0.1.
    public var socket: String
    /// The unix socket's mode: 0660 lets nginx in through a shared group, nobody else.
    public var socketMode: mode_t = 0o660
    public var threads: Int = 4
    /// Bodies up to this size are read into memory; larger ones stream to a scratch file.
    public var memoryBodyLimit: Int = 1024 * 1024
    /// Bodies over this are refused with 413 before any byte is stored.
    public var maximumBody: Int
    /// Where request scratch files go (inside the data dir, so a rename into the blob store is
    /// on the same file system).
    public var scratchDirectory: String
    /// How long SIGTERM waits for in-flight requests.
    public var drainSeconds: Double = 30

    public init(socket: String, threads: Int = 4, maximumBody: Int, scratchDirectory: String) {
        self.socket = socket
        self.threads = threads
        self.maximumBody = maximumBody
        self.scratchDirectory = scratchDirectory
    }
}
