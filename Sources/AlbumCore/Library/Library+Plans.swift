import Foundation
import GRDB

/// Changes to a plan's limits: each given one is set (`.some(nil)` makes it unlimited), the
/// others stay as they are.
public struct PlanChanges: Sendable {
    public var maxAlbums: Int??
    public var maxItemsPerAlbum: Int??
    public var maxShares: Int??
    public var maxViewableAlbums: Int??
    public var maxViewableVideos: Int??
    public var maxFileBytes: Int??
    public var maxVideoSeconds: Double??
    public var minVideoSeconds: Double??
    public var maxShareableAlbums: Int??
    public var maxVideosPerAlbum: Int??

    public init() {}

    /// Column and value of each limit given.
    var columns: [(String, DatabaseValueConvertible?)] {
        var columns: [(String, DatabaseValueConvertible?)] = []
        func add(_ name: String, _ value: (some DatabaseValueConvertible)??) {
            if let value { columns.append((name, value)) }
        }
        add("max_albums", maxAlbums)
        add("max_items_per_album", maxItemsPerAlbum)
        add("max_shares", maxShares)
        add("max_viewable_albums", maxViewableAlbums)
        add("max_viewable_videos", maxViewableVideos)
        add("max_file_bytes", maxFileBytes)
        add("max_video_seconds", maxVideoSeconds)
        add("min_video_seconds", minVideoSeconds)
        add("max_shareable_albums", maxShareableAlbums)
        add("max_videos_per_album", maxVideosPerAlbum)
        return columns
    }
}

/// One of a plan's limits as people set it: its name on the command line and in forms (seed
/// 000's storage field, spelled as argument-parser spells it), and its value in the unit they
/// give: counts, bytes, video lengths in milliseconds. Nil is unlimited.
public enum PlanField: String, CaseIterable, Sendable {
    case maxAlbums = "max-albums"
    case maxContentItemsPerAlbum = "max-content-items-per-album"
    case maxShares = "max-shares"
    case maxViewableAlbums = "max-viewable-albums"
    case maxViewableVideos = "max-viewable-videos"
    case maxContentSize = "max-content-size"
    case maxVideoLength = "max-video-length"
    case minVideoLength = "min-video-length"
    case maxShareableAlbums = "max-shareable-albums"
    case maxVideosPerAlbum = "max-videos-per-album"

    public func value(of plan: Plan) -> Int? {
        func milliseconds(_ seconds: Double?) -> Int? { seconds.map { Int(($0 * 1000).rounded()) } }
        return switch self {
        case .maxAlbums: plan.maxAlbums
        case .maxContentItemsPerAlbum: plan.maxItemsPerAlbum
        case .maxShares: plan.maxShares
        case .maxViewableAlbums: plan.maxViewableAlbums
        case .maxViewableVideos: plan.maxViewableVideos
        case .maxContentSize: plan.maxFileBytes
        case .maxVideoLength: milliseconds(plan.maxVideoSeconds)
        case .minVideoLength: milliseconds(plan.minVideoSeconds)
        case .maxShareableAlbums: plan.maxShareableAlbums
        case .maxVideosPerAlbum: plan.maxVideosPerAlbum
        }
    }

    /// Sets this limit to `value` (nil: unlimited) in `changes`.
    public func set(_ value: Int?, in changes: inout PlanChanges) {
        let seconds = value.map { Double($0) / 1000 }
        switch self {
        case .maxAlbums: changes.maxAlbums = .some(value)
        case .maxContentItemsPerAlbum: changes.maxItemsPerAlbum = .some(value)
        case .maxShares: changes.maxShares = .some(value)
        case .maxViewableAlbums: changes.maxViewableAlbums = .some(value)
        case .maxViewableVideos: changes.maxViewableVideos = .some(value)
        case .maxContentSize: changes.maxFileBytes = .some(value)
        case .maxVideoLength: changes.maxVideoSeconds = .some(seconds)
        case .minVideoLength: changes.minVideoSeconds = .some(seconds)
        case .maxShareableAlbums: changes.maxShareableAlbums = .some(value)
        case .maxVideosPerAlbum: changes.maxVideosPerAlbum = .some(value)
        }
    }
}

extension Library {
    /// Every plan by name, with its limits.
    public func plans() throws -> [Plan] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM plans ORDER BY name").map(Plan.init(row:)) }
    }

    /// A new plan: the limits given, every other one unlimited. A taken name is refused.
    @discardableResult
    public func createPlan(named name: String, _ changes: PlanChanges) throws -> Plan {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...64).contains(name.count) else {
            throw LibraryError.badInput(field: "name", reason: "A plan's name has 1 to 64 characters.")
        }
        try Self.checkLimits(changes)
        return try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plans WHERE name = ?", arguments: [name]) != true else {
                throw LibraryError.badInput(field: "name", reason: "There is a plan called \(name) already.")
            }
            let columns = changes.columns
            try db.execute(
                sql: "INSERT INTO plans (name\(columns.map { ", " + $0.0 }.joined())) VALUES (?"
                    + String(repeating: ", ?", count: columns.count) + ")",
                arguments: StatementArguments([name] + columns.map(\.1)))
            return Plan(row: try Row.fetchOne(db, sql: "SELECT * FROM plans WHERE name = ?", arguments: [name])!)
        }
    }

    /// Changes the limits given of plan `name`; the others stay.
    @discardableResult
    public func updatePlan(named name: String, _ changes: PlanChanges) throws -> Plan {
        try Self.checkLimits(changes)
        return try database.write { db in
            let columns = changes.columns
            if !columns.isEmpty {
                try db.execute(
                    sql: "UPDATE plans SET \(columns.map { $0.0 + " = ?" }.joined(separator: ", ")) WHERE name = ?",
                    arguments: StatementArguments(columns.map(\.1) + [name]))
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM plans WHERE name = ?", arguments: [name]) else {
                throw LibraryError.badInput(field: "name", reason: "There is no plan called \(name).")
            }
            return Plan(row: row)
        }
    }

    /// Puts `userId` on plan `name` (nil: back on the default plan).
    public func assignPlan(named name: String?, toUser userId: Int64) throws {
        try database.write { db in
            var planId: Int64?
            if let name {
                planId = try Int64.fetchOne(db, sql: "SELECT id FROM plans WHERE name = ?", arguments: [name])
                guard planId != nil else {
                    throw LibraryError.badInput(field: "plan", reason: "There is no plan called \(name).")
                }
            }
            try db.execute(sql: "UPDATE users SET plan_id = ? WHERE id = ?", arguments: [planId, userId])
            guard db.changesCount == 1 else { throw LibraryError.badInput(field: "user", reason: "No such user.") }
        }
    }

    /// Limits are counts and sizes: none below zero (a minimum video length may be zero).
    private static func checkLimits(_ changes: PlanChanges) throws {
        for (column, value) in changes.columns {
            let number = (value as? Int).map(Double.init) ?? (value as? Double) ?? 0
            guard number >= 0 else {
                throw LibraryError.badInput(field: column, reason: "\(column) cannot be negative.")
            }
        }
    }
}
