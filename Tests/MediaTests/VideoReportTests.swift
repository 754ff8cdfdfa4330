import Foundation
import Testing

@testable import Media

/// ffprobe's report of an uploaded video: its tags are the file's own text.
@Suite struct VideoReportTests {
    func report(creationTime: String, rotate: String = "0") -> Data {
        Data(
            """
            {"streams":[{"codec_type":"video","codec_name":"h264","width":640,"height":360,"tags":{"rotate":"\(rotate)"}}],
             "format":{"duration":"2.002","tags":{"creation_time":"\(creationTime)"}}}
            """.utf8)
    }

    @Test func creationTimesAreReadExactly() throws {
        let info = try VideoProbe.info(fromReport: report(creationTime: "2024-05-01T10:00:00.250000Z"))
        #expect(info.takenAt == Date(timeIntervalSince1970: 1_714_557_600.25))
        #expect(VideoProbe.creationTime("2024-05-01T10:00:00Z") == Date(timeIntervalSince1970: 1_714_557_600))
        #expect(VideoProbe.creationTime("1969-12-31 23:59:59") == Date(timeIntervalSince1970: -1))
        #expect(VideoProbe.creationTime("2000-02-29T00:00:00.000000Z") == Date(timeIntervalSince1970: 951_782_400))
        for bad in ["", "2024-13-01T10:00:00Z", "2024-05-01T10:00:00.Z", "2024-05-01T10:00:00+02:00", "yesterday"] {
            #expect(VideoProbe.creationTime(bad) == nil, "\(bad)")
        }
    }

    /// Found by `deploy/fuzz.sh json`: a fraction of 60 digits made ICU (behind
    /// ISO8601DateFormatter) die of SIGFPE, taking the server with it.
    @Test func aHostileCreationTimeIsIgnoredNotFatal() throws {
        let long = "2024-05-01T10:00:00." + String(repeating: "0", count: 60) + "Z"
        let info = try VideoProbe.info(fromReport: report(creationTime: long))
        #expect(info.takenAt == nil && info.width == 640)
    }

    @Test func anyRotateTagIsSafeAndQuarterTurnsSwapTheSides() throws {
        #expect(try VideoProbe.info(fromReport: report(creationTime: "", rotate: "-9223372036854775808")).width == 640)
        #expect(try VideoProbe.info(fromReport: report(creationTime: "", rotate: "90")).width == 360)
        #expect(try VideoProbe.info(fromReport: report(creationTime: "", rotate: "-90")).width == 360)
        #expect(try VideoProbe.info(fromReport: report(creationTime: "", rotate: "450")).width == 360)
    }
}
