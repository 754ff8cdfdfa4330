import Foundation

/// The readable part of viewer links and file names: `"Été à Paris, 2024!"` → `"Ete-a-Paris-2024"`.
/// ASCII letters and digits only (no percent-encoding in links), runs of anything else become
/// one `-`; cut at `limit` characters. Never empty: `fallback` when nothing is left.
enum Slug {
    static func make(_ text: String, limit: Int = 60, fallback: String) -> String {
        // Folding is costly and changes nothing in plain ASCII (most titles and file names).
        let folded =
            text.utf8.allSatisfy { $0 < 0x80 }
            ? text : text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
                if slug.count >= limit { break }
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? fallback : slug
    }
}
