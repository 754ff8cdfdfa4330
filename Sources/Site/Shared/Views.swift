import Foundation
import HTTP
import Mustache

/// The templates of `Templates/`, read once at startup (not SwiftPM resources: a deployment can
/// point `ALBUMEN_TEMPLATES` at its own copy).
public struct Views: Sendable {
    private let library: MustacheLibrary

    /// Security headers for every HTML page: no inline script, nothing from elsewhere. (nginx
    /// adds nosniff, Referrer-Policy and X-Frame-Options to every response.)
    static let pageHeaders: [(String, String)] = [
        ("Content-Type", "text/html; charset=utf-8"),
        (
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; script-src 'self'; "
                + "style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        ),
        ("Cache-Control", "no-store"),
    ]

    /// Loads every `*.mustache` below `directory`, named by relative path without extension
    /// (`pages/login`, `layout`).
    public init(directory: String) throws {
        var library = MustacheLibrary()
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw ViewError("no templates at \(root)")
        }
        var count = 0
        for case let relative as String in walker where relative.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
            do {
                try library.register(text, named: String(relative.dropLast(".mustache".count)))
            } catch {
                throw ViewError("template \(relative): \(error)")
            }
            count += 1
        }
        guard count > 0 else { throw ViewError("no templates at \(root)") }
        self.library = library
    }

    /// Renders a template to a string.
    public func render(_ name: String, _ model: [String: Any]) throws -> String {
        guard let text = library.render(model, withTemplate: name) else { throw ViewError("no template \(name)") }
        return text
    }

    /// Renders a full HTML page with the security headers.
    public func page(_ name: String, _ model: [String: Any], status: Status = .ok) throws -> Response {
        Response(status: status, headers: Headers(Self.pageHeaders), body: Array(try render(name, model).utf8))
    }

    /// Marks where `page(_:_:filling:with:)` puts its bytes. Escaped text can never spell it
    /// (`<` is always escaped), so only the template's own `{{{slot}}}` places it.
    private static let mark = Array("<!--albumen:slot-->".utf8)

    /// Renders a page whose `{{{slot}}}` is filled afterwards with ready HTML `bytes` (the tiles
    /// of a grid): they skip Mustache's string building and a UTF-8 check, ~90 KB for an album
    /// page. A template that leaves the slot out (an empty album) simply doesn't get them.
    func page(_ name: String, _ model: [String: Any], filling slot: String, with bytes: [UInt8]) throws -> Response {
        var model = model
        model[slot] = String(decoding: Self.mark, as: UTF8.self)
        let text = Array(try render(name, model).utf8)
        guard let start = Self.find(Self.mark, in: text) else {
            return Response(headers: Headers(Self.pageHeaders), body: text)
        }
        var body: [UInt8] = []
        body.reserveCapacity(text.count + bytes.count)
        body += text[..<start]
        body += bytes
        body += text[(start + Self.mark.count)...]
        return Response(headers: Headers(Self.pageHeaders), body: body)
    }
}

extension Views {
    /// Where `needle` starts in `haystack`. (The generic `firstRange(of:)` took 7 % of an album
    /// page; this compares only where the first byte matches.)
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { text in
            needle.withUnsafeBufferPointer { needle in
                var at = 0
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

public struct ViewError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
