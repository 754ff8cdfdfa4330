/// The full-text index behind search (`media_search`, SQLite FTS5): one document per item,
/// its rowid the item's id, holding the words a person remembers a photo by — title,
/// description, file name, tags, labels, album name, camera and lens, and the date taken as
/// words ("2019 July Jul 2019-07"). Kept by triggers rather than Swift code, so that every
/// writer (pages, dialects, the CLI, an album's rename, a foreign key's `SET NULL`) keeps it
/// true; a document is always rebuilt whole from its rows.
enum SearchIndex {
    static let columns = "title, description, filename, tags, labels, album, camera, taken"

    /// The date the timeline and search go by: taken, else uploaded.
    static let date = "COALESCE(media.taken_at, media.created_at)"

    /// `SELECT rowid, <columns>` of the items matching `condition` (SQL on `media`).
    static func document(where condition: String) -> String {
        """
        SELECT media.id, media.title, media.description, media.original_filename,
            COALESCE((SELECT group_concat(tag, ' ') FROM media_tags WHERE media_id = media.id), ''),
            COALESCE((SELECT group_concat(label, ' ') FROM media_labels WHERE media_id = media.id), ''),
            COALESCE((SELECT name FROM albums WHERE albums.id = COALESCE(media.album_id, media.trashed_from_album_id)), ''),
            COALESCE((SELECT COALESCE(camera_make, '') || ' ' || COALESCE(camera_model, '') || ' ' || COALESCE(lens, '') FROM media_details WHERE media_id = media.id), ''),
            strftime('%Y', \(date)) || ' ' || \(monthNames) || ' ' || strftime('%Y-%m', \(date))
        FROM media WHERE \(condition)
        """
    }

    /// The English month of `date`, full and short ("July Jul"): what people type.
    private static let monthNames =
        "CASE CAST(strftime('%m', \(date)) AS INTEGER) "
        + [
            "January Jan", "February Feb", "March Mar", "April Apr", "May", "June Jun", "July Jul", "August Aug",
            "September Sep Sept", "October Oct", "November Nov", "December Dec",
        ].enumerated().map { "WHEN \($0.offset + 1) THEN '\($0.element)'" }.joined(separator: " ") + " END"

    /// Rebuilds the documents of the items matching `condition`.
    private static func reindex(_ condition: String) -> String {
        """
        DELETE FROM media_search WHERE rowid IN (SELECT media.id FROM media WHERE \(condition));
            INSERT INTO media_search (rowid, \(columns)) \(document(where: condition));
        """
    }

    /// The tables a document is drawn from besides `media`: any row of theirs written or
    /// deleted rebuilds its item's document.
    private static let followers = [
        ("tag_insert", "INSERT", "media_tags", "NEW"), ("tag_delete", "DELETE", "media_tags", "OLD"),
        ("label_insert", "INSERT", "media_labels", "NEW"), ("label_delete", "DELETE", "media_labels", "OLD"),
        ("details_insert", "INSERT", "media_details", "NEW"), ("details_update", "UPDATE", "media_details", "NEW"),
    ].map { name, event, table, row in
        """
        CREATE TRIGGER media_search_\(name) AFTER \(event) ON \(table) BEGIN
            \(reindex("media.id = \(row).media_id"))
        END;
        """
    }.joined(separator: "\n")

    static let triggers = """
        CREATE TRIGGER media_search_insert AFTER INSERT ON media BEGIN
            INSERT INTO media_search (rowid, \(columns)) \(document(where: "media.id = NEW.id"));
        END;
        CREATE TRIGGER media_search_update
        AFTER UPDATE OF title, description, original_filename, album_id, trashed_from_album_id, taken_at, created_at
        ON media BEGIN
            DELETE FROM media_search WHERE rowid = OLD.id;
            INSERT INTO media_search (rowid, \(columns)) \(document(where: "media.id = NEW.id"));
        END;
        CREATE TRIGGER media_search_delete AFTER DELETE ON media BEGIN
            DELETE FROM media_search WHERE rowid = OLD.id;
        END;
        \(followers)
        CREATE TRIGGER media_search_album_rename AFTER UPDATE OF name ON albums BEGIN
            \(reindex("media.album_id = NEW.id OR media.trashed_from_album_id = NEW.id"))
        END;
        """

    /// An FTS5 query from what someone typed: every word must match (as a prefix, so "Pari"
    /// finds Paris), quoted so that no character of the input is FTS5 syntax; nil when nothing
    /// searchable is left.
    static func match(_ text: String) -> String? {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).prefix(16)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}
