import AlbumCore
import ArgumentParser
import FastCGI
import Foundation
import Logging
import Site

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve FastCGI requests until SIGTERM or SIGINT.")

    func run() throws {
        let configuration = try Configuration.fromEnvironment()
        let sink = BufferedLogHandler.Sink(interval: 0.2)
        defer { sink.flush() }
        LoggingSystem.bootstrap { label in
            BufferedLogHandler(label: label, sink: sink, logLevel: configuration.logLevel)
        }
        let logger = Logger(label: "albumen")
        let environment = try Environment(configuration, pages: true, logger: logger)
        try createFirstAdmin(environment.accounts)
        let site = try Site(services: environment.services)
        var transport = FastCGIConfiguration(
            socket: configuration.socket, threads: configuration.threads, maximumBody: configuration.maxUpload,
            scratchDirectory: configuration.scratchDirectory)
        transport.socketMode = 0o660
        removeStaleUploads(in: configuration.scratchDirectory)
        startSweeper(environment.library, logger: logger)
        // Webhooks: whatever the outbox holds (a crash's leftovers first), then as events come.
        WebhookDelivery(services: environment.services, retryBase: configuration.webhookRetrySeconds).start()
        try FastCGIServer(configuration: transport, logger: logger) { site.respond($0) }.run()
    }

    /// Request bodies a crash left in the scratch folder (only `serve` writes `upload-*`; a
    /// running `albumen import` keeps its own `import-*` files), and the hidden files that
    /// earlier versions' FileManager.createFile could leave there.
    private func removeStaleUploads(in directory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where name.hasPrefix("upload-") || name.hasPrefix(".dat.nosync") {
            unlink(directory + "/" + name)
        }
    }

    /// Sweeps at start (what a crash left behind) and then every minute (expiring media); the
    /// whole store is walked for stray files at start and then hourly (a bucket's listing is
    /// a request per thousand files).
    private func startSweeper(_ library: Library, logger: Logger) {
        let thread = Thread {
            var minutes = 0
            while true {
                defer { minutes += 1 }
                do {
                    let report = try library.sweep(strays: minutes % 60 == 0)
                    if report != Library.SweepReport() { logger.info("sweep: \(report)") }
                } catch {
                    logger.error("sweep failed: \(error)")
                }
                Thread.sleep(forTimeInterval: 60)
            }
        }
        thread.name = "sweeper"
        thread.start()
    }

    /// On the very first start there is nobody to sign in: make an admin and say so, once.
    private func createFirstAdmin(_ accounts: Accounts) throws {
        guard try accounts.userCount() == 0 else { return }
        let password = Secrets.random(bytes: 12)
        try accounts.createUser(username: "admin", password: password, role: .admin)
        // Written straight to the file descriptor so it shows before the server's own output.
        FileHandle.standardOutput.write(Data("First admin created. Username: admin  Password: \(password)\n".utf8))
    }
}
