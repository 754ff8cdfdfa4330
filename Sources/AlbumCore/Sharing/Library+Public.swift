import Foundation
import GRDB

/// Public albums: an owner may make an album public; `/u/{username}` lists them. A public
/// album is listed and opened read-only by anyone; its media are served clean, like a link's.
/// Items keep their own visibility: making an album public publishes its page, not its files'
/// permanent links.
extension Library {
    public func setPublic(albumId: Int64, ownerId: Int64, _ isPublic: Bool) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE albums SET visibility = ? WHERE id = ? AND owner_id = ?",
                arguments: [isPublic ? "public" : "private", albumId, ownerId])
            guard db.changesCount == 1 else { throw LibraryError.albumNotFound }
        }
    }

    /// The albums of the user called `username` that their profile shows `viewerId`, oldest
    /// first: the public ones, and for their subscribers and group manager (seed 001's private
    /// gallery) the private ones too; nil for nobody by that name and for a disabled account
    /// alike.
    public func publicAlbums(username: String, viewerId: Int64? = nil) throws -> (owner: User, albums: [Album])? {
        try database.read { db in
            guard
                let owner = try User.fetchOne(
                    db, sql: "SELECT * FROM users WHERE username = ? COLLATE NOCASE AND disabled = 0",
                    arguments: [username]), let id = owner.id
            else { return nil }
            let seesGallery =
                try viewerId.map { try Access.standing(of: $0, toward: id, db).seesPrivateGallery } ?? false
            let albums = try Album.fetchAll(
                db,
                sql: """
                    SELECT * FROM albums WHERE owner_id = ? AND (visibility = 'public' OR (? AND visibility = 'private'))
                    ORDER BY created_at, id
                    """, arguments: [id, seesGallery])
            return (owner, albums)
        }
    }
}
