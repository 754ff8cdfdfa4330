import Foundation

/// What ffprobe says of a video.
public struct VideoInfo: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Seconds.
    public var duration: Double
    public var codec: String
    public var takenAt: Date?
}

public enum VideoProbe {
    static let ffprobe = Subprocess.locate("ffprobe")
    static let ffmpeg = Subprocess.locate("ffmpeg")

    /// Runs ffprobe (JSON, with a timeout); refuses files without a video stream.
    public static func probe(_ path: String, timeout: TimeInterval = 20) throws -> VideoInfo {
        let result = try Subprocess.run(
            ffprobe, ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "--", path],
            timeout: timeout)
        guard result.status == 0 else { throw MediaError.invalid("ffprobe: " + result.errors) }
        return try info(fromReport: result.output)
    }

    /// ffprobe's JSON report → `VideoInfo`. Its tags come from the uploaded file, so this reads
    /// hostile text (and is fuzzed).
    static func info(fromReport output: Data) throws -> VideoInfo {
        let report = try JSONDecoder().decode(Report.self, from: output)
        guard let video = report.streams.first(where: { $0.codec_type == "video" }), let width = video.width,
            let height = video.height, width > 0, height > 0
        else { throw MediaError.noVideoStream }
        let duration = Double(report.format?.duration ?? video.duration ?? "") ?? 0
        // Rotated phone videos: width and height as shown.
        let rotation = abs(Int(video.tags?["rotate"] ?? "") ?? 0)
        let rotated = rotation == 90 || rotation == 270
        return VideoInfo(
            width: rotated ? height : width, height: rotated ? width : height, duration: duration,
            codec: video.codec_name ?? "unknown",
            takenAt: (report.format?.tags?["creation_time"]).flatMap { ISO8601DateFormatter.lenient($0) })
    }

    /// A JPEG frame from `at` seconds in (or the first frame of a shorter video), written to
    /// `output`. ffmpeg writes no metadata into it.
    public static func poster(_ path: String, at seconds: Double, to output: String, timeout: TimeInterval = 30) throws
    {
        for offset in [seconds, 0] {
            let result = try Subprocess.run(
                ffmpeg,
                [
                    "-v", "error", "-nostdin", "-y", "-ss", String(format: "%.2f", offset), "-i", path, "-frames:v",
                    "1",
                    "-map_metadata", "-1", "-f", "image2", "-c:v", "mjpeg", "-q:v", "3", output,
                ], timeout: timeout)
            if result.status == 0, (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0 > 0 {
                return
            }
        }
        throw MediaError.invalid("ffmpeg could not take a frame")
    }

    private struct Report: Decodable {
        struct Stream: Decodable {
            let codec_type: String?
            let codec_name: String?
            let width: Int?
            let height: Int?
            let duration: String?
            let tags: [String: String]?
        }
        struct Format: Decodable {
            let duration: String?
            let tags: [String: String]?
        }
        let streams: [Stream]
        let format: Format?
    }
}

extension ISO8601DateFormatter {
    /// ffprobe's `2024-05-01T10:00:00.000000Z`.
    static func lenient(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
