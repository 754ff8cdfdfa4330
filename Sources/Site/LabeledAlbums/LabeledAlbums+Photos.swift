import AlbumCore
import Foundation
import HTTP

/// Photos: `getPhotos` exactly as the seed, the preview, and labels.
extension LabeledAlbums {
    /// At most this many photos in one `getPhotos` answer; more are said in `warnings`.
    static let photosPerAnswer = 5000
    /// The original's preview holds at most 32 photos.
    static let previewSize = 32

    /// `GET /album/getPhotos?albumId=&filterLabel=&filterRestrictedLabel=` → `{data:[Photo]}`.
    /// Filters are exact, case-sensitive, 1–40 characters, and both must match when both are
    /// given; the restricted one is for admins (403 otherwise), who alone see `restrictedLabels`.
    /// Kept whole (`KeptAnswer`) for the caller's role and filters while the owner's library
    /// (labels and roles included), the URLs' expiry and the caller's share hold.
    func getPhotos(_ context: Context, _ user: User) throws -> Response {
        guard let albumId = try Self.query(context, "albumId"), !albumId.isEmpty else {
            throw LabeledAlbumsError.invalid
        }
        let label = try Self.query(context, "filterLabel", required: false, length: 1...40)
        let restricted = try Self.query(context, "filterRestrictedLabel", required: false, length: 1...40)
        guard let (album, role, until) = try roles.reach(uuid: albumId, for: user.id ?? 0) else {
            throw LabeledAlbumsError.albumNotFound
        }
        if restricted != nil && !role.isAdmin { throw LabeledAlbumsError.forbidden }
        let key = KeptAnswer.Key(
            kind: .labeledPhotos(admin: role.isAdmin, label: label, restrictedLabel: restricted), subject: album.id,
            viewer: user.id ?? 0)
        return try kept.answer(key, owner: { album.ownerId }) {
            let entries = try library.albumMedia(
                albumId: album.id, label: label, restrictedLabel: restricted, limit: Self.photosPerAnswer + 1)
            let shown = entries.prefix(Self.photosPerAnswer)
            let labels = try library.labels(of: shown.compactMap(\.item.id))
            let warnings =
                entries.count > Self.photosPerAnswer
                ? ["Only the first \(Self.photosPerAnswer) photos are listed."] : []
            var json = JSONWriter(capacity: 512 + shown.count * 900)
            json.object { json in
                json.key("data")
                json.array(shown) { json, entry in
                    photo(entry, labels[entry.item.id ?? 0] ?? MediaLabels(), admin: role.isAdmin, for: user, to: &json)
                }
                json.key("warnings")
                json.array(warnings) { json, warning in json.string(warning) }
            }
            return (.json(bytes: json.bytes), Self.policy, until)
        }
    }

    /// `Photo`: `originalUrl` is a video's poster; `stableUrl` a JPEG under 15 MB (a video's
    /// poster); `videoUrl` only for videos; `downloadUrl` the file as uploaded. A `PreviewPhoto`
    /// (`preview`) stops after `stableUrl`.
    func photo(
        _ entry: MediaEntry, _ labels: MediaLabels, admin: Bool, for user: User, preview: Bool = false,
        to json: inout JSONWriter
    ) {
        let isVideo = entry.item.kind != .image
        json.object { json in
            json.key("photoId")
            json.string(entry.item.uuid)
            json.key("width")
            json.int(entry.item.width)
            json.key("height")
            json.int(entry.item.height)
            json.key("originalUrl")
            json.string(url(entry, isVideo ? .poster : .original(entry.ext), for: user))
            json.key("stableUrl")
            json.string(url(entry, isVideo ? .poster : .stable, for: user))
            guard !preview else { return }
            if isVideo {
                json.key("videoUrl")
                json.string(url(entry, .original(entry.ext), for: user))
            }
            json.key("downloadUrl")
            json.string(url(entry, .original(entry.ext), for: user))
            json.key("labels")
            json.array(labels.labels) { json, label in json.string(label) }
            if admin {
                json.key("restrictedLabels")
                json.array(labels.restricted) { json, label in json.string(label) }
            }
        }
    }

    /// `GET /album/getPreviewPhotos?albumId=` → `{data:[PreviewPhoto]}`: at most 32, for anyone
    /// in the album, and for anyone at all holding its id while its preview is on.
    func getPreviewPhotos(_ context: Context, _ user: User) throws -> Response {
        guard let albumId = try Self.query(context, "albumId"), !albumId.isEmpty else {
            throw LabeledAlbumsError.invalid
        }
        guard let album = try roles.album(uuid: albumId, for: user.id ?? 0)?.album ?? roles.previewAlbum(uuid: albumId)
        else { throw LabeledAlbumsError.albumNotFound }
        let entries = try library.albumMedia(
            albumId: album.id, label: nil, restrictedLabel: nil, limit: Self.previewSize)
        var json = JSONWriter(capacity: 256 + entries.count * 500)
        json.object { json in
            json.key("data")
            json.array(entries) { json, entry in
                photo(entry, MediaLabels(), admin: false, for: user, preview: true, to: &json)
            }
            json.key("warnings")
            json.array([String]()) { _, _ in }
        }
        return .json(bytes: json.bytes)
    }

    /// `POST /photo/addPhotoLabel` `{"albumId", "photoId", "label", "isHidden"}`: admins only;
    /// `isHidden` makes it a restricted label.
    func addPhotoLabel(_ context: Context, _ user: User) throws -> Response {
        let (mediaId, label, hidden) = try labelRequest(context, user)
        try library.addLabel(label, restricted: hidden, mediaId: mediaId)
        return Self.success()
    }

    /// `POST /photo/removePhotoLabel`: the same body; admins only.
    func removePhotoLabel(_ context: Context, _ user: User) throws -> Response {
        let (mediaId, label, hidden) = try labelRequest(context, user)
        try library.removeLabel(label, restricted: hidden, mediaId: mediaId)
        return Self.success()
    }

    /// The item and label a label request names, once the caller is known to be an admin.
    private func labelRequest(_ context: Context, _ user: User) throws -> (Int64, String, Bool) {
        let body = try LabeledAlbumsBody.read(context)
        let albumId = try body.string("albumId", required: true)
        let photoId = try body.string("photoId", required: true)!
        let label = try body.string("label", required: true, length: 1...40)!
        let hidden = try body.flag("isHidden") ?? false
        let (album, role) = try self.album(albumId, user)
        guard let mediaId = try library.mediaId(uuid: photoId, inAlbum: album.id) else {
            throw LabeledAlbumsError.photoNotFound
        }
        guard role.isAdmin else { throw LabeledAlbumsError.forbidden }
        return (mediaId, label, hidden)
    }

    /// `GET /photo/checkPhotoLabel?photoId=&label=` → `{data:{hasLabel}}`: public labels for
    /// everyone in the photo's album, restricted ones for its admins too.
    func checkPhotoLabel(_ context: Context, _ user: User) throws -> Response {
        let photoId = try Self.query(context, "photoId")!
        let label = try Self.query(context, "label", length: 1...40)!
        guard let albumId = try library.albumUUID(ofMedia: photoId),
            let (album, role) = try roles.album(uuid: albumId, for: user.id ?? 0),
            let mediaId = try library.mediaId(uuid: photoId, inAlbum: album.id)
        else { throw LabeledAlbumsError.photoNotFound }
        let has = try library.hasLabel(label, mediaId: mediaId, includingRestricted: role.isAdmin)
        return Self.answer { json in
            json.object { json in
                json.key("hasLabel")
                json.bool(has)
            }
        }
    }
}
