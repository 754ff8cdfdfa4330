import AlbumCore
import Foundation
import HTTP

/// Albums: ping, create, edit (name, and the preview, an Albumen addition), delete, one, a
/// page of all the caller's, and making a participant an admin.
extension LabeledAlbums {
    /// `GET /ping` → `{"data":{"message":"pong","userId":…}}`: the key works, and whose it is.
    func ping(_ context: Context, _ user: User) throws -> Response {
        Self.answer { json in
            json.object { json in
                json.key("message")
                json.string("pong")
                json.key("userId")
                json.string(user.uuid)
            }
        }
    }

    /// `POST /album/createAlbum` `{"name"}` (1–40) → the new album.
    func createAlbum(_ context: Context, _ user: User) throws -> Response {
        let body = try LabeledAlbumsBody.read(context)
        let name = try body.string("name", required: true, length: 1...40)!
        let album = try library.createAlbum(exactly: name, ownerId: user.id ?? 0)
        return try answerAlbum(album)
    }

    /// `POST /album/editAlbum` `{"albumId", "name", "previewEnabled"}`: admins rename; the
    /// preview is the owner's to turn on or off.
    func editAlbum(_ context: Context, _ user: User) throws -> Response {
        let body = try LabeledAlbumsBody.read(context)
        let (album, role) = try self.album(try body.string("albumId", required: true), user)
        let name = try body.string("name", length: 1...40)
        let preview = try body.flag("previewEnabled")
        guard role.isAdmin, preview == nil || album.ownerId == user.id else { throw LabeledAlbumsError.forbidden }
        if let name { _ = try library.renameAlbum(id: album.id, ownerId: album.ownerId, exactly: name) }
        if let preview { try roles.setPreview(preview, albumId: album.id, ownerId: album.ownerId) }
        return try answerAlbum(try self.album(album.uuid, user).album)
    }

    /// `POST /album/deleteAlbum` `{"albumId"}`: its owner only; the photos stay in their library.
    func deleteAlbum(_ context: Context, _ user: User) throws -> Response {
        let body = try LabeledAlbumsBody.read(context)
        let (album, _) = try self.album(try body.string("albumId", required: true), user)
        guard album.ownerId == user.id else { throw LabeledAlbumsError.forbidden }
        guard try library.deleteAlbum(id: album.id, ownerId: album.ownerId, items: false) else {
            throw LabeledAlbumsError.albumNotFound
        }
        return Self.success()
    }

    /// `GET /album/getAlbum?albumId=`.
    func getAlbum(_ context: Context, _ user: User) throws -> Response {
        try answerAlbum(try album(try Self.query(context, "albumId"), user).album)
    }

    /// `GET /album/getAlbums?limit=&cursor=` → `{data:[Album], cursor, warnings}`: the albums the
    /// caller owns or takes part in, `limit` (1–64, 32) at a time; `cursor` is opaque, and `{}`
    /// on the last page, as the original documents.
    func getAlbums(_ context: Context, _ user: User) throws -> Response {
        let (size, after) = try paging(context)
        // One more than the page tells whether another page follows.
        let found = try roles.albums(for: user.id ?? 0, after: after, limit: size + 1)
        let details = try AlbumDetails(found.prefix(size).map(\.album), self)
        return page(found, size: size, id: \.album.id) { found, json in details.write(found.album, to: &json) }
    }

    /// `POST /album/setParticipantAdmin` `{"albumId", "userId", "isAdmin"}` (an Albumen
    /// addition): the owner makes someone the album is shared with an admin, or not.
    func setParticipantAdmin(_ context: Context, _ user: User) throws -> Response {
        let body = try LabeledAlbumsBody.read(context)
        let (album, _) = try self.album(try body.string("albumId", required: true), user)
        guard let participant = try body.string("userId", required: true), let isAdmin = try body.flag("isAdmin")
        else { throw LabeledAlbumsError.invalid }
        guard album.ownerId == user.id else { throw LabeledAlbumsError.forbidden }
        try roles.setAdmin(isAdmin, albumId: album.id, ownerId: album.ownerId, userUUID: participant)
        return Self.success()
    }

    private func answerAlbum(_ album: Album) throws -> Response {
        let details = try AlbumDetails([album], self)
        return Self.answer { json in details.write(album, to: &json) }
    }

    /// What an `Album` shows beyond its row: counts and the owner's UUID, read for a page at
    /// once.
    struct AlbumDetails {
        let counts: [Int64: (photos: Int, participants: Int)]
        let owners: [Int64: String]
        let links: Links

        init(_ albums: [Album], _ dialect: LabeledAlbums) throws {
            counts = try dialect.roles.counts(albumIds: albums.map(\.id))
            var owners: [Int64: String] = [:]
            for id in Set(albums.map(\.ownerId)) { owners[id] = try dialect.roles.userUUID(id: id) }
            self.owners = owners
            links = dialect.links
        }

        /// `{albumId, name, ownerId, shareUrl, numPhotos, numParticipants}`; `shareUrl` is the
        /// album's page, the same for everyone.
        func write(_ album: Album, to json: inout JSONWriter) {
            json.object { json in
                json.key("albumId")
                json.string(album.uuid)
                json.key("name")
                json.string(album.name ?? "")
                json.key("ownerId")
                json.string(owners[album.ownerId] ?? "")
                json.key("shareUrl")
                json.string(links.baseURL + Page.sharedAlbum(code: links.albumCode(album.id)).path)
                json.key("numPhotos")
                json.int(counts[album.id]?.photos ?? 0)
                json.key("numParticipants")
                json.int(counts[album.id]?.participants ?? 1)
            }
        }
    }
}
