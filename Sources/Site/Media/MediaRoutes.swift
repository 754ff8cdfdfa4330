import AlbumCore
import HTTP

/// Media bytes: the app checks the signed URL, nginx sends the file (X-Accel-Redirect to its
/// internal `/_media/` location), so Range, sendfile and caching are nginx's.
enum MediaRoutes {
    static let table = RouteTable(
        name: "media", envelope: .plain, prefixes: ["/media/"],
        endpoints: [Endpoint("GET", "/media/:file", .signedURL, serve)])

    static func serve(_ context: Context) throws -> Response {
        let name = context.parameters["file"] ?? ""
        // `<64 hex>.<suffix>`: the name is checked, never used as given. Bytes, not Characters:
        // grapheme segmentation of the name was a measurable share of a media fetch.
        let bytes = name.utf8
        guard bytes.count > 65, bytes[bytes.index(bytes.startIndex, offsetBy: 64)] == UInt8(ascii: "."),
            bytes.prefix(64).allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }),
            let variant = Variant(suffix: String(decoding: bytes.dropFirst(65), as: UTF8.self))
        else { throw HTTPError(.notFound, "No such file.") }
        let sha256 = String(decoding: bytes.prefix(64), as: UTF8.self)
        guard let file = try context.site.library.derivative(sha256: sha256, variant: variant) else {
            throw HTTPError(.notFound, "No such file.")
        }

        var response = Response(status: .ok)
        response.headers.add(
            "X-Accel-Redirect", "/_media/" + BlobStore.relativePath(sha256: sha256, suffix: file.suffix))
        response.headers.add("Content-Type", file.mime)
        response.headers.add("X-Content-Type-Options", "nosniff")
        // Content-addressed: the bytes behind a name never change. `private`: no shared caches.
        response.headers.add("Cache-Control", "private, max-age=86400, immutable")
        if context.query["download"] != nil {
            let filename = "albumen-\(sha256.prefix(12)).\(file.suffix)"
            response.headers.add("Content-Disposition", "attachment; filename=\"\(filename)\"")
        }
        return response
    }
}
