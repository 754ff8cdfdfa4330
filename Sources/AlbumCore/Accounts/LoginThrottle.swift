import Foundation

/// The brake on password guessing, built so that nobody can lock anybody else out.
///
/// - Failures are counted per account *and address* pair: five in the window and that pair
///   waits until the oldest leaves it. An office or a mobile carrier behind one address keeps
///   signing in while one of them guesses at one account.
/// - Past `slowAfter` failures from one address (any account), or at one account (any address),
///   unknown clients are slowed down, one attempt per `pace`, rather than locked out.
/// - A browser that has signed in to the account before carries a device cookie (an HMAC of the
///   username and a nonce, so it proves itself without a table): it goes through all of the above,
///   until it fails `perDevice` times itself.
///
/// Kept in memory: one process serves the site (DESIGN §5), and a restart forgetting the
/// counts is acceptable for a brake on guessing.
public final class LoginThrottle: @unchecked Sendable {
    public struct Limits: Sendable {
        public var perPair = 5
        public var slowAfter = 20
        public var pace: TimeInterval = 10
        public var perDevice = 10
        public var window: TimeInterval = 15 * 60
        public init() {}
    }

    public enum Verdict: Equatable, Sendable {
        case allowed
        /// Refused without looking at the password; try again after this many seconds.
        case wait(seconds: Int)
    }

    private let limits: Limits
    private let deviceTags: MessageTag
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]

    /// - Parameter deviceKey: signs device cookies; the server's secret, so they outlive restarts.
    public init(limits: Limits = Limits(), deviceKey: String = Secrets.random()) {
        self.limits = limits
        deviceTags = MessageTag(key: "albumen-device-v1:\(deviceKey)")
    }

    // MARK: Device cookies

    /// A new device cookie value for a browser that has just signed in as `username`.
    public func deviceToken(username: String) -> String {
        let nonce = Secrets.random(bytes: 16)
        return nonce + "." + deviceTags.tag(Self.deviceMessage(username, nonce))
    }

    /// The device id of `token` if it was issued to a browser signed in as `username`.
    public func knownDevice(_ token: String?, username: String) -> String? {
        guard let token, let dot = token.firstIndex(of: "."), token.utf8.count < 128 else { return nil }
        let nonce = String(token[..<dot])
        let sent = String(token[token.index(after: dot)...])
        return deviceTags.verify(sent, of: Self.deviceMessage(username, nonce)) ? nonce : nil
    }

    private static func deviceMessage(_ username: String, _ nonce: String) -> String {
        "\(username.lowercased())\n\(nonce)"
    }

    // MARK: Counting

    /// May `username` try a password from `address` now? `device` is a `knownDevice` id.
    public func check(username: String, address: String, device: String?, now: Date = Date()) -> Verdict {
        lock.withLock {
            if let device, recent(Key.device(device), now).count < limits.perDevice { return .allowed }
            let pair = recent(Key.pair(username, address), now)
            if pair.count >= limits.perPair, let oldest = pair.first {
                return .wait(seconds: Self.seconds(oldest.addingTimeInterval(limits.window).timeIntervalSince(now)))
            }
            for key in [Key.address(address), Key.account(username)] {
                let failed = recent(key, now)
                if failed.count >= limits.slowAfter, let last = failed.last, now.timeIntervalSince(last) < limits.pace {
                    return .wait(seconds: Self.seconds(limits.pace - now.timeIntervalSince(last)))
                }
            }
            return .allowed
        }
    }

    /// A wrong password. A known device's mistakes count against that device only.
    public func recordFailure(username: String, address: String, device: String?, now: Date = Date()) {
        lock.withLock {
            let keys =
                device.map { [Key.device($0)] }
                ?? [Key.pair(username, address), Key.address(address), Key.account(username)]
            for key in keys { failures[key] = recent(key, now) + [now] }
            if failures.count > 100_000 { failures = failures.filter { !recent($0.key, now).isEmpty } }
        }
    }

    /// The right password: that pair starts afresh. Failures from elsewhere stay counted (they
    /// are somebody else's guesses).
    public func recordSuccess(username: String, address: String) {
        lock.withLock { _ = failures.removeValue(forKey: Key.pair(username, address)) }
    }

    private enum Key {
        static func pair(_ username: String, _ address: String) -> String { "p:\(username.lowercased())\n\(address)" }
        static func address(_ address: String) -> String { "a:" + address }
        static func account(_ username: String) -> String { "u:" + username.lowercased() }
        static func device(_ id: String) -> String { "d:" + id }
    }

    private func recent(_ key: String, _ now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
    }

    private static func seconds(_ interval: TimeInterval) -> Int { max(1, Int(interval.rounded(.up))) }
}
