import AlbumCore
import HTTP

/// The label forms of the pages (the owner's info panel, a shared album's admins' page): add
/// `label` (restricted when `restricted` is ticked), or take `remove` off (`removeRestricted`
/// `1` naming a restricted one). The caller has decided that the person may.
enum LabelForm {
    /// Does what `form` asks to item `mediaId`; answers it in words for the page's notice.
    static func apply(_ form: Parameters, mediaId: Int64, _ library: Library) throws -> String {
        if let removed = form["remove"], !removed.isEmpty {
            try library.removeLabel(removed, restricted: form["removeRestricted"] == "1", mediaId: mediaId)
            return "Took the label “\(removed)” off."
        }
        let label = (form["label"] ?? "").trimmingCharacters(in: .whitespaces)
        let restricted = form["restricted"] != nil
        try library.addLabel(label, restricted: restricted, mediaId: mediaId)
        return restricted ? "Added the restricted label “\(label)”." : "Added the label “\(label)”."
    }
}
