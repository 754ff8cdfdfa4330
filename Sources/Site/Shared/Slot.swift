import Foundation

/// Ready-made HTML for a template's `{{{name}}}`, put in after Mustache has rendered the rest:
/// the grid of tiles (~90 KB for an album of 100) skips Mustache's string building and a UTF-8
/// check, and each response's freshly masked CSRF token skips its character-by-character
/// escaping (it is base64url, nothing to escape). A template that leaves a slot out (an empty
/// album has no grid) simply doesn't get it; one that writes `{{name}}` instead of `{{{name}}}`
/// gets its mark escaped, which no longer matches, and shows nothing there.
struct Slot: Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(_ text: String) { bytes = Array(text.utf8) }

    private static let opening = Array("<!--albumen:".utf8)
    private static let closing = Array("-->".utf8)

    /// Where the slot `name` goes until it is filled: escaped text can never spell it (`<` is
    /// always escaped), so only a template's own `{{{name}}}` places it.
    static func mark(_ name: String) -> String { "<!--albumen:\(name)-->" }

    /// `text` with each mark replaced by its slot's bytes, in one pass.
    static func fill(_ text: [UInt8], _ slots: [String: Slot]) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(text.count + slots.values.reduce(0) { $0 + $1.bytes.count })
        var copied = 0
        var at = 0
        while let start = find(opening, in: text, from: at) {
            let nameStart = start + opening.count
            guard let end = find(closing, in: text, from: nameStart),
                let slot = slots[String(decoding: text[nameStart..<end], as: UTF8.self)]
            else {
                at = nameStart
                continue
            }
            body += text[copied..<start]
            body += slot.bytes
            copied = end + closing.count
            at = copied
        }
        body += text[copied...]
        return body
    }

    /// Where the mark of slot `name` stands in `text`, each time: a kept page's token slots,
    /// found once so each response fills them without looking again.
    static func marks(of name: String, in text: [UInt8]) -> [Int] {
        let mark = Array(mark(name).utf8)
        var found: [Int] = []
        var at = 0
        while let start = find(mark, in: text, from: at) {
            found.append(start)
            at = start + mark.count
        }
        return found
    }

    /// `text` with the mark of slot `name` at each of `marks` (from `marks(of:in:)`) replaced
    /// by `bytes`.
    static func fill(_ text: [UInt8], marks: [Int], of name: String, with bytes: [UInt8]) -> [UInt8] {
        let length = mark(name).utf8.count
        var body: [UInt8] = []
        body.reserveCapacity(text.count + marks.count * (bytes.count - length))
        var copied = 0
        for start in marks {
            body += text[copied..<start]
            body += bytes
            copied = start + length
        }
        body += text[copied...]
        return body
    }

    /// Where `needle` next starts in `haystack` from `offset`. (The generic `firstRange(of:)`
    /// took 7 % of an album page; this compares only where the first byte matches.)
    static func find(_ needle: [UInt8], in haystack: [UInt8], from offset: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { text in
            needle.withUnsafeBufferPointer { needle in
                var at = offset
                while at <= text.count - needle.count {
                    if text[at] == first && memcmp(text.baseAddress! + at, needle.baseAddress!, needle.count) == 0 {
                        return at
                    }
                    at += 1
                }
                return nil
            }
        }
    }
}

/// A slot in a page model encodes as its bytes for any encoder but `TemplateEncoder`, which
/// keeps it aside and puts its mark in its place.
extension Slot: Encodable {
    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(decoding: bytes, as: UTF8.self))
    }
}
