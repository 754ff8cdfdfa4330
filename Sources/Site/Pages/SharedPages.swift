import AlbumCore
import Foundation
import HTTP

/// "Shared with me": the albums others share with the signed-in user (`/shared`), and one of
/// them (`/shared/{code}`). A timed share not opened yet asks first ("You can open this once,
/// for 30 minutes"); opening starts its window (`Sharing.view`), the page counts it down and
/// reloads itself at the end, and then says it has expired and shows no media. Read-only.
enum SharedPages {
    struct Inbox: Encodable {
        struct Row: Encodable {
            let name: String
            let sharer: String
            let href: String
            let cover: String?
            let blurred: Bool
            let unseen: Bool
            let state: String
            let kind: String
            let shared: String
        }

        let albums: [Row]
        let empty: Bool
        let pager: Pager.Model?
    }

    /// `GET /shared`: newest first; covers blurred until the album has been opened.
    static func inbox(_ context: Context, _ user: User) throws -> Response {
        let services = context.services
        let now = services.clock.now()
        let pager = Pager(
            page: context.query["page"], total: try services.sharing.inboxCount(user.id ?? 0),
            size: LibraryPage.pageSize)
        let rows = try services.sharing.inbox(user.id ?? 0, limit: LibraryPage.pageSize, offset: pager.offset).map {
            entry in
            let share = entry.share
            let opened = share.firstViewedAt != nil && share.isViewable(at: now)
            let policy = Links.visitorPolicy(until: share.expiresAt)
            let cover = share.isViewable(at: now) ? entry.coverSHA256 : nil
            return Inbox.Row(
                name: entry.albumName, sharer: entry.ownerName,
                href: Page.sharedAlbum(code: services.links.albumCode(share.albumId)).path,
                // Thumbnails and blurred covers are made stripped: no clean copy to pick.
                cover: cover.map {
                    services.links.signer.url(
                        file: $0 + "." + (opened ? Variant.thumb : .blurred).suffix, policy: policy)
                },
                blurred: !opened, unseen: share.seenAt == nil, state: state(share, now: now),
                kind: SharePanel.expirations.first { $0.value == share.expiration }?.label ?? "",
                shared: Timestamp.day(share.createdAt))
        }
        return try context.views.page(
            "pages/shared", Layout(context, title: "Shared with me"),
            Inbox(albums: rows, empty: rows.isEmpty, pager: pager.model(path: Page.shared.path + "?")))
    }

    /// The state of a share in its recipient's words.
    static func state(_ share: Share, now: Date) -> String {
        guard share.isViewable(at: now) else { return "Expired" }
        guard share.firstViewedAt != nil else {
            return share.expiration == .indefinite ? "New" : "Not opened yet"
        }
        guard let end = share.expiresAt else { return "Open" }
        return "Open, closes in " + SharePanel.duration(end.timeIntervalSince(now))
    }

    /// `GET /shared/{code}`.
    static func album(_ context: Context, _ user: User) throws -> Response {
        let (album, found) = try sharedAlbum(context, user)
        var share = found
        let services = context.services
        let now = services.clock.now()
        let owner = try services.accounts.user(id: album.ownerId)?.username ?? ""
        let back = ["href": Page.shared.path, "label": "Shared with me"]
        let title = album.displayName
        guard share.isViewable(at: now) else {
            try services.sharing.markSeen(recipientId: share.recipientId, albumId: album.id)
            var model = VisitModel(name: title, byline: "Shared by \(owner)", back: back)
            model.notice = "This album has expired. \(owner) can share it with you again."
            return try model.render(context, title: title)
        }
        if share.firstViewedAt == nil {
            guard share.expiration == .indefinite else {
                var model = VisitModel(name: title, byline: "Shared by \(owner)", back: back)
                model.confirm = VisitModel.Confirm(
                    question: question(share.expiration),
                    action: Page.sharedAlbumOpen(code: context.links.albumCode(album.id)).path, button: "Open it now")
                return try model.render(context, title: title)
            }
            share = try services.sharing.view(albumId: album.id, recipientId: share.recipientId)
        } else if share.seenAt == nil {
            try services.sharing.markSeen(recipientId: share.recipientId, albumId: album.id)
        }
        let code = context.links.albumCode(album.id)
        // Seed 002's roles: the album's admins see restricted labels and manage labels.
        let admin = try services.albumRoles.album(uuid: album.uuid, for: user.id ?? 0)?.role.isAdmin ?? false
        let (filter, label, restricted) = try LabelFilter.read(
            context, albumId: album.id, base: Page.sharedAlbum(code: code).path, showsRestricted: admin)
        let entries =
            label != nil || restricted != nil
            ? try services.library.albumMedia(
                albumId: album.id, label: label, restrictedLabel: restricted, limit: VisitModel.limit)
            : try services.library.media(ownerId: album.ownerId, in: .album(album.id), limit: VisitModel.limit)
        let remaining = try services.sharing.remainingViews(share)
        var options = VisitorTiles.Options(policy: Links.visitorPolicy(until: share.expiresAt))
        options.labels = try services.library.labels(of: entries.compactMap(\.item.id))
        options.showsRestricted = admin
        if admin {
            options.labelPage = { entry in
                Page.sharedLabels(code: code, item: context.links.mediaCode(entry.item)).path
            }
        }
        options.usedUp = Set(remaining.filter { $0.value == 0 }.map(\.key))
        if share.expiration.viewsPerItem >= 0 {
            options.countedView = { entry in
                Page.sharedItem(code: code, item: context.links.mediaCode(entry.item)).path
            }
        }
        var model = VisitModel.album(album, entries, services, options)
        model.byline = "Shared by \(owner)"
        model.back = back
        model.countdown = share.expiresAt.map { max(1, Int($0.timeIntervalSince(now).rounded(.up))) }
        model.labels = filter
        return try model.render(context, title: title)
    }

