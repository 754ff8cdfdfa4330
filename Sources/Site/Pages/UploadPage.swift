import AlbumCore
import Foundation
import HTTP

/// `/upload`: many files at once into the library or an album (an existing one, or a new one
/// named in the form), with title, description, tags, labels, NSFW flag and expiry for all of them.
/// Without scripts it is one multipart form and the answer is a page listing each file's
/// outcome; `upload.js` sends the files one request each (for per-file progress) and asks for
/// JSON. Every file is imported on its own: one refused file does not stop the others.
enum UploadPage {
    /// Choices of the expiry menu, as ISO 8601 durations (`Expiration` reads them).
    static let expiries: [(value: String, label: String)] = [
        ("", "Never"), ("PT1H", "After an hour"), ("P1D", "After a day"), ("P7D", "After a week"),
        ("P1M", "After a month"),
    ]

    static func show(_ context: Context, _ user: User) throws -> Response {
        try page(context, user, results: [], status: .ok)
    }

    static func submit(_ context: Context, _ user: User) throws -> Response {
        let form = try context.multipart()
        let fields = form.fields
        let files = form.files.filter { $0.field == "file" && !($0.filename.isEmpty && $0.size == 0) }
        guard !files.isEmpty else { throw HTTPError(.badRequest, "Choose at least one photo or video to upload.") }

        var common = ImportRequest(ownerId: user.id ?? 0, file: "", originalFilename: "")
        common.addedBy = context.manager?.id
        common.albumId = try album(fields, user: user, context)
        let title = (fields["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        common.title = title.isEmpty ? nil : title
        common.description = (fields["description"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        common.tags = ImportRequest.tags(fromList: fields["tags"])
        common.labels = ImportRequest.tags(fromList: fields["labels"])
        common.nsfw = fields["nsfw"] != nil
        common.expiresAt = try Expiration.date(fields["expiry"].flatMap { $0.isEmpty ? nil : $0 })
        common.uploaderIp = context.request.remoteAddress
        common.refuseOwnCopy = true

        let results = files.map { file -> Result in
            var request = common
            request.file = file.path
            request.originalFilename = file.filename
            do {
                return .stored(file.filename, try context.services.library.importMedia(request).item)
            } catch LibraryError.alreadyInLibrary(let id) {
                // Not a failure: the storage was always shared, a second row would be the surprise.
                guard let existing = try? context.services.library.media(id: id, ownerId: user.id ?? 0) else {
                    return .refused(file.filename, Problem(.duplicate, .conflict, "You have this already."))
                }
                return .existing(file.filename, existing.item)
            } catch {
                let problem = Problem.from(error, logger: context.services.logger, requestId: context.request.id)
                return .refused(file.filename, problem)
            }
        }
        let failed = results.compactMap(\.problem)
        // One status for the whole answer: the single file's own, else 200 with the list.
        let status = failed.count == results.count ? failed[0].status : .ok
        if wantsJSON(context) {
            // The album the files went to, so a script can list one this upload made.
            let album = try common.albumId.flatMap { try context.services.library.album(id: $0, ownerId: user.id ?? 0) }
            return try .json(json(results, album: album, context), status: status)
        }
        return try page(context, user, results: results, status: status)
    }

    static let alreadyHave = "You have this already: nothing was stored twice."

    enum Result {
        case stored(String, MediaItem)
        /// The owner had these bytes already: this item.
        case existing(String, MediaItem)
        case refused(String, Problem)

        var problem: Problem? {
            if case .refused(_, let problem) = self { return problem }
            return nil
        }
    }

    /// The album the form names: `album` is an album code, `new` (with `new_album` as its
    /// name; an existing album of that name is reused, so the script's one-request-per-file
    /// does not make one album per file), or empty for none.
    private static func album(_ fields: Parameters, user: User, _ context: Context) throws -> Int64? {
        let choice = fields["album"] ?? ""
        switch choice {
        case "": return nil
        case "new":
            return try context.services.library.album(named: fields["new_album"] ?? "", ownerId: user.id ?? 0)
        default:
            guard let id = context.links.albumCodes.decode(choice),
                try context.services.library.ownsAlbum(id: id, ownerId: user.id ?? 0)
            else { throw LibraryError.albumNotFound }
            return id
        }
    }

    private static func wantsJSON(_ context: Context) -> Bool {
        Negotiation.preferred(context.request.headers["Accept"], among: ["text/html", "application/json"])
            == "application/json"
    }

    private static func json(_ results: [Result], album: Album?, _ context: Context) -> JSONValue {
        let albumValue: JSONValue? = album.map {
            ["code": .string(context.links.albumCode($0.id)), "name": .string($0.displayName)]
        }
        return .array(
            results.map { result in
                var answer = answer(result, context)
                if case .object(var fields) = answer, let albumValue, result.problem == nil {
                    fields["album"] = albumValue
                    answer = .object(fields)
                }
                return answer
            })
    }

    private static func answer(_ result: Result, _ context: Context) -> JSONValue {
        switch result {
        case .stored(let name, let item):
            return [
                "file": .string(name), "ok": true, "page": .string(context.links.viewerPage(item).path),
                "title": .string(item.title),
            ]
        case .existing(let name, let item):
            return [
                "file": .string(name), "ok": true, "existing": true,
                "page": .string(context.links.viewerPage(item).path), "title": .string(item.title),
                "message": .string(Self.alreadyHave),
            ]
        case .refused(let name, let problem):
            return ["file": .string(name), "ok": false, "error": .string(problem.message)]
        }
    }

    private static func page(_ context: Context, _ user: User, results: [Result], status: Status) throws -> Response {
        let services = context.services
        let links = context.links
        let chosen = context.query["album"] ?? ""
        let limit = min(
            try services.library.plan(for: user.id ?? 0).maxFileBytes ?? .max, services.configuration.maxUpload)
        let model = Model(
            albums: try services.library.albums(ownerId: user.id ?? 0).map { album in
                let code = links.albumCode(album.id)
                return Model.Album(name: album.displayName, code: code, selected: code == chosen)
            },
            expiries: expiries.map { ["value": $0.value, "label": $0.label] }, maxBytes: limit,
            maxSize: Display.limit(limit), action: Page.upload.path, hasResults: !results.isEmpty,
            results: results.map { result in
                switch result {
                case .stored(let name, let item):
                    Model.Outcome(file: name, ok: true, page: links.viewerPage(item).path, error: nil, existing: false)
                case .existing(let name, let item):
                    Model.Outcome(file: name, ok: true, page: links.viewerPage(item).path, error: nil, existing: true)
                case .refused(let name, let problem):
                    Model.Outcome(file: name, ok: false, page: nil, error: problem.message, existing: false)
                }
            })
        return try context.views.page("pages/upload", Layout(context, title: "Upload"), model, status: status)
    }

    struct Model: Encodable {
        struct Album: Encodable {
            let name: String
            let code: String
            let selected: Bool
        }

        /// What became of one file sent.
        struct Outcome: Encodable {
            let file: String
            let ok: Bool
            let page: String?
            let error: String?
            /// Already in the library: the page is the item the owner had.
            let existing: Bool
        }

        let albums: [Album]
        let expiries: [[String: String]]
        let maxBytes: Int
        let maxSize: String
        let action: String
        let hasResults: Bool
        let results: [Outcome]
    }
}
