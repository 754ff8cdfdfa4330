@testable import Site

/// The `next` of a sign-in (an open-redirect target): what is kept is a path on this site with
/// no control character, whitespace, backslash, scheme or authority.
enum NextTarget {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let next = Page.safeNext(text) else { return }
        require(next.hasPrefix("/") && !next.hasPrefix("//"), "\(next) leaves the site")
        require(
            !next.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" },
            "\(next) has a control character, a space or a backslash")
    }
}