    /// `/shared/{code}/labels/{item}`: an admin of a shared album (seed 002) sees one item's
    /// labels, restricted ones marked, and adds or removes them. Participants who are not
    /// admins, and anyone else, get the missing page.
    static func labels(_ context: Context, _ user: User) throws -> Response {
        let (album, entry, code) = try labelledItem(context, user)
        let found = try context.services.library.labels(of: [entry.item.id ?? 0])[entry.item.id ?? 0] ?? MediaLabels()
        let model = LabelsModel(
            album: album.displayName, back: Page.sharedAlbum(code: code).path,
            thumb: context.links.visitorPath(entry, .thumb, Links.visitorPolicy(until: nil)),
            title: entry.item.title.isEmpty ? "Photo" : entry.item.title,
            labels: found.labels.map { LabelsModel.Label(value: $0, restricted: false) }
                + found.restricted.map { LabelsModel.Label(value: $0, restricted: true) },
            action: context.request.rawPath)
        return try context.views.page("pages/labels", Layout(context, title: "Labels"), model)
    }

    /// `POST /shared/{code}/labels/{item}`: `label` (and `restricted`) adds, `remove` (and
    /// `removeRestricted`) takes one off.
    static func updateLabels(_ context: Context, _ user: User) throws -> Response {
        let (_, entry, _) = try labelledItem(context, user)
        let form = try context.form()
        return try Notice.redirect(context, to: context.request.rawPath) {
            try LabelForm.apply(form, mediaId: entry.item.id ?? 0, context.services.library)
        }
    }

    struct LabelsModel: Encodable {
        struct Label: Encodable {
            let value: String
            let restricted: Bool
        }

        let album: String
        let back: String
        let thumb: String
        let title: String
        let labels: [Label]
        let action: String
    }

    /// The shared album's item the path names, for one of the album's admins only.
    private static func labelledItem(_ context: Context, _ user: User) throws -> (Album, MediaEntry, String) {
        let (album, share) = try sharedAlbum(context, user)
        let services = context.services
        guard share.isViewable(at: services.clock.now()),
            try services.albumRoles.album(uuid: album.uuid, for: user.id ?? 0)?.role.isAdmin == true,
            let mediaId = context.links.mediaCodes.decode(context.parameters["item"] ?? ""),
            let entry = try services.library.media(id: mediaId, ownerId: album.ownerId), entry.item.albumId == album.id
        else { throw LibraryError.mediaNotFound }
        return (album, entry, context.links.albumCode(album.id))
    }

    /// "You can open this once, for 30 minutes", and the like for the other timed shares.
    static func question(_ expiration: ShareExpiration) -> String {
        let window = SharePanel.duration(expiration.window ?? 0, long: true)
        return expiration == .once
            ? "You can open this once, for \(window)." : "Opening it starts its time: it stays open for \(window)."
    }

    /// `POST /shared/{code}/open`: starts the window, then the album.
    static func open(_ context: Context, _ user: User) throws -> Response {
        let (album, share) = try sharedAlbum(context, user)
        if share.firstViewedAt == nil {
            try context.services.sharing.view(albumId: album.id, recipientId: share.recipientId)
        }
        return .redirect(to: Page.sharedAlbum(code: context.links.albumCode(album.id)).path)
    }

    /// `GET /shared/{code}/item/{item}`: one item's large picture (or video) through a share
    /// whose items have counted views: counts one, then sends to the clean file. An item with
    /// no views left, like one not in the album, is missing.
    static func item(_ context: Context, _ user: User) throws -> Response {
        let (album, share) = try sharedAlbum(context, user)
        let services = context.services
        guard share.isViewable(at: services.clock.now()), share.firstViewedAt != nil,
            let mediaId = context.links.mediaCodes.decode(context.parameters["item"] ?? ""),
            let entry = try services.library.media(id: mediaId, ownerId: album.ownerId),
            entry.item.albumId == album.id, try services.sharing.remainingViews(share)[mediaId] != 0
        else { throw LibraryError.mediaNotFound }
        _ = try services.sharing.viewItem(albumId: album.id, mediaId: mediaId, recipientId: share.recipientId)
        let policy = Links.visitorPolicy(until: share.expiresAt)
        let large = MediaTiles.largeVariant(entry, services)
        var response = Response.redirect(to: services.links.visitorPath(entry, large, policy), status: .found)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    /// The album of the path's code as shared with `user`; their own albums and albums not
    /// shared with them are missing alike.
    /// A share that has run out comes back too (its page says so, without media).
    private static func sharedAlbum(_ context: Context, _ user: User) throws -> (Album, Share) {
        let sharing = context.services.sharing
        guard let id = context.links.albumCodes.decode(context.parameters["code"] ?? "") else {
            throw LibraryError.albumNotFound
        }
        if let found = try sharing.album(id: id, for: user.id ?? 0), case .recipient(let share) = found.reach {
            return (found.album, share)
        }
        guard let expired = try sharing.inbox(user.id ?? 0).first(where: { $0.share.albumId == id })?.share,
            let album = try context.services.library.album(id: id, ownerId: expired.ownerId)
        else { throw LibraryError.albumNotFound }
        return (album, expired)
    }
}
