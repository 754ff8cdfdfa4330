import AlbumCore
import Foundation
import HTTP

/// Albums: `GetAlbums` exactly as the seed, and the section's `CreateAlbum`, `UpdateAlbum` and
/// `RemoveAlbum` (seed-apis.md §2.5).
extension Pictures {
    /// `GET …/GetAlbums?UserID=&ReturnPictureIDs=` → `[PictureAlbum]`: the albums of `UserID`
    /// the caller may see (`Access.listedAlbums`), `ThumbUrl` only for those who may see the
    /// cover, `PictureIDs` null unless asked for. An unknown user has no albums.
    /// Kept whole (`KeptAnswer`) for the viewer's standing while the owner's library, the URLs'
    /// expiry and the shares through which the viewer sees albums hold.
    func getAlbums(_ context: Context, _ user: User) throws -> Response {
        let ownerId = try Self.integer(context, "UserID", required: true)!
        let viewerId = try actor(context, user, memberId: ownerId).id ?? 0
        let (format, mask, ids) = (
            try Self.format(context), Self.masks(context), try Self.flag(context, "ReturnPictureIDs")
        )
        let reach = try galleries.reach(of: viewerId, toward: ownerId)
        let key = KeptAnswer.Key(
            kind: .pictureAlbums(reach.standing, mask: mask, pictureIds: ids, format: format), subject: ownerId,
            viewer: viewerId)
        return try kept.answer(key, owner: { try galleries.liveUser(id: ownerId)?.id }) {
            let albums = try galleries.albums(ownerId: ownerId, viewerId: viewerId, pictureIds: ids)
            let listed = albums.map { album($0, ownerView: viewerId == ownerId, mask: mask) }
            let response = Self.answer(
                .objects(type: "PictureAlbum", listed), in: format, capacity: 256 + albums.count * 400)
            return (response, Self.policy, reach.sharesEnd)
        }
    }

    /// A `PictureAlbum` in the seed's member order; `details` adds what its owner set on it.
    func album(_ listed: Galleries.PictureAlbum, ownerView: Bool, mask: Bool, details: Bool = false)
        -> DataContract.Object
    {
        let thumb = listed.showsCover ? listed.cover.map { url($0, .thumb, ownerView: ownerView, mask: mask) } : nil
        var members: [(StaticString, DataContract)] = [
            ("UserID", .int(listed.album.ownerId)),
            ("AlbumID", .int(listed.album.id)),
            ("AlbumName", .string(listed.album.name ?? "")),
            ("AlbumDescription", .string(listed.album.description)),
            ("AlbumSize", .int(Int64(listed.size))),
            ("Sequence", .int(Int64(listed.sequence))),
            ("ThumbSafe", .bool(!(listed.cover?.item.nsfw ?? false))),
            ("ThumbUrl", .string(thumb)),
            ("PictureIDs", listed.pictureIds.map(DataContract.ints) ?? .null),
        ]
        if details {
            members.append(("PinProtected", .bool(listed.album.pinPrice != nil)))
            members.append(("PINPrice", .double(listed.album.pinPrice)))
        }
        return DataContract.Object(type: "PictureAlbum", members: members)
    }

    /// `POST …/CreateAlbum` `{Name, Description, PinNumber, PINPrice}` → the new (private)
    /// album, with its PIN settings.
    func createAlbum(_ context: Context, _ user: User) throws -> Response {
        let body = try PicturesBody.read(context)
        let owner = try actor(context, user, memberId: try memberId(context, body))
        let ownerId = owner.id ?? 0
        guard let name = try body.string("Name")?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else {
            throw HTTPError(.badRequest, "Name is required.")
        }
        let settings = try AlbumSettings(body, name: name, creating: true)
        let album = try library.createAlbum(named: name, ownerId: ownerId)
        try apply(settings, to: album, ownerId: ownerId)
        return try answerAlbum(album.id, ownerId: ownerId, context)
    }

    /// `PUT …/UpdateAlbum` `{AlbumID, Name, Description, PinNumber, PINPrice}`: what is sent
    /// changes, what is left out stays; an empty `PinNumber` takes the PIN off.
    func updateAlbum(_ context: Context, _ user: User) throws -> Response {
        let body = try PicturesBody.read(context)
        let owner = try actor(context, user, memberId: try memberId(context, body))
        let ownerId = owner.id ?? 0
        let album = try ownAlbum(body, ownerId: ownerId)
        let name = try body.string("Name")?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let name, name.isEmpty { throw HTTPError(.badRequest, "Name may not be empty.") }
        let settings = try AlbumSettings(body, name: name, creating: false)
        if name != nil || settings.description != nil {
            try library.updateAlbum(
                id: album.id, ownerId: ownerId, name: name ?? album.displayName,
                description: settings.description ?? album.description)
        }
        try apply(
            AlbumSettings(description: nil, pin: settings.pin, price: settings.price), to: album, ownerId: ownerId)
        return try answerAlbum(album.id, ownerId: ownerId, context)
    }

