import Foundation
import GRDB

/// A user as the admin page lists them: the account, its plan's name and what it stores.
public struct UserOverview: Sendable {
    public let user: User
    public let planName: String?
    public let mediaCount: Int
    public let bytes: Int
}

/// A group: a manager and members (DESIGN §3).
public struct GroupOverview: Sendable {
    public let id: Int64
    public let name: String
    public let manager: String?
    public let members: [String]
}

/// What a user does to their own account, and what admins do to everyone's.
extension Accounts {
    /// Changes `userId`'s password after checking the current one; every other session of the
    /// account ends (a stolen cookie dies with the old password), `keepSessionId` stays.
    public func changePassword(userId: Int64, current: String, new: String, keepSessionId: Int64?) throws {
        let hash = try database.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE id = ?", arguments: [userId])
        }
        guard PasswordHasher.verify(current, against: hash ?? PasswordHasher.decoy), hash != nil else {
            throw AccountError.invalidCredentials
        }
        try Self.checkPassword(new)
        let newHash = try PasswordHasher.hash(new)
        try database.write { db in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [newHash, userId])
            try db.execute(
                sql: "DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?", arguments: [userId, keepSessionId])
        }
    }

    /// Every user, by name, with their plan and storage.
    public func users() throws -> [UserOverview] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT users.*, plans.name AS plan_name,
                        (SELECT COUNT(*) FROM media WHERE owner_id = users.id) AS media_count,
                        (SELECT COALESCE(SUM(size), 0) FROM media WHERE owner_id = users.id) AS bytes
                    FROM users LEFT JOIN plans ON plans.id = users.plan_id ORDER BY users.username
                    """
            ).map { row in
                UserOverview(
                    user: try User(row: row), planName: row["plan_name"], mediaCount: row["media_count"],
                    bytes: row["bytes"])
            }
        }
    }

    /// The named plans an admin can give (`plans` table); users without one get the default.
    public func plans() throws -> [(id: Int64, name: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM plans ORDER BY name").map { ($0["id"], $0["name"]) }
        }
    }

    /// Sets a user's role, plan and whether the account is disabled. Disabling ends their
    /// sessions (keys and tokens stop working with the account). The last active admin can be
    /// neither demoted nor disabled.
    public func updateUser(id: Int64, role: User.Role, planId: Int64?, disabled: Bool) throws {
        try database.write { db in
            guard var user = try User.fetchOne(db, key: id) else { throw AccountError.userNotFound }
            if user.role == .admin && !user.disabled && (role != .admin || disabled) {
                let admins =
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0") ?? 0
                guard admins > 1 else {
                    throw AccountError.refused("\(user.username) is the last administrator and must stay one.")
                }
            }
            if let planId, try Bool.fetchOne(db, sql: "SELECT 1 FROM plans WHERE id = ?", arguments: [planId]) != true {
                throw AccountError.refused("There is no such plan.")
            }
            user.role = role
            user.planId = planId
            user.disabled = disabled
            try user.update(db)
            if disabled { try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [id]) }
        }
    }

    // MARK: Groups

    public func groups() throws -> [GroupOverview] {
        try database.read { db in
            let members = Dictionary(
                grouping: try Row.fetchAll(
                    db,
                    sql: """
                        SELECT group_members.group_id, users.username FROM group_members
                        JOIN users ON users.id = group_members.user_id ORDER BY users.username
                        """), by: { $0["group_id"] as Int64 })
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT groups.id, groups.name, users.username AS manager FROM groups
                    LEFT JOIN users ON users.id = groups.manager_id ORDER BY groups.name
                    """
            ).map { row in
                let id: Int64 = row["id"]
                return GroupOverview(
                    id: id, name: row["name"], manager: row["manager"],
                    members: (members[id] ?? []).map { $0["username"] })
            }
        }
    }

    /// A new group managed by `manager` (a username), who is also its first member.
    @discardableResult
    public func createGroup(name: String, manager: String) throws -> Int64 {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw AccountError.refused("Group names have 1 to 100 characters.")
        }
        return try database.write { db in
            guard let managerId = try userId(manager, db) else { throw AccountError.userNotFound }
            do {
                try db.execute(
                    sql: "INSERT INTO groups (name, manager_id, created_at) VALUES (?, ?, ?)",
                    arguments: [name, managerId, Date()])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw AccountError.refused("There is already a group called \(name).")
            }
            let id = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO group_members (group_id, user_id) VALUES (?, ?)", arguments: [id, managerId])
            return id
        }
    }

    /// Adds (or with `remove`, takes out) a member; the manager stays a member.
    public func setMembership(groupId: Int64, username: String, remove: Bool = false) throws {
        try database.write { db in
            guard
                let manager = try Row.fetchOne(
                    db, sql: "SELECT manager_id FROM groups WHERE id = ?", arguments: [groupId])
            else { throw AccountError.groupNotFound }
            guard let userId = try userId(username, db) else { throw AccountError.userNotFound }
            if remove {
                guard userId != manager["manager_id"] else {
                    throw AccountError.refused("The manager of a group stays one of its members.")
                }
                try db.execute(
                    sql: "DELETE FROM group_members WHERE group_id = ? AND user_id = ?", arguments: [groupId, userId])
            } else {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)",
                    arguments: [groupId, userId])
            }
        }
    }

    private func userId(_ username: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = ?", arguments: [username])
    }
}
