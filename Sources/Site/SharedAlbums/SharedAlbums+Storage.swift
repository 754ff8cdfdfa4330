import AlbumCore
import Foundation
import HTTP

/// The caller's plan as `AlbumStorageLimits`, and the expiring pictures and videos.
extension SharedAlbums {
    /// `GET /v1/albums/storage` and `/v2/…` → `AlbumStorageLimits` from the caller's plan: -1 for
    /// unlimited; lengths in milliseconds; `maxContentSizeHumanReadable` keeps the original's
    /// quirk (bytes ÷ 1024², two decimals, "MB").
    func storage(_ context: Context, _ user: User) throws -> Response {
        let plan = try library.plan(for: user.id ?? 0)
        func value(_ limit: Int?) -> Int { limit ?? -1 }
        func milliseconds(_ seconds: Double?) -> Int { seconds.map { Int(($0 * 1000).rounded()) } ?? -1 }
        var writer = JSONWriter(capacity: 600)
        writer.object { json in
            json.key("maxAlbums")
            json.int(value(plan.maxAlbums))
            json.key("maxContentItemsPerAlbum")
            json.int(value(plan.maxItemsPerAlbum))
            json.key("maxContentSize")
            json.int(value(plan.maxFileBytes))
            json.key("maxContentSizeHumanReadable")
            json.string(Self.humanReadable(plan.maxFileBytes))
            json.key("maxShareableAlbums")
            json.int(value(plan.maxShareableAlbums))
            json.key("maxShares")
            json.int(value(plan.maxShares))
            json.key("maxVideoLength")
            json.int(milliseconds(plan.maxVideoSeconds))
            json.key("maxVideosPerAlbum")
            json.int(value(plan.maxVideosPerAlbum))
            json.key("maxViewableAlbums")
            json.int(value(plan.maxViewableAlbums))
            json.key("maxViewableVideos")
            json.int(value(plan.maxViewableVideos))
            json.key("minVideoLength")
            json.int(milliseconds(plan.minVideoSeconds))
            json.key("subscriptionType")
            json.string(plan.name)
        }
        return .json(bytes: writer.bytes)
    }

    /// `125829120` → `"120.00 MB"` (MiB, as the original prints it); unlimited → `"-1"`.
    static func humanReadable(_ bytes: Int?) -> String {
        guard let bytes else { return "-1" }
        let hundredths = (bytes * 100 + 524_288) / 1_048_576
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) MB"
    }

    /// `GET /v1/pics/limited/status` → `{"available","total"}`: of the caller's live photos
    /// (`total`), those without an expiry, which could still be sent as expiring ones.
    func limitedStatus(_ context: Context, _ user: User) throws -> Response {
        let counts = try library.liveCounts(ownerId: user.id ?? 0, kind: .image, now: clock.now())
        return try .json(["available": counts.all - counts.expiring, "total": counts.all])
    }

    /// `POST /v4/pics/expiring` `{"count"}` → `{"pics":[{"contentId","expiresAt","url"}]}`: the
    /// caller's `count` photos that expire soonest (media with an expiry, as Chevereto
    /// uploads with `expiration` make), with signed URLs.
    func expirePictures(_ context: Context, _ user: User) throws -> Response {
        let count = try SharedAlbumsBody.decode(SharedAlbumsBody.Count.self, context).count
        guard (0...1000).contains(count) else {
            throw LibraryError.badInput(field: "count", reason: "count is 0 to 1000.")
        }
        let soonest = try library.expiringMedia(ownerId: user.id ?? 0, kind: .image, now: clock.now(), limit: count)
        var writer = JSONWriter(capacity: 256 + soonest.count * 400)
        writer.object { json in
            json.key("pics")
            json.array(soonest) { json, entry in
                json.object { json in
                    json.key("contentId")
                    json.int(entry.item.id ?? 0)
                    json.key("expiresAt")
                    json.int(Self.milliseconds(entry.item.expiresAt))
                    json.key("url")
                    json.string(url(entry, .original(entry.ext), policy(nil)))
                }
            }
        }
        return .json(bytes: writer.bytes)
    }

    /// `GET /v4/pics/expiring/status` → `{"count","nextExpiresAt"}` for the caller's photos.
    func expiringPictures(_ context: Context, _ user: User) throws -> Response {
        try expiringStatus(user, kind: .image)
    }

    /// `GET /v4/videos/expiring/status`: the same for videos.
    func expiringVideos(_ context: Context, _ user: User) throws -> Response {
        try expiringStatus(user, kind: .video)
    }

    private func expiringStatus(_ user: User, kind: MediaItem.Kind) throws -> Response {
        let now = clock.now()
        let count = try library.liveCounts(ownerId: user.id ?? 0, kind: kind, now: now).expiring
        let next = try library.expiringMedia(ownerId: user.id ?? 0, kind: kind, now: now, limit: 1).first
        var writer = JSONWriter(capacity: 80)
        writer.object { json in
            json.key("count")
            json.int(count)
            json.key("nextExpiresAt")
            json.int(Self.milliseconds(next?.item.expiresAt))
        }
        return .json(bytes: writer.bytes)
    }
}
