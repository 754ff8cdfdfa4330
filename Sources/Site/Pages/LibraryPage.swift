import AlbumCore
import Foundation
import HTTP

/// The signed-in home and its other views, all one page with one selection form: the
/// timeline (`/`: albums, then every item by date taken in month groups with a jump to any
/// month), `?view=no-album`, `/favourites`, `/search?q=` (FTS5, best first) and `/trash`.
/// Thumbnails are signed URLs, so nginx sends the bytes.
enum LibraryPage {
    static let pageSize = 60
    /// Albums on a page of the timeline's album list.
    static let albumPageSize = 24
    /// Albums the "add to" list offers, the most recently changed.
    static let destinationCount = 50

    /// Which view of the library.
    enum View: Equatable {
        case timeline
        case noAlbum
        case favourites
        case search(String)
        case trash

        var title: String {
            switch self {
            case .timeline: "Library"
            case .noAlbum: "Not in an album"
            case .favourites: "Favourites"
            case .search(let query): query.isEmpty ? "Search" : "Search: \(query)"
            case .trash: "Trash"
            }
        }

        var path: String {
            switch self {
            case .timeline: Page.library.path
            case .noAlbum: Page.noAlbum.path
            case .favourites: Page.favourites.path
            case .search(let query): Page.search(query).path
            case .trash: Page.trash.path
            }
        }

        /// What was searched for; nil for the other views.
        var query: String? {
            if case .search(let text) = self { text } else { nil }
        }

        /// The view's path ready for one more query parameter (`…?` or `…&`).
        var pagePrefix: String { path + (path.contains("?") ? "&" : "?") }

        var scope: MediaScope? {
            switch self {
            case .timeline: .timeline
            case .noAlbum: .noAlbum
            case .favourites: .favourites
            case .trash: .trash
            case .search: nil
            }
        }
    }

    static func show(_ context: Context, _ user: User) throws -> Response {
        try render(context, user, context.query["view"] == "no-album" ? .noAlbum : .timeline)
    }

    static func favourites(_ context: Context, _ user: User) throws -> Response {
        try render(context, user, .favourites)
    }

    static func trash(_ context: Context, _ user: User) throws -> Response { try render(context, user, .trash) }

