import AlbumCore
import HTTP

/// Media bytes: the app checks the signed URL or the permanent link, nginx sends the file
/// (X-Accel-Redirect to its internal `/_media/` location), so Range, sendfile and caching are
/// nginx's.
enum MediaRoutes {
    static let table = RouteTable(
        name: "media", envelope: .plain, prefixes: ["/media/", "/i/"],
        endpoints: [
            Endpoint("GET", "/media/:file", .signedURL, serve),
            Endpoint("GET", "/i/:secret/:file", .pathSecret, serveLink),
        ])

    static func serve(_ context: Context) throws -> Response {
        let name = context.parameters["file"] ?? ""
        // `<64 hex>.<suffix>`: the name is checked, never used as given. Bytes, not Characters:
        // grapheme segmentation of the name was a measurable share of a media fetch.
        let bytes = name.utf8
        guard bytes.count > 65, bytes[bytes.index(bytes.startIndex, offsetBy: 64)] == UInt8(ascii: "."),
            bytes.prefix(64).allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }),
            let variant = Variant(suffix: String(decoding: bytes.dropFirst(65), as: UTF8.self))
        else { throw notFound }
        let sha256 = String(decoding: bytes.prefix(64), as: UTF8.self)
        guard
            let file = try context.services.library.derivative(
                sha256: sha256, variant: variant, optimistic: !missedInStore(context))
        else {
            throw notFound
        }
        // `private`: no shared caches. Content-addressed: the bytes behind a name never change.
        return accel(sha256: sha256, file: file, cache: "private, max-age=86400, immutable", context)
    }

    /// `/i/{link secret}/{name}.{variant}`: the permanent link of `link` and `public` media
    /// (Chevereto's direct URLs). The name part is for people; only the secret and the variant
    /// count. Private, expired and deleted items answer 404 alike.
    static func serveLink(_ context: Context) throws -> Response {
        let secret = context.parameters["secret"] ?? ""
        let file = context.parameters["file"] ?? ""
        guard let dot = file.firstIndex(of: "."),
            let variant = Variant(suffix: String(file[file.index(after: dot)...])),
            let entry = try context.services.library.media(linkSecret: secret)
        else { throw notFound }
        if case .original(let ext) = variant, ext != entry.ext { throw notFound }
        guard
            let found = try context.services.library.derivative(
                sha256: entry.sha256, variant: variant, optimistic: !missedInStore(context))
        else {
            throw notFound
        }
        // Not `immutable`: the owner may delete the item or make it private.
        return accel(sha256: entry.sha256, file: found, cache: "public, max-age=3600", context)
    }

    private static let notFound = HTTPError(.notFound, "No such file.")

    /// True when nginx comes back because object storage answered 404 for the file this route
    /// named (its `@albumen_missed` location sets the header; the others blank a client's own).
    /// The route then asks the store, and makes a lazy derivative.
    private static func missedInStore(_ context: Context) -> Bool {
        context.request.headers["X-Albumen-Missed"] == "1"
    }

    private static func accel(
        sha256: String, file: (suffix: String, mime: String), cache: String, _ context: Context
    ) -> Response {
        var response = Response(status: .ok)
        response.headers.add(
            "X-Accel-Redirect",
            context.services.library.blobs.accelTarget(BlobPath.relative(sha256: sha256, suffix: file.suffix)))
        response.headers.add("Content-Type", file.mime)
        response.headers.add("X-Content-Type-Options", "nosniff")
        response.headers.add("Cache-Control", cache)
        if context.query["download"] != nil {
            let filename = "albumen-\(sha256.prefix(12)).\(file.suffix)"
            response.headers.add("Content-Disposition", "attachment; filename=\"\(filename)\"")
        }
        return response
    }
}