    /// `POST …/RemoveAlbum` `{AlbumID, RemoveAllPictures}` → `true`. The pictures stay in the
    /// library unless `RemoveAllPictures` is true; then they are deleted with it.
    func removeAlbum(_ context: Context, _ user: User) throws -> Response {
        let body = try PicturesBody.read(context)
        let owner = try actor(context, user, memberId: try memberId(context, body))
        let album = try ownAlbum(body, ownerId: owner.id ?? 0)
        guard
            try library.deleteAlbum(
                id: album.id, ownerId: owner.id ?? 0, items: try body.flag("RemoveAllPictures") ?? false)
        else { throw LibraryError.albumNotFound }
        return try Self.answer(.bool(true), context, capacity: 128)
    }

    /// On a group route the member may be named in the body as well as in the query.
    func memberId(_ context: Context, _ body: PicturesBody) throws -> Int64? {
        try body.integer("UserID") ?? Self.integer(context, "UserID")
    }

    /// The acting user's album `AlbumID` names; anyone else's answers as missing.
    func ownAlbum(_ body: PicturesBody, ownerId: Int64) throws -> Album {
        guard let id = try body.integer("AlbumID") else { throw HTTPError(.badRequest, "AlbumID is required.") }
        guard let album = try library.album(id: id, ownerId: ownerId) else { throw LibraryError.albumNotFound }
        return album
    }

    private func answerAlbum(_ id: Int64, ownerId: Int64, _ context: Context) throws -> Response {
        guard let listed = try galleries.album(id: id, ownerId: ownerId) else { throw LibraryError.albumNotFound }
        return try Self.answer(.object(album(listed, ownerView: true, mask: false, details: true)), context)
    }

    /// What `CreateAlbum` and `UpdateAlbum` set besides the name.
    struct AlbumSettings {
        var description: String?
        /// nil: leave as it is; "": take the PIN off; else the new PIN.
        var pin: String?
        var price: Double?

        init(description: String?, pin: String?, price: Double?) {
            self.description = description
            self.pin = pin
            self.price = price
        }

        /// Checked before anything is written: a name of at most 20 characters, a PIN of 4
        /// letters or digits and its price given together.
        init(_ body: PicturesBody, name: String?, creating: Bool) throws {
            if let name, name.count > 20 { throw HTTPError(.badRequest, "Name has at most 20 characters.") }
            description = try body.string("Description")
            if let description, description.count > 5000 {
                throw HTTPError(.badRequest, "Description has at most 5000 characters.")
            }
            pin = try body.string("PinNumber")
            price = try body.number("PINPrice")
            if let pin, !pin.isEmpty {
                guard pin.count == 4, pin.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw HTTPError(.badRequest, "PinNumber is 4 letters or digits.")
                }
                guard let price else { throw HTTPError(.badRequest, "PINPrice is required with PinNumber.") }
                guard price >= 0, price.isFinite else { throw HTTPError(.badRequest, "PINPrice may not be negative.") }
            } else if price != nil {
                throw HTTPError(.badRequest, "PINPrice is only taken together with PinNumber.")
            }
            if creating, pin == "" { pin = nil }
        }
    }

    /// Description, and the PIN as the album link's password (its price beside it).
    private func apply(_ settings: AlbumSettings, to album: Album, ownerId: Int64) throws {
        if let description = settings.description {
            try library.updateAlbum(id: album.id, ownerId: ownerId, name: album.displayName, description: description)
        }
        guard let pin = settings.pin else { return }
        if pin.isEmpty {
            if let link = try albumLinks.link(albumId: album.id, ownerId: ownerId) {
                try albumLinks.update(
                    albumId: album.id, ownerId: ownerId,
                    AlbumLinks.Options(
                        password: .remove, expiresAt: link.expiresAt, viewLimit: link.viewLimit,
                        downloads: link.downloads))
            }
            try galleries.setPinPrice(nil, albumId: album.id, ownerId: ownerId)
        } else {
            let link = try albumLinks.enable(albumId: album.id, ownerId: ownerId)
            try albumLinks.update(
                albumId: album.id, ownerId: ownerId,
                AlbumLinks.Options(
                    password: .set(pin), expiresAt: link.expiresAt, viewLimit: link.viewLimit, downloads: link.downloads
                ))
            try galleries.setPinPrice(settings.price, albumId: album.id, ownerId: ownerId)
        }
    }
}
