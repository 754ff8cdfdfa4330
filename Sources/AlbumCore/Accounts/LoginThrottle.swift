import Foundation

/// Counts failed logins per username and per client address in a sliding window; past the
/// limit, further attempts are refused without checking the password.
///
/// Kept in memory: one process serves the site (DESIGN §5), and a restart forgetting the
/// counts is acceptable for a brake on guessing.
public final class LoginThrottle: @unchecked Sendable {
    public struct Limits: Sendable {
        public var perUsername = 5
        public var perAddress = 20
        public var window: TimeInterval = 15 * 60
        public init() {}
    }

    private let limits: Limits
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    public func isBlocked(username: String, address: String, now: Date = Date()) -> Bool {
        lock.withLock {
            recent("u:" + username.lowercased(), now).count >= limits.perUsername
                || recent("a:" + address, now).count >= limits.perAddress
        }
    }

    public func recordFailure(username: String, address: String, now: Date = Date()) {
        lock.withLock {
            for key in ["u:" + username.lowercased(), "a:" + address] {
                failures[key] = recent(key, now) + [now]
            }
            if failures.count > 100_000 { failures = failures.filter { !recent($0.key, now).isEmpty } }
        }
    }

    public func recordSuccess(username: String) {
        lock.withLock { _ = failures.removeValue(forKey: "u:" + username.lowercased()) }
    }

    private func recent(_ key: String, _ now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
    }
}
