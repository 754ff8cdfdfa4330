import Foundation
import GRDB

/// Use cases for people and their credentials: users, passwords, sessions, API keys, tokens.
public struct Accounts: Sendable {
    public let database: AppDatabase
    public let throttle: LoginThrottle
    public var sessionLifetime: TimeInterval = 30 * 24 * 3600

    public init(database: AppDatabase, throttle: LoginThrottle = LoginThrottle()) {
        self.database = database
        self.throttle = throttle
    }

    // MARK: Users

    @discardableResult
    public func createUser(username: String, password: String, role: User.Role = .user) throws -> User {
        let username = try Self.validUsername(username)
        try Self.checkPassword(password)
        var user = User(
            id: nil, uuid: UUID().uuidString.lowercased(), username: username,
            passwordHash: try PasswordHasher.hash(password), role: role, planId: nil, disabled: false,
            privateGallery: false, createdAt: Date())
        do {
            try database.write { db in try user.insert(db) }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw AccountError.usernameTaken
        }
        return user
    }

    public func setPassword(username: String, password: String) throws {
        try Self.checkPassword(password)
        let hash = try PasswordHasher.hash(password)
        try database.write { db in
            guard var user = try User.filter(Column("username") == username).fetchOne(db) else {
                throw AccountError.userNotFound
            }
            user.passwordHash = hash
            try user.update(db)
            // A new password ends every open session of the account.
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [user.id])
        }
    }

    public func user(named username: String) throws -> User? {
        try database.read { db in try User.filter(Column("username") == username).fetchOne(db) }
    }

    public func user(id: Int64) throws -> User? {
        try database.read { db in try User.fetchOne(db, key: id) }
    }

    public func userCount() throws -> Int {
        try database.read { db in try User.fetchCount(db) }
    }

    /// Checks a username and password; unknown user, wrong password and disabled account all
    /// answer `invalidCredentials`, after the same argon2id work. `deviceToken` is the device
    /// cookie of a browser that signed in before (`LoginThrottle`), which guessing by others does
    /// not slow down.
    public func authenticate(username: String, password: String, address: String, deviceToken: String? = nil)
        throws -> User
    {
        let device = throttle.knownDevice(deviceToken, username: username)
        if case .wait(let seconds) = throttle.check(username: username, address: address, device: device) {
            throw AccountError.throttled(retryAfter: seconds)
        }
        let user = try self.user(named: username)
        let valid = PasswordHasher.verify(password, against: user?.passwordHash ?? PasswordHasher.decoy)
        guard valid, let user, !user.disabled else {
            throttle.recordFailure(username: username, address: address, device: device)
            throw AccountError.invalidCredentials
        }
        throttle.recordSuccess(username: username, address: address)
        return user
    }

    // MARK: Sessions

    /// Starts a session; the returned secret goes into the cookie and is never stored.
    public func startSession(for user: User, address: String?, userAgent: String?) throws -> (
        secret: String, session: AuthSession
    ) {
        guard let userId = user.id else { throw AccountError.userNotFound }
        let secret = Secrets.random()
        let now = Date()
        var session = AuthSession(
            id: nil, userId: userId, tokenHash: Secrets.hash(secret), csrfToken: Secrets.random(),
            createdAt: now, expiresAt: now.addingTimeInterval(sessionLifetime), ip: address,
            userAgent: userAgent.map { String($0.prefix(255)) })
        try database.write { db in
            try session.insert(db)
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [now])
        }
        return (secret, session)
    }

    /// The live session and its user for a cookie secret, or nil.
    public func session(secret: String) throws -> (user: User, session: AuthSession, member: User?)? {
        try database.read { db in
            // The session and its live user in one statement: each statement is a fixed cost
            // on every signed-in request.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT sessions.*, users.* FROM sessions JOIN users ON users.id = sessions.user_id
                    WHERE sessions.token_hash = ? AND sessions.expires_at > ? AND users.disabled = 0
                    """)
            let userAt = AuthSession.columnOrder.count
            guard AuthSession.startsWithColumns(statement.columnNames),
                User.startsWithColumns(statement.columnNames[userAt...])
            else { throw DatabaseError(message: "sessions must read sessions.*, then users.*") }
            guard let row = try Row.fetchOne(statement, arguments: [Secrets.hash(secret), Date().stored]) else {
                return nil
            }
            let session = try AuthSession(checkedRow: row)
            let user = try User(checkedRow: row, from: userAt)
            // The member a manager acts for, only while they still manage them and the member's
            // account is live: taking someone out of the group ends it at once.
            var member: User?
            if let memberId = session.actingFor, try Galleries.manages(user.id ?? 0, member: memberId, db) {
                member = try Self.activeUser(db, id: memberId)
            }
            return (user, session, member)
        }
    }

    /// Makes the session act for `memberId` (a member of a group its user manages), or for its
    /// own user again with nil.
    public func act(sessionId: Int64, for memberId: Int64?) throws {
        try database.write { db in
            if let memberId {
                guard
                    let userId = try Int64.fetchOne(
                        db, sql: "SELECT user_id FROM sessions WHERE id = ?", arguments: [sessionId]),
                    try Galleries.manages(userId, member: memberId, db), memberId != userId,
                    try Self.activeUser(db, id: memberId) != nil
                else { throw AccountError.refused("You do not manage that person.") }
            }
            try db.execute(sql: "UPDATE sessions SET acting_for = ? WHERE id = ?", arguments: [memberId, sessionId])
        }
    }

    public func endSession(secret: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [Secrets.hash(secret)])
        }
    }

    // MARK: API keys and bearer tokens

    /// Creates a key or token; the secret is returned once and only its hash is kept.
    public func createAccessKey(_ kind: AccessKey.Kind, for username: String, name: String = "", days: Int? = nil)
        throws -> String
    {
        guard let user = try user(named: username), let userId = user.id else { throw AccountError.userNotFound }
        let secret = kind.secretPrefix + Secrets.random()
        let now = Date()
        let expiresAt = days.map { now.addingTimeInterval(Double($0) * 86400) }
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO \(kind.rawValue) (user_id, name, \(kind.hashColumn), prefix, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    userId, String(name.prefix(100)), Secrets.hash(secret),
                    String(secret.prefix(kind.secretPrefix.count + 4)), now, expiresAt,
                ])
        }
        return secret
    }

    /// The user a key or token belongs to, if it is valid, unrevoked and unexpired.
    public func user(for kind: AccessKey.Kind, secret: String) throws -> User? {
        let hash = Secrets.hash(secret)
        let now = Date()
        // Only the columns the check needs, read by position: decoding the whole `AccessKey`
        // through `Decodable` was a tenth of a kept API answer's time.
        let found = try database.read { db -> (keyId: Int64, lastUsed: Date?, user: User)? in
            // The key and its live user in one statement, the user's columns first.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT users.*, keys.id, keys.expires_at, keys.last_used_at
                    FROM \(kind.rawValue) AS keys JOIN users ON users.id = keys.user_id
                    WHERE keys.\(kind.hashColumn) = ? AND keys.revoked_at IS NULL AND users.disabled = 0
                    """)
            guard User.startsWithColumns(statement.columnNames) else {
                throw DatabaseError(message: "keys must read users.* first")
            }
            let keyAt = User.columnOrder.count
            guard let row = try Row.fetchOne(statement, arguments: [hash]),
                try row.optionalDate(keyAt + 1).map({ $0 > now }) ?? true
            else { return nil }
            return (row[keyAt], try row.optionalDate(keyAt + 2), try User(checkedRow: row))
        }
        guard let found else { return nil }
        // Record use at most once a minute: a write per API call would serialise readers.
        if found.lastUsed.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try database.write { db in
                try db.execute(
                    sql: "UPDATE \(kind.rawValue) SET last_used_at = ? WHERE id = ?", arguments: [now, found.keyId])
            }
        }
        return found.user
    }

    /// Revokes `userId`'s key or token `id`; false when there is no such key of theirs.
    public func revokeAccessKey(_ kind: AccessKey.Kind, id: Int64, userId: Int64) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: "UPDATE \(kind.rawValue) SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                arguments: [Date(), id, userId])
            return db.changesCount > 0
        }
    }

    public func accessKeys(_ kind: AccessKey.Kind, userId: Int64) throws -> [AccessKey] {
        try database.read { db in
            try AccessKey.fetchAll(db, sql: kind.select + " WHERE user_id = ? ORDER BY id", arguments: [userId])
        }
    }

    // MARK: Rules

    private static func activeUser(_ db: Database, id: Int64) throws -> User? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM users WHERE id = ? AND disabled = 0")
        return try User.fetchOne(statement, arguments: [id])
    }

    static func validUsername(_ username: String) throws -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard (1...64).contains(username.count), username.allSatisfy(allowed.contains) else {
            throw AccountError.invalidUsername("Usernames are 1 to 64 letters, digits, '.', '_' or '-'.")
        }
        return username
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= 8 else { throw AccountError.weakPassword("Passwords have at least 8 characters.") }
        guard password.utf8.count <= 1024 else { throw AccountError.weakPassword("Passwords have at most 1024 bytes.") }
    }
}
