/// `Accept` negotiation with q-values and wildcards (RFC 9110 §12.5.1).
public enum Negotiation {
    /// The offered media type the client prefers, or nil when it accepts none of them.
    /// A missing or empty `Accept` accepts anything: the first offer wins.
    public static func preferred(_ accept: String?, among offers: [String]) -> String? {
        guard let accept, !accept.trimmingSpaces.isEmpty else { return offers.first }
        // One bare media type (what API clients send): the offer it names, or what a wildcard
        // takes, without parsing parameters.
        if !accept.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") }) {
            let wanted = accept.trimmingSpaces.lowercased()
            if wanted == "*/*" { return offers.first }
            if let offer = offers.first(where: { $0.lowercased() == wanted }) { return offer }
        }
        let ranges = accept.split(separator: ",").compactMap { MediaRange(String($0)) }
        var best: (offer: String, quality: Double, specificity: Int)?
        for offer in offers {
            let (type, subtype) = split(offer.lowercased())
            // The most specific matching range decides the quality of this offer.
            var match: (quality: Double, specificity: Int)?
            for range in ranges {
                let specificity: Int
                if range.type == type && range.subtype == subtype {
                    specificity = 2
                } else if range.type == type && range.subtype == "*" {
                    specificity = 1
                } else if range.type == "*" && range.subtype == "*" {
                    specificity = 0
                } else {
                    continue
                }
                if match == nil || specificity > match!.specificity { match = (range.quality, specificity) }
            }
            guard let match, match.quality > 0 else { continue }
            if best == nil || match.quality > best!.quality {
                best = (offer, match.quality, match.specificity)
            }
        }
        return best?.offer
    }

    private struct MediaRange {
        let type: String
        let subtype: String
        let quality: Double

        init?(_ text: String) {
            let header = HeaderValue(text)
            guard !header.value.isEmpty else { return nil }
            (type, subtype) = Negotiation.split(header.value.lowercased())
            quality = header.parameters["q"].flatMap(Double.init).map { min(max($0, 0), 1) } ?? 1
        }
    }

    fileprivate static func split(_ mediaType: String) -> (String, String) {
        let parts = mediaType.split(separator: "/", maxSplits: 1)
        return (String(parts.first ?? "*"), parts.count > 1 ? String(parts[1]) : "*")
    }
}