    static func search(_ context: Context, _ user: User) throws -> Response {
        try render(
            context, user, .search(String((context.query["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(200))))
    }

    private static func render(_ context: Context, _ user: User, _ view: View) throws -> Response {
        let ownerId = user.id ?? 0
        let library = context.services.library
        let links = context.links
        let total: Int
        var page = context.query["page"]
        var months: [Library.TimelineMonth] = []
        if view == .timeline {
            months = try library.timelineMonths(ownerId: ownerId)
            // A jump to a month opens the page that month starts on, at its heading.
            if let month = context.query["month"], months.contains(where: { $0.month == month }) {
                page = String(try library.timelineItems(after: month, ownerId: ownerId) / pageSize + 1)
            }
        }
        let entries: [MediaEntry]
        let pager: Pager
        switch view {
        case .search(let query):
            total = try library.searchCount(query, ownerId: ownerId)
            pager = Pager(page: page, total: total, size: pageSize)
            entries = try library.search(query, ownerId: ownerId, limit: pageSize, offset: pager.offset)
        case .timeline:
            // Counted and paged through the kept months: no cost grows with the library.
            total = months.reduce(0) { $0 + $1.count }
            pager = Pager(page: page, total: total, size: pageSize)
            entries = try library.timeline(ownerId: ownerId, months: months, limit: pageSize, offset: pager.offset)
        default:
            let scope = view.scope ?? .timeline
            total = try library.mediaCount(ownerId: ownerId, in: scope)
            pager = Pager(page: page, total: total, size: pageSize)
            entries = try library.media(ownerId: ownerId, in: scope, limit: pageSize, offset: pager.offset)
        }
        // The timeline shows a page of albums (`?albums=N`); the "add to" list the most recent.
        let albumCount = try library.albumCount(ownerId: ownerId)
        let albumPager = Pager(page: context.query["albums"], total: albumCount, size: albumPageSize)
        let albums =
            view == .timeline
            ? try library.albumSummaries(ownerId: ownerId, limit: albumPageSize, offset: albumPager.offset) : []
        let destinations = try library.recentAlbums(ownerId: ownerId, limit: destinationCount)
        let query = view.query ?? ""
        // What a group manager did here for this member in the last 30 days, said on their timeline.
        let additions =
            view == .timeline && context.manager == nil
            ? try context.services.galleries.additions(
                for: ownerId, since: context.services.clock.now().addingTimeInterval(-30 * 86400)) : []

        let model = Model(
            view: [
                "timeline": view == .timeline, "noAlbum": view == .noAlbum, "favourites": view == .favourites,
                "search": view.query != nil, "trash": view == .trash,
            ],
            heading: view.title, query: query, searched: !query.isEmpty, total: total,
            count: Display.items(total), empty: total == 0,
            albums: albums.map { summary in
                Model.Album(
                    name: summary.album.displayName, page: links.albumPage(summary.album).path,
                    count: Display.items(summary.itemCount), date: Timestamp.day(summary.album.createdAt),
                    cover: summary.cover.map { links.mediaPath($0, .thumb) })
            },
            albumCount: albumCount,
            albumPager: albumPager.model(path: Page.library.path + "?", parameter: "albums", anchor: "#albums-heading"),
            destinations: destinations.map { ["name": $0.displayName, "code": links.albumCode($0.id)] },
            months: monthChoices(months), hasMonths: !months.isEmpty,
            pager: pager.model(path: view.pagePrefix),
            back: pager.page > 1 ? view.pagePrefix + "page=\(pager.page)" : view.path,
            trashDays: library.settings.trashDays,
            manageAs: view == .timeline ? try ManageAs.Switch.of(context, user) : nil,
            additions: additions.map { "\($0.username) added \(Display.items($0.count)) for you in the last 30 days." },
            actions: [
                "createAlbum": Page.createAlbum.path, "noAlbum": Page.noAlbum.path, "all": Page.library.path,
                "upload": Page.upload.path, "items": Page.items.path, "trash": Page.trash.path,
                "favourites": Page.favourites.path, "search": Page.search(nil).path,
            ],
            // Drawn in Swift, not a partial: see MediaTiles why.
            tiles: Slot(
                view == .timeline
                    ? grouped(entries, context.services)
                    : grid(entries, context.services, tools: view == .trash ? .trash : .library)))
        return try context.views.page("pages/library", Layout(context, title: view.title), model)
    }

    /// The timeline's tiles under a heading per month of the date taken ("July 2019"), each
    /// heading an anchor the jump control lands on.
    private static func grouped(_ entries: [MediaEntry], _ services: Services) -> [UInt8] {
        var html: [UInt8] = []
        var start = 0
        while start < entries.count {
            let month = monthKey(entries[start].item)
            var end = start + 1
            while end < entries.count && monthKey(entries[end].item) == month { end += 1 }
            html += "<section class=\"month\" id=\"m-\(month)\" aria-label=\"\(monthName(month))\">".utf8
            html += "<h3>\(monthName(month))</h3>".utf8
            html += grid(Array(entries[start..<end]), services)
            html += "</section>".utf8
            start = end
        }
        return html
    }

    private static func grid(_ entries: [MediaEntry], _ services: Services, tools: MediaTiles.Tools = .library)
        -> [UInt8]
    {
        Array("<ul class=\"grid\">".utf8) + MediaTiles.html(entries, services, tools: tools) + Array("</ul>".utf8)
    }

    /// "2019-07" of the date the timeline orders by: taken (the camera's clock, stored as
    /// read), else uploaded.
    static func monthKey(_ item: MediaItem) -> String {
        String(Timestamp.day(item.takenAt ?? item.createdAt).prefix(7))
    }

    /// "2019-07" → "July 2019".
    static func monthName(_ key: String) -> String {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return key }
        return "\(monthNames[month - 1]) \(parts[0])"
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The jump control's choices, a group per year, newest first.
    private static func monthChoices(_ months: [Library.TimelineMonth]) -> [Model.Year] {
        var years: [Model.Year] = []
        for month in months {
            let year = String(month.month.prefix(4))
            let choice = Model.Month(
                value: month.month, label: "\(monthName(month.month)) (\(month.count))")
            if years.last?.year == year {
                years[years.count - 1].months.append(choice)
            } else {
                years.append(Model.Year(year: year, months: [choice]))
            }
        }
        return years
    }

    struct Model: Encodable {
        struct Album: Encodable {
            let name: String
            let page: String
            let count: String
            let date: String
            let cover: String?
        }

        struct Year: Encodable {
            let year: String
            var months: [Month]
        }

        struct Month: Encodable {
            let value: String
            let label: String
        }

        let view: [String: Bool]
        let heading: String
        let query: String
        let searched: Bool
        let total: Int
        let count: String
        let empty: Bool
        let albums: [Album]
        let albumCount: Int
        let albumPager: Pager.Model?
        let destinations: [[String: String]]
        let months: [Year]
        let hasMonths: Bool
        let pager: Pager.Model?
        let back: String
        let trashDays: Int
        /// A group manager's "Manage as" switch (timeline only).
        let manageAs: ManageAs.Switch?
        /// What group managers added for this member lately.
        let additions: [String]
        let actions: [String: String]
        let tiles: Slot
    }
}

/// Page numbers of a long list: `?page=N` (1-based; out of range shows the nearest page).
struct Pager {
    let page: Int
    let pages: Int
    let offset: Int

    init(page: String?, total: Int, size: Int) {
        pages = max(1, (total + size - 1) / size)
        self.page = min(max(1, Int(page ?? "") ?? 1), pages)
        offset = (self.page - 1) * size
    }

    struct Model: Encodable {
        let page: Int
        let pages: Int
        let previous: String?
        let next: String?
    }

    /// Links to the previous and next pages; `path` ends in `?` or `&`; `parameter` names the
    /// page number in the query, `anchor` is where the link lands.
    func model(path: String, parameter: String = "page", anchor: String = "") -> Model? {
        guard pages > 1 else { return nil }
        return Model(
            page: page, pages: pages, previous: page > 1 ? path + "\(parameter)=\(page - 1)" + anchor : nil,
            next: page < pages ? path + "\(parameter)=\(page + 1)" + anchor : nil)
    }
}
