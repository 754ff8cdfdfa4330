import Foundation
import HTTP

/// The item codes of a page's grids of tiles, in page order.
public func tileCodes(_ page: Response) -> [String] {
    page.bodyText.components(separatedBy: #"data-id=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
}

/// What a page says of the last form (`Notice`), if anything.
public func said(_ page: Response) -> String? {
    let html = page.bodyText
    guard let start = html.range(of: #"<p class="flash [a-z]+" role="[a-z]+">"#, options: .regularExpression),
        let end = html[start.upperBound...].range(of: "</p>")
    else { return nil }
    return String(html[start.upperBound..<end.lowerBound])
        .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
}
