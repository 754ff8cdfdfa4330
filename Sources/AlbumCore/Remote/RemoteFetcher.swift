import Foundation

/// Fetches an upload's `source` URL into a local file, safely (DESIGN §7): http and https only,
/// ports 80 and 443, the host resolved once and refused unless every address is public
/// (`AddressPolicy`), the connection made to that checked address (curl `--resolve`, so a second
/// DNS answer cannot swap in an internal one), redirects followed by hand and each hop checked
/// again, and caps on bytes and time. Hosts in `allowedHosts` skip the address and port checks
/// (a test's loopback fixture server, an intranet the admin trusts).
public struct RemoteFetcher: Sendable {
    public struct Settings: Sendable {
        /// Whether users who are not admins may upload from URLs (admins always may).
        public var enabledForEveryone = false
        public var allowedHosts: Set<String> = []
        public var maxBytes = 64 * 1024 * 1024
        public var timeout: TimeInterval = 30
        public var maxRedirects = 3

        public init() {}
    }

    public enum Failure: Error, Equatable, Sendable {
        case invalidURL
        case refused(String)
        case unreachable(String)
        case tooLarge(limit: Int)
    }

    public let settings: Settings
    private let curl: String

    public init(settings: Settings) {
        self.settings = settings
        curl =
            ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            } ?? "/usr/bin/curl"
    }

    /// Downloads `url` into `destination`; returns the last path component of the final URL
    /// (a default title, never a path).
    public func fetch(_ url: String, to destination: String) throws -> String {
        var current = url
        let deadline = Date().addingTimeInterval(settings.timeout)
        for _ in 0...settings.maxRedirects {
            let target = try check(current)
            switch try transfer(target, to: destination, deadline: deadline) {
            case .done: return target.url.lastPathComponent
            case .redirect(let location):
                guard let next = URL(string: location, relativeTo: target.url)?.absoluteString else {
                    throw Failure.unreachable("a redirect to an invalid address")
                }
                current = next
            }
        }
        throw Failure.unreachable("too many redirects")
    }

    /// POSTs `body` to `url` (a webhook's target) through the same guard as a fetch: the host
    /// resolved once and checked, the connection made to that address, no redirect followed, a
    /// cap on time. Answers the receiver's HTTP status.
    public func post(_ url: String, body: [UInt8], headers: [(String, String)], timeout: TimeInterval = 10) throws
        -> Int
    {
        let target = try check(url)
        let hostForResolve = target.host.contains(":") ? "[\(target.host)]" : target.host
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        process.arguments =
            [
                "-q", "--silent", "--show-error", "--proto", "=http,https", "--max-redirs", "0", "--noproxy", "*",
                "--connect-timeout", "5", "--max-time", String(Int(timeout.rounded(.up))),
                "--resolve", "\(hostForResolve):\(target.port):\(target.address)",
                "--user-agent", "Albumen webhooks", "--request", "POST", "--data-binary", "@-",
                "--output", "/dev/null", "--write-out", "%{http_code}",
            ] + headers.flatMap { ["--header", "\($0.0): \($0.1)"] } + ["--", target.url.absoluteString]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw Failure.unreachable("curl could not start") }
        input.fileHandleForWriting.write(Data(body))
        try? input.fileHandleForWriting.close()
        let written = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile().prefix(300), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let status = Int(written.trimmingCharacters(in: .whitespaces)),
            status > 0
        else {
            throw Failure.unreachable(
                problem.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    ? "no answer" : problem.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return status
    }

    /// Why `url` would be refused before any connection; nil when it may be fetched.
    public func failure(_ url: String) -> Failure? {
        do {
            _ = try check(url)
            return nil
        } catch let failure as Failure {
            return failure
        } catch {
            return .invalidURL
        }
    }

    struct Target {
        let url: URL
        let host: String
        let port: Int
        let address: AddressPolicy.Address
    }

    /// Parses and resolves `text`, refusing what the policy refuses.
    func check(_ text: String) throws -> Target {
        guard let components = URLComponents(string: text), let url = components.url,
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = components.host?.lowercased(), !host.isEmpty, components.user == nil
        else { throw Failure.invalidURL }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let trusted = settings.allowedHosts.contains(host)
        guard trusted || port == 80 || port == 443 else { throw Failure.refused("port \(port) is not allowed") }
        let addresses = AddressPolicy.resolve(host)
        guard let first = addresses.first else { throw Failure.unreachable("\(host) does not resolve") }
        guard trusted || addresses.allSatisfy(AddressPolicy.isPublic) else {
            throw Failure.refused("\(host) is not a public address")
        }
        return Target(url: url, host: host, port: port, address: first)
    }

    enum Outcome { case done, redirect(String) }

    private func transfer(_ target: Target, to destination: String, deadline: Date) throws -> Outcome {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { throw Failure.unreachable("the download took too long") }
        let hostForResolve = target.host.contains(":") ? "[\(target.host)]" : target.host
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        process.arguments = [
            "-q", "--silent", "--show-error", "--proto", "=http,https", "--max-redirs", "0",
            "--noproxy", "*", "--connect-timeout", "10", "--max-time", String(Int(remaining.rounded(.up))),
            "--max-filesize", String(settings.maxBytes),
            "--resolve", "\(hostForResolve):\(target.port):\(target.address)",
            "--user-agent", "Albumen URL upload",
            "--output", destination, "--write-out", "%{http_code}\n%{redirect_url}",
            "--", target.url.absoluteString,
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure.unreachable("curl could not start") }
        // `--max-filesize` only knows a declared length; a chunked body is watched here.
        var tooLarge = false
        while process.isRunning {
            if let size = try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int,
                size > settings.maxBytes
            {
                tooLarge = true
                process.terminate()
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        let written = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile().prefix(300), as: UTF8.self)
        if tooLarge || process.terminationStatus == 63 { throw Failure.tooLarge(limit: settings.maxBytes) }
        guard process.terminationStatus == 0 else {
            throw Failure.unreachable(problem.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let lines = written.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.first ?? "") ?? 0
        if (300..<400).contains(status), lines.count > 1, !lines[1].isEmpty { return .redirect(String(lines[1])) }
        guard (200..<300).contains(status) else { throw Failure.unreachable("the server answered \(status)") }
        return .done
    }
}
