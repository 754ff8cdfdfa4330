import AlbumCore
import Foundation
import HTTP
import Mustache

/// The templates of `Templates/`, read once at startup (not SwiftPM resources: a deployment can
/// point `ALBUMEN_TEMPLATES` at its own copy).
public struct Views: Sendable {
    private let library: MustacheLibrary
    /// Appended to the pages' links to `/static/` files (`?v=`), so a browser holding a year's
    /// cached copy still fetches the new one after an upgrade.
    public let assetVersion: String
    private let rendered = RenderMemo()

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

    /// No templates: for the command line, which renders no page.
    public init() {
        library = MustacheLibrary()
        assetVersion = "0"
    }

    /// Loads every `*.mustache` below `directory`, named by relative path without extension
    /// (`pages/login`, `layout`).
    public init(directory: String, assetVersion: String = "0") throws {
        self.assetVersion = assetVersion
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

    /// Renders a full HTML page with the security headers: `content`'s fields beside the
    /// layout's. `Slot`s in the model are filled in after rendering (see `Slot`).
    func page(_ name: String, _ layout: Layout, _ content: some Encodable, status: Status = .ok) throws -> Response {
        let model = PageModel(layout: layout, content: content)
        let (key, slots) = try ModelKey.encode(model)
        // The plain-value tree Mustache needs is built only when the page is not kept.
        let text = try rendered.page(name, key: key) {
            Array(try render(name, try TemplateEncoder.encode(model).values).utf8)
        }
        return Response(
            status: status, headers: Headers(Self.pageHeaders), body: slots.isEmpty ? text : Slot.fill(text, slots))
    }
}

extension Views {
    /// A short digest of every file below `directory` (names and bytes): it changes whenever a
    /// stylesheet or script does. "0" when there is no such folder.
    public static func assetVersion(of directory: String) -> String {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return "0" }
        var digests: [String] = []
        for case let relative as String in walker {
            guard let digest = try? FileDigest.of(directory + "/" + relative) else { continue }  // folders
            digests.append(relative + " " + digest.sha256)
        }
        guard !digests.isEmpty else { return "0" }
        return String(Secrets.hash(digests.sorted().joined(separator: "\n")).prefix(10))
    }
}

public struct ViewError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
