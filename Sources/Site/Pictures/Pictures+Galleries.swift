import AlbumCore
import Foundation
import HTTP

/// The private gallery (`GetGallery`: a user's private items, for them, their group manager
/// and their subscribers) and the free gallery (`GetFreeGallery`: their public items, for
/// anyone), both in pages.
extension Pictures {
    /// `GET …/GetGallery?UserID=&AlbumID=&OrderBy=&PageSize=&PageNumber=` → `Gallery`. Anyone
    /// else gets an empty gallery, as if it had nothing in it.
    func getGallery(_ context: Context, _ user: User) throws -> Response {
        let ownerId = try Self.integer(context, "UserID", required: true)!
        let viewer = try actor(context, user, memberId: ownerId)
        let paging = try Paging(context)
        let order = try context.query.value(anyCase: "OrderBy").map { text in
            guard let order = Galleries.Order(rawValue: text.lowercased()) else {
                throw HTTPError(
                    .badRequest,
                    "OrderBy is one of \(Galleries.Order.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return order
        }
        let page = try galleries.privateGallery(
            ownerId: ownerId, viewerId: viewer.id ?? 0, albumId: try Self.integer(context, "AlbumID"),
            order: order ?? .dateUploaded, limit: paging.size, offset: paging.offset)
        return try gallery("Gallery", "Picture", page, paging, ownerId: ownerId, viewer: viewer, context)
    }

    /// `GET …/GetFreeGallery?UserID=&PageSize=&PageNumber=` → `FreeGallery`: public items only.
    func getFreeGallery(_ context: Context, _ user: User) throws -> Response {
        let ownerId = try Self.integer(context, "UserID", required: true)!
        let viewer = try actor(context, user, memberId: ownerId)
        let paging = try Paging(context)
        let page = try galleries.freeGallery(ownerId: ownerId, limit: paging.size, offset: paging.offset)
        return try gallery("FreeGallery", "FreePicture", page, paging, ownerId: ownerId, viewer: viewer, context)
    }

    /// `PageSize` 1–100 (50 when left out) and `PageNumber` from 1.
    struct Paging {
        let size: Int
        let number: Int
        var offset: Int { (number - 1) * size }

        init(_ context: Context) throws {
            size = Int(try Pictures.integer(context, "PageSize") ?? 50)
            number = Int(clamping: try Pictures.integer(context, "PageNumber") ?? 1)
            guard (1...100).contains(size) else { throw HTTPError(.badRequest, "PageSize is between 1 and 100.") }
            guard number >= 1, number <= 1_000_000 else { throw HTTPError(.badRequest, "PageNumber starts at 1.") }
        }
    }

    /// The paging envelope: `PageNumber`, `PageCount`, `PageSize`, `PicturesTotal`, `User`
    /// (null for nobody by that id), `Pictures`.
    private func gallery(
        _ type: StaticString, _ itemType: StaticString, _ page: Galleries.GalleryPage, _ paging: Paging,
        ownerId: Int64, viewer: User, _ context: Context
    ) throws -> Response {
        let owner = try galleries.liveUser(id: ownerId)
        let ownerView = viewer.id == ownerId
        let mask = Self.masks(context)
        let pictures = page.items.map { picture($0, itemType, ownerView: ownerView, mask: mask) }
        let user: DataContract =
            owner.map {
                .object(
                    DataContract.Object(
                        type: "User", members: [("UserID", .int($0.id ?? 0)), ("Nickname", .string($0.username))]))
            } ?? .null
        let envelope = DataContract.Object(
            type: type,
            members: [
                ("PageNumber", .int(Int64(paging.number))),
                ("PageCount", .int(Int64((page.total + paging.size - 1) / paging.size))),
                ("PageSize", .int(Int64(paging.size))),
                ("PicturesTotal", .int(Int64(page.total))),
                ("User", user),
                ("Pictures", .objects(type: itemType, pictures)),
            ])
        return try Self.answer(.object(envelope), context, capacity: 512 + pictures.count * 700)
    }

    /// One item: its thumbnail and the picture itself, each with its safe flag.
    func picture(_ entry: MediaEntry, _ type: StaticString, ownerView: Bool, mask: Bool) -> DataContract.Object {
        let item = entry.item
        let safe = !item.nsfw
        return DataContract.Object(
            type: type,
            members: [
                ("PictureID", .int(item.id ?? 0)),
                ("AlbumID", .int(item.albumId)),
                ("Title", .string(item.title)),
                ("Description", .string(item.description)),
                ("DateUploaded", .date(item.createdAt)),
                ("Width", .int(Int64(item.width))),
                ("Height", .int(Int64(item.height))),
                ("FileSize", .int(Int64(item.size))),
                ("ThumbSafe", .bool(safe)),
                ("ThumbURL", .string(url(entry, .thumb, ownerView: ownerView, mask: mask))),
                ("PictureSafe", .bool(safe)),
                ("PictureURL", .string(url(entry, .original(entry.ext), ownerView: ownerView, mask: mask))),
            ])
    }
}
