import AlbumCore
import Foundation
import HTTP
import Media

/// The info panel of the viewer page and the lightbox: date taken, dimensions, size, type,
/// camera and lens, exposure, a video's duration, tags (each a link to its search), labels and,
/// for the owner only, the GPS position with a link to a map and who added it for them. Rows with nothing to say are left
/// out. The lightbox fetches it as an HTML fragment (`GET /media/{code}/info`).
enum InfoPanel {
    struct Row: Encodable {
        let label: String
        let value: String
        var link: String? = nil
    }

    /// A label on the item (seed 002): restricted ones are shown to the owner only, marked.
    struct Label: Encodable {
        let value: String
        let restricted: Bool
    }

    struct Model: Encodable {
        let rows: [Row]
        let tags: [Row]
        let hasTags: Bool
        let labels: [Label]
        let hasLabels: Bool
        /// The owner's form adding and removing labels (`POST /media/{code}/labels`).
        let labelAction: String?
        /// Where the label forms return to (the page showing the panel).
        var back: String?
        /// The CSRF token of the form when the panel is a fragment (a page's layout has its own).
        var csrf: Slot?
    }

    static func model(_ entry: MediaEntry, owner: Bool, _ context: Context) throws -> Model {
        let item = entry.item
        let library = context.services.library
        let camera = try item.id.map { try library.cameraDetails(mediaId: $0) } ?? CameraDetails()
        let isVideo = item.kind != .image
        var rows: [Row] = []
        func add(_ label: String, _ value: String?, link: String? = nil) {
            guard let value, !value.isEmpty else { return }
            rows.append(Row(label: label, value: value, link: link))
        }
        // A photo's EXIF date is the camera's clock without a zone (stored as read): shown as
        // that local time, not labelled UTC. A video's creation time is UTC.
        add("Taken", item.takenAt.map { Timestamp.plain($0) + (isVideo ? " UTC" : "") })
        add("Dimensions", item.width > 0 ? "\(item.width) × \(item.height)" : nil)
        add("Duration", item.duration.map { Display.clock(Int($0.rounded())) })
        add("Size", Display.bytes(item.size))
        add("Type", item.mime)
        add("Camera", cameraName(camera))
        add("Lens", camera.lens)
        add("Exposure", exposure(camera))
        if owner, let latitude = camera.latitude, let longitude = camera.longitude {
            let position = String(format: "%.5f, %.5f", latitude, longitude)
            add(
                "Location", position,
                link:
                    "https://www.openstreetmap.org/?mlat=\(latitude)&mlon=\(longitude)#map=15/\(latitude)/\(longitude)")
        }
        add("Uploaded", Timestamp.plain(item.createdAt) + " UTC")
        // Added for the owner by their group's manager ("Manage as"): the owner is told who.
        if owner, let adder = item.addedBy, adder != item.ownerId {
            add("Added by", try context.services.accounts.user(id: adder)?.username)
        }
        let tags = owner ? try item.id.map { try library.tags(mediaId: $0) } ?? [] : []
        let found = try item.id.map { try library.labels(of: [$0])[$0] } ?? nil
        let labels =
            (found?.labels ?? []).map { Label(value: $0, restricted: false) }
            + (owner ? (found?.restricted ?? []).map { Label(value: $0, restricted: true) } : [])
        return Model(
            rows: rows, tags: tags.map { Row(label: "Tag", value: $0, link: Page.search($0).path) },
            hasTags: !tags.isEmpty, labels: labels, hasLabels: !labels.isEmpty,
            labelAction: owner ? Page.mediaLabels(code: context.links.mediaCode(item)).path : nil,
            back: Page.safeNext(context.query["back"]) ?? context.request.rawPath)
    }

    /// "Canon EOS R6" from make "Canon" and model "Canon EOS R6": the make once.
    static func cameraName(_ camera: CameraDetails) -> String? {
        switch (camera.make, camera.model) {
        case (let make?, let model?):
            model.lowercased().hasPrefix(make.lowercased().split(separator: " ").first.map(String.init) ?? "")
                ? model : "\(make) \(model)"
        case (let make?, nil): make
        case (nil, let model?): model
        default: nil
        }
    }

    /// "f/2.8 · 1/250 s · ISO 400 · 23 mm".
    static func exposure(_ camera: CameraDetails) -> String? {
        var parts: [String] = []
        if let f = camera.fNumber { parts.append("f/" + number(f)) }
        if let time = camera.exposureTime, time > 0 {
            parts.append(time < 1 ? "1/\(Int((1 / time).rounded())) s" : number(time) + " s")
        }
        if let iso = camera.iso { parts.append("ISO \(iso)") }
        if let focal = camera.focalLength { parts.append(number(focal) + " mm") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// 2.8 → "2.8", 23.0 → "23".
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// `GET /media/{code}/info`: the panel of one of the signed-in user's items, as a fragment.
    static func fragment(_ context: Context, _ user: User) throws -> Response {
        guard let id = context.links.mediaCodes.decode(context.parameters["code"] ?? ""),
            let entry = try context.services.library.media(id: id, ownerId: user.id ?? 0)
        else { throw LibraryError.mediaNotFound }
        var model = try model(entry, owner: true, context)
        model.csrf = context.session.map { Slot(CSRFMask.mask($0.csrfToken)) }
        let (values, slots) = try TemplateEncoder.encode(model)
        // The label forms' CSRF token is a slot, filled after rendering as on pages.
        let html = Slot.fill(Array(try context.views.render("partials/info", values).utf8), slots)
        var response = Response.html(String(decoding: html, as: UTF8.self))
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    /// `POST /media/{code}/labels`: the owner adds `label` (restricted when `restricted` is
    /// ticked) or takes off `remove` (`removeRestricted` saying which kind); back to `back`.
    static func updateLabels(_ context: Context, _ user: User) throws -> Response {
        guard let id = context.links.mediaCodes.decode(context.parameters["code"] ?? ""),
            let entry = try context.services.library.media(id: id, ownerId: user.id ?? 0), let mediaId = entry.item.id
        else { throw LibraryError.mediaNotFound }
        let form = try context.form()
        let back = Page.safeNext(form["back"]) ?? context.links.viewerPage(entry.item).path
        return try Notice.redirect(context, to: back) {
            try LabelForm.apply(form, mediaId: mediaId, context.services.library)
        }
    }
}
