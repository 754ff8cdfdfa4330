import Foundation

extension VideoProbe {
    /// The video and audio of `path` copied, not re-encoded, into `output` (a `.mp4`, `.mov`
    /// or `.webm` as the original was) without metadata: no location, no camera make, model or
    /// serial, no creation time, no chapters, and no data streams (action cameras keep their
    /// GPS track in one). What a share or a link serves as a video's original.
    public static func withoutMetadata(_ path: String, to output: String, format: String, timeout: TimeInterval = 300)
        throws
    {
        let muxer = ["mp4": "mp4", "mov": "mov", "webm": "webm"][format]
        guard let muxer else { throw MediaError.invalid("no metadata stripping for .\(format)") }
        var arguments = [
            "-v", "error", "-nostdin", "-y", "-i", path, "-map", "0:v", "-map", "0:a?", "-c", "copy",
            "-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
            "-flags:a", "+bitexact",
        ]
        if muxer != "webm" { arguments += ["-movflags", "+faststart"] }
        let result = try Subprocess.run(ffmpeg, arguments + ["-f", muxer, output], timeout: timeout)
        guard result.status == 0 else { throw MediaError.invalid("ffmpeg: " + result.errors) }
    }
}
