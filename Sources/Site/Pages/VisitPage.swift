import AlbumCore
import Foundation
import HTTP

/// The read-only page of an album seen by someone other than its owner: through a share
/// (`/shared/{code}`), a link (`/s/{secret}`) or a public profile (`/u/{username}/…`). One
/// template, `pages/visit`, for the three; what differs is in the model.
struct VisitModel: Encodable {
    /// The "open once" question of a timed share not opened yet.
    struct Confirm: Encodable {
        let question: String
        let action: String
        let button: String
    }

    /// Open Graph tags of a link page: a chat preview shows the clean thumbnail only.
    struct OpenGraph: Encodable {
        let title: String
        let description: String
        let image: String?
        let url: String
    }

    var name: String
    var description = ""
    /// "Shared by alice", "alice's public album".
    var byline: String?
    /// Seconds left of a timed share (the countdown, and the page's own refresh).
    var countdown: Int?
    /// What the page says instead of the pictures (expired, empty).
    var notice: String?
    var confirm: Confirm?
    var openGraph: OpenGraph?
    var back: [String: String]?
    var count: String?
    var tiles: Slot?
    /// A shared album's label bar (seed 002).
    var labels: LabelFilter?

    /// A page with the grid of `entries`, the album's count above it.
    static func album(_ album: Album, _ entries: [MediaEntry], _ services: Services, _ options: VisitorTiles.Options)
        -> VisitModel
    {
        var model = VisitModel(name: album.displayName, description: album.description)
        model.count = Display.items(entries.count)
        if entries.isEmpty {
            model.notice = "This album is empty."
        } else {
            model.tiles = Slot(VisitorTiles.html(entries, services, options))
        }
        return model
    }

    /// The most items a visitor's page shows (the newest albums of phones hold a few hundred).
    static let limit = 1000

    func render(_ context: Context, title: String, status: Status = .ok) throws -> Response {
        try context.views.page("pages/visit", Layout(context, title: title), self, status: status)
    }
}
