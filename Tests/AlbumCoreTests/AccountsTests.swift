import AlbumCore
import Foundation
import GRDB
import Testing

@Suite struct AccountsTests {
    let database: AppDatabase
    let accounts: Accounts

    /// In memory: accounts need no file, and the same schema, triggers and keys apply.
    init() throws {
        database = try AppDatabase.inMemory()
        accounts = Accounts(database: database)
    }

    @Test func passwordsAreStoredAsArgon2idAndVerify() throws {
        let user = try accounts.createUser(username: "alice", password: "correct horse")
        #expect(user.passwordHash.hasPrefix("$argon2id$"))
        #expect(!user.passwordHash.contains("correct horse"))
        #expect(
            try accounts.authenticate(username: "alice", password: "correct horse", address: "1.1.1.1").id == user.id)
        // Usernames are case-insensitive, as people type them.
        #expect(
            try accounts.authenticate(username: "ALICE", password: "correct horse", address: "1.1.1.1").id == user.id)
    }

    @Test func unknownUserAndWrongPasswordAreTheSameError() throws {
        try accounts.createUser(username: "alice", password: "correct horse")
        #expect(throws: AccountError.invalidCredentials) {
            try accounts.authenticate(username: "alice", password: "wrong horse", address: "1.1.1.1")
        }
        #expect(throws: AccountError.invalidCredentials) {
            try accounts.authenticate(username: "nobody", password: "correct horse", address: "1.1.1.1")
        }
    }

    /// Guesses at one account from one address make that pair wait; the same account from
    /// another address, and other accounts from the same address, go on.
    @Test func failedLoginsAreThrottledPerAccountAndAddressPair() throws {
        try accounts.createUser(username: "alice", password: "correct horse")
        try accounts.createUser(username: "bob", password: "correct horse")
        for _ in 0..<5 {
            #expect(throws: AccountError.invalidCredentials) {
                try accounts.authenticate(username: "alice", password: "nope", address: "10.0.0.1")
            }
        }
        // Even the right password is refused from that address, with a time to wait.
        do {
            _ = try accounts.authenticate(username: "ALICE", password: "correct horse", address: "10.0.0.1")
            Issue.record("not throttled")
        } catch AccountError.throttled(let seconds) {
            #expect(seconds > 0 && seconds <= 15 * 60)
        }
        #expect(try accounts.authenticate(username: "alice", password: "correct horse", address: "10.0.0.2").id != nil)
        #expect(try accounts.authenticate(username: "bob", password: "correct horse", address: "10.0.0.1").id != nil)
    }

    /// Twenty failures from one address (an office behind one address, or an attacker) slow
    /// unknown clients there to one attempt per pace; they never lock everyone out for the window.
    @Test func manyFailuresFromOneAddressSlowDownRatherThanLockOut() {
        let throttle = LoginThrottle()
        let start = Date()
        for index in 0..<20 {
            throttle.recordFailure(username: "user\(index)", address: "192.0.2.1", device: nil, now: start)
        }
        #expect(throttle.check(username: "fresh", address: "192.0.2.1", device: nil, now: start) == .wait(seconds: 10))
        #expect(throttle.check(username: "fresh", address: "192.0.2.2", device: nil, now: start) == .allowed)
        let paced = start.addingTimeInterval(10)
        #expect(throttle.check(username: "fresh", address: "192.0.2.1", device: nil, now: paced) == .allowed)
        // The same for one account guessed at from many addresses.
        for index in 0..<20 {
            throttle.recordFailure(username: "carol", address: "198.51.100.\(index)", device: nil, now: start)
        }
        #expect(
            throttle.check(username: "carol", address: "203.0.113.9", device: nil, now: start) == .wait(seconds: 10))
        #expect(throttle.check(username: "carol", address: "203.0.113.9", device: nil, now: paced) == .allowed)
        let later = start.addingTimeInterval(16 * 60)
        #expect(throttle.check(username: "fresh", address: "192.0.2.1", device: nil, now: later) == .allowed)
    }

    /// A browser that signed in before carries a device cookie: guesses by others do not stop
    /// it, its own do after a while, and a cookie of another account or a forged one is nothing.
    @Test func aKnownDeviceGetsThroughOthersGuesses() throws {
        let throttle = LoginThrottle(deviceKey: "k")
        let token = throttle.deviceToken(username: "Alice")
        let device = try #require(throttle.knownDevice(token, username: "alice"))
        #expect(throttle.knownDevice(token, username: "bob") == nil)
        #expect(throttle.knownDevice(token + "A", username: "alice") == nil)
        #expect(LoginThrottle(deviceKey: "other").knownDevice(token, username: "alice") == nil)
        #expect(throttle.knownDevice("no-dot", username: "alice") == nil)
        let now = Date()
        for _ in 0..<30 { throttle.recordFailure(username: "alice", address: "192.0.2.1", device: nil, now: now) }
        #expect(throttle.check(username: "alice", address: "192.0.2.1", device: nil, now: now) != .allowed)
        #expect(throttle.check(username: "alice", address: "192.0.2.1", device: device, now: now) == .allowed)
        for _ in 0..<10 { throttle.recordFailure(username: "alice", address: "192.0.2.1", device: device, now: now) }
        #expect(throttle.check(username: "alice", address: "192.0.2.1", device: device, now: now) != .allowed)

        // Through the use case: the device cookie's holder signs in while the pair is throttled.
        let accounts = Accounts(database: database, throttle: LoginThrottle(deviceKey: "k"))
        try accounts.createUser(username: "alice", password: "correct horse")
        let cookie = accounts.throttle.deviceToken(username: "alice")
        for _ in 0..<5 { _ = try? accounts.authenticate(username: "alice", password: "nope", address: "10.0.0.1") }
        #expect(throws: AccountError.self) {
            try accounts.authenticate(username: "alice", password: "correct horse", address: "10.0.0.1")
        }
        #expect(
            try accounts.authenticate(
                username: "alice", password: "correct horse", address: "10.0.0.1", deviceToken: cookie
            ).id != nil)
    }

    @Test func usernamesAndPasswordsAreValidated() throws {
        #expect(throws: AccountError.self) { try accounts.createUser(username: "a b", password: "12345678") }
        #expect(throws: AccountError.self) { try accounts.createUser(username: "", password: "12345678") }
        #expect(throws: AccountError.self) { try accounts.createUser(username: "ok", password: "short") }
        try accounts.createUser(username: "dup", password: "12345678")
        #expect(throws: AccountError.usernameTaken) { try accounts.createUser(username: "DUP", password: "12345678") }
    }

    @Test func sessionsLiveUntilEndedAndStoreOnlyAHash() throws {
        let user = try accounts.createUser(username: "alice", password: "correct horse")
        let (secret, session) = try accounts.startSession(for: user, address: "1.1.1.1", userAgent: "test")
        #expect(session.tokenHash != secret)
        let stored = try database.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM sessions") }
        #expect(stored == [Secrets.hash(secret)])
        #expect(try accounts.session(secret: secret)?.user.id == user.id)
        #expect(try accounts.session(secret: secret + "x") == nil)
        try accounts.endSession(secret: secret)
        #expect(try accounts.session(secret: secret) == nil)
    }

    /// A disabled account's session, API key and token are refused (each is read with its user
    /// in one statement that asks for a live one), even a session that disabling through
    /// `updateUser` would have ended; they work again once the account is enabled.
    @Test func aDisabledAccountsCredentialsAreRefused() throws {
        let alice = try accounts.createUser(username: "alice", password: "correct horse")
        let (secret, _) = try accounts.startSession(for: alice, address: nil, userAgent: nil)
        let key = try accounts.createAccessKey(.apiKey, for: "alice")
        let token = try accounts.createAccessKey(.token, for: "alice", days: 1)
        func disable(_ flag: Bool) throws {
            try database.write { db in try db.execute(sql: "UPDATE users SET disabled = ?", arguments: [flag]) }
        }
        try disable(true)
        #expect(try accounts.session(secret: secret) == nil)
        #expect(try accounts.user(for: .apiKey, secret: key) == nil)
        #expect(try accounts.user(for: .token, secret: token) == nil)
        try disable(false)
        #expect(try accounts.session(secret: secret)?.user.username == "alice")
        #expect(try accounts.user(for: .apiKey, secret: key)?.id == alice.id)
        #expect(try accounts.user(for: .token, secret: token)?.id == alice.id)
    }

    @Test func changingThePasswordEndsSessions() throws {
        let user = try accounts.createUser(username: "alice", password: "correct horse")
        let (secret, _) = try accounts.startSession(for: user, address: nil, userAgent: nil)
        try accounts.setPassword(username: "alice", password: "battery staple")
        #expect(try accounts.session(secret: secret) == nil)
        #expect(try accounts.authenticate(username: "alice", password: "battery staple", address: "x").id == user.id)
    }

    @Test func apiKeysAndTokensAuthenticateTheirUserOnly() throws {
        let alice = try accounts.createUser(username: "alice", password: "correct horse")
        let key = try accounts.createAccessKey(.apiKey, for: "alice", name: "laptop")
        let token = try accounts.createAccessKey(.token, for: "alice", days: 1)
        #expect(key.hasPrefix("alb_k_"))
        #expect(token.hasPrefix("alb_t_"))
        #expect(try accounts.user(for: .apiKey, secret: key)?.id == alice.id)
        #expect(try accounts.user(for: .token, secret: token)?.id == alice.id)
        // A key is not a token and the other way round.
        #expect(try accounts.user(for: .token, secret: key) == nil)
        #expect(try accounts.user(for: .apiKey, secret: token) == nil)
        let keys = try accounts.accessKeys(.apiKey, userId: alice.id!)
        #expect(keys.map(\.name) == ["laptop"])
        #expect(keys[0].lastUsedAt != nil)
        let raw = try database.read { db in try String.fetchAll(db, sql: "SELECT key_hash FROM api_keys") }
        #expect(raw == [Secrets.hash(key)])
    }

    @Test func expiredAndRevokedTokensAreRefused() throws {
        try accounts.createUser(username: "alice", password: "correct horse")
        let token = try accounts.createAccessKey(.token, for: "alice", days: 1)
        try database.write { db in try db.execute(sql: "UPDATE tokens SET expires_at = '2000-01-01 00:00:00.000'")
        }
        #expect(try accounts.user(for: .token, secret: token) == nil)
        let key = try accounts.createAccessKey(.apiKey, for: "alice")
        try database.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = '2020-01-01 00:00:00.000'")
        }
        #expect(try accounts.user(for: .apiKey, secret: key) == nil)
    }

    /// Random bytes come in the length asked for (drawn eight at a time), and differ.
    @Test func randomBytesHaveTheLengthAskedFor() {
        for count in [0, 1, 7, 8, 9, 43, 64] { #expect(Secrets.randomBytes(count).count == count) }
        #expect(Secrets.randomBytes(32) != Secrets.randomBytes(32))
        #expect(Set(Secrets.randomBytes(4096)).count > 200)
        #expect(Secrets.random(bytes: 32).count == 43)
    }

    @Test func constantTimeEqualityIsEquality() {
        #expect(Secrets.constantTimeEquals("abc", "abc"))
        #expect(!Secrets.constantTimeEquals("abc", "abd"))
        #expect(!Secrets.constantTimeEquals("abc", "abcd"))
        #expect(Secrets.random().count == 43)
        #expect(Secrets.random() != Secrets.random())
    }
}

@Suite struct EncodingTests {
    @Test func base64URLMatchesFoundationWithoutPadding() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 251) }
            let foundation = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Secrets.base64URL(bytes) == foundation, "length \(length)")
        }
    }
}
