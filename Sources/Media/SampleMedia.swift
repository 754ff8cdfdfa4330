import Foundation

/// Real photos and a video made by ffmpeg's test sources, for `albumen bench seed`: the rows a
/// benchmark seeds share these few files, so every thumbnail and poster the pages sign exists.
public enum SampleMedia {
    /// Writes five 1600×1200 JPEGs (different pictures, so different blobs) and a two-second
    /// H.264 video into `folder`; returns their paths, the video last.
    public static func write(into folder: String) throws -> [String] {
        let ffmpeg = Subprocess.locate("ffmpeg")
        let pictures = ["testsrc2", "mandelbrot", "smptehdbars", "rgbtestsrc", "cellauto=rule=110"]
        var paths: [String] = []
        for (index, source) in pictures.enumerated() {
            let path = folder + "/sample-\(index + 1).jpg"
            try run(
                ffmpeg,
                ["-f", "lavfi", "-i", source + (source.contains("=") ? ":" : "=") + "size=1600x1200"]
                    + ["-frames:v", "1", "-q:v", "3", path])
            paths.append(path)
        }
        let video = folder + "/sample-video.mp4"
        try run(
            ffmpeg,
            ["-f", "lavfi", "-i", "testsrc2=duration=2:size=640x480:rate=25", "-c:v", "libx264", "-pix_fmt", "yuv420p"]
                + [video])
        return paths + [video]
    }

    private static func run(_ ffmpeg: String, _ arguments: [String]) throws {
        let result = try Subprocess.run(ffmpeg, ["-v", "error", "-nostdin", "-y"] + arguments, timeout: 120)
        guard result.status == 0 else {
            throw MediaError.unavailable("ffmpeg could not make a sample: \(result.errors)")
        }
    }
}
