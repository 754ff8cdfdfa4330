import GRDB

/// What a user may store. A user's plan is the `plans` row named by `users.plan_id`, else the
/// configured default; admins have no limits. `nil` means unlimited.
public struct Plan: Sendable, Equatable {
    /// The `plans` row's name; "Default" for the configured default, "Unlimited" for admins.
    public var name = "Default"
    /// The `plans` row; nil for the configured default and for admins.
    public var id: Int64?
    public var maxFileBytes: Int?
    public var maxAlbums: Int?
    public var maxItemsPerAlbum: Int?
    public var maxVideosPerAlbum: Int?
    public var minVideoSeconds: Double?
    public var maxVideoSeconds: Double?
    /// Recipients of one album.
    public var maxShares: Int?
    /// Albums shared with the user that they may view at once, and videos among them (seed 000).
    public var maxViewableAlbums: Int?
    public var maxViewableVideos: Int?
    /// Albums the user may share with anyone.
    public var maxShareableAlbums: Int?
    /// Stored extensions allowed (`jpg`, `mp4`…); nil allows the whole allow-list.
    public var allowedTypes: Set<String>?

    public init() {}

    public static let unlimited: Plan = {
        var plan = Plan()
        plan.name = "Unlimited"
        return plan
    }()

    init(row: Row) {
        id = row["id"]
        name = row["name"]
        maxFileBytes = row["max_file_bytes"]
        maxAlbums = row["max_albums"]
        maxItemsPerAlbum = row["max_items_per_album"]
        maxVideosPerAlbum = row["max_videos_per_album"]
        minVideoSeconds = row["min_video_seconds"]
        maxVideoSeconds = row["max_video_seconds"]
        maxShares = row["max_shares"]
        maxViewableAlbums = row["max_viewable_albums"]
        maxViewableVideos = row["max_viewable_videos"]
        maxShareableAlbums = row["max_shareable_albums"]
        allowedTypes = (row["allowed_types"] as String?).map { Plan.types($0) }
    }

    /// `"jpg, png,mp4"` → ["jpg", "png", "mp4"].
    public static func types(_ list: String) -> Set<String> {
        Set(
            list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter {
                !$0.isEmpty
            })
    }
}

extension Library {
    /// The plan that applies to `ownerId`.
    public func plan(for ownerId: Int64) throws -> Plan {
        try database.read { db in
            guard
                let user = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT role, plan_id FROM users WHERE id = ?"), arguments: [ownerId])
            else { return settings.defaultPlan }
            if (user["role"] as String) == "admin" { return .unlimited }
            guard let planId = user["plan_id"] as Int64?,
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM plans WHERE id = ?"), arguments: [planId])
            else { return settings.defaultPlan }
            return Plan(row: row)
        }
    }

    /// Refuses an upload the plan does not allow; run before any expensive work, and again in
    /// the transaction that adds the row (so two racing uploads cannot both take the last place).
    func check(
        _ plan: Plan, size: Int, extension ext: String, isVideo: Bool, duration: Double?, albumId: Int64?,
        _ db: Database
    )
        throws
    {
        if let limit = plan.maxFileBytes, size > limit { throw LibraryError.fileTooLarge(limit: limit) }
        if let allowed = plan.allowedTypes, !allowed.contains(ext) { throw LibraryError.typeNotAllowed(ext) }
        if isVideo, let duration {
            if let minimum = plan.minVideoSeconds, duration < minimum {
                throw LibraryError.videoLength(
                    seconds: duration, minimum: plan.minVideoSeconds, maximum: plan.maxVideoSeconds)
            }
            if let maximum = plan.maxVideoSeconds, duration > maximum {
                throw LibraryError.videoLength(
                    seconds: duration, minimum: plan.minVideoSeconds, maximum: plan.maxVideoSeconds)
            }
        }
        try checkAlbumLimits(plan, isVideo: isVideo, albumId: albumId, db)
    }

    /// Refuses one more item in a full album (items, and videos for a video).
    func checkAlbumLimits(_ plan: Plan, isVideo: Bool, albumId: Int64?, _ db: Database) throws {
        guard let albumId else { return }
        if let limit = plan.maxItemsPerAlbum,
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM media WHERE album_id = ?", arguments: [albumId]) ?? 0
                >= limit
        {
            throw LibraryError.limitReached(.itemsPerAlbum(limit))
        }
        if isVideo, let limit = plan.maxVideosPerAlbum,
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM media WHERE album_id = ? AND kind = 'video'", arguments: [albumId]) ?? 0
                >= limit
        {
            throw LibraryError.limitReached(.videosPerAlbum(limit))
        }
    }
}
