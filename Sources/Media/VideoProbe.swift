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
        // Rotated phone videos: width and height as shown. (No `abs`: the tag is the file's
        // text, and abs(Int.min) traps.)
        let rotation = (Int(video.tags?["rotate"] ?? "") ?? 0) % 360
        let rotated = rotation == 90 || rotation == 270 || rotation == -90 || rotation == -270
        return VideoInfo(
            width: rotated ? height : width, height: rotated ? width : height, duration: duration,
            codec: video.codec_name ?? "unknown",
            takenAt: (report.format?.tags?["creation_time"]).flatMap(creationTime))
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

extension VideoProbe {
    /// ffprobe's `creation_time`, `2024-05-01T10:00:00.000000Z` (UTC; the fraction and the `Z`
    /// optional), read by hand: the text comes from the uploaded file, and ICU's parser behind
    /// `ISO8601DateFormatter` dies of a division fault on a fraction of 60 digits (found by
    /// `deploy/fuzz.sh json`), taking the whole server with it.
    static func creationTime(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard (19...32).contains(bytes.count) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (48...57).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var rest = bytes[19...]
        var fraction = 0.0
        if rest.first == UInt8(ascii: ".") {
            let digits = rest.dropFirst().prefix { (48...57).contains($0) }
            guard (1...9).contains(digits.count) else { return nil }
            fraction = Double(String(decoding: digits, as: UTF8.self)).map { $0 / pow(10, Double(digits.count)) } ?? 0
            rest = rest.dropFirst(1 + digits.count)
        }
        guard rest.isEmpty || Array(rest) == [UInt8(ascii: "Z")] else { return nil }
        // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
