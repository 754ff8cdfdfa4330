import AlbumCore

/// Short codes in viewer and album links: decoding any text gives nothing or a positive id
/// whose code decodes to it again; every id's code decodes to that id.
enum ShortCodeTarget {
    static let codes = ShortCode(secret: "fuzz-secret", purpose: "media")

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let id = codes.decode(text) {
            require(id > 0, "\(text) decodes to \(id)")
            require(codes.decode(codes.encode(id)) == id, "the code of \(id) does not decode to it")
        }
        if bytes.count >= 8 {
            let id = bytes.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) } & Int64.max
            if id > 0 { require(codes.decode(codes.encode(id)) == id, "the code of \(id) does not decode to it") }
        }
    }
}
