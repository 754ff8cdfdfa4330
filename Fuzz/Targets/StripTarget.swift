import Media

/// Metadata stripping reads uploads: any bytes either fail cleanly or strip to a file that
/// strips to itself again (nothing left to take out), no larger than the input and a
/// minimal orientation segment. The first byte picks the format.
enum StripTarget {
    static let formats = ["jpg", "png", "webp"]

    static func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let ext = formats[Int(first) % formats.count]
        let input = Array(bytes.dropFirst())
        guard let once = try? MetadataStrip.strip(input, ext: ext) else { return }
        require(once.count <= input.count + 34, "\(ext): \(input.count) bytes grew to \(once.count)")
        let twice = try? MetadataStrip.strip(once, ext: ext)
        require(twice == once, "\(ext): stripping a stripped file changed it")
    }
}
