import Foundation

/// Media made at test time with the vips, ffmpeg and exiftool command-line tools, in a fresh
/// temporary directory per suite.
public final class GeneratedMedia {
    public let directory: String

    public init() throws {
        directory = NSTemporaryDirectory() + "media-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    public func path(_ name: String) -> String { directory + "/" + name }

    @discardableResult
    public func run(_ tool: String, _ arguments: String...) throws -> String { try runTool(tool, arguments) }

    /// A noisy colour image, so JPEG sizes are realistic. Each call's noise is its own (a
    /// random seed), cast to 8 bits before saving: saved as floats, the noise was lost and two
    /// images of one size were the same bytes twice.
    public func image(_ name: String, width: Int, height: Int) throws -> String {
        let raw = path(name + ".v")
        try run("vips", "gaussnoise", raw, "\(width)", "\(height)", "--seed=\(Int32.random(in: 1...Int32.max))")
        let bytes = path(name + "-u8.v")
        try run("vips", "cast", raw, bytes, "uchar")
        let colour = path(name + "-rgb.v")
        try run("vips", "bandjoin_const", bytes, colour, "128 64")
        try run("vips", "copy", colour, path(name))
        return path(name)
    }

    public func ffmpeg(_ name: String, _ arguments: [String]) throws -> String {
        try runTool("ffmpeg", arguments + [path(name)])
        return path(name)
    }

    public func video(_ name: String, seconds: Int = 2, size: String = "320x240", codec: [String] = []) throws -> String
    {
        try ffmpeg(name, ["-f", "lavfi", "-i", "testsrc=duration=\(seconds):size=\(size):rate=25"] + codec)
    }

    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }
}
