import AlbumCore
import ArgumentParser
import Foundation
import Media

/// The in-process reference of the media benchmark: libvips thumbnailing a file, the work an
/// upload cannot avoid. Hidden from help: it is a measuring stick, not a feature.
struct BenchThumbnail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-thumbnail", abstract: "Time libvips thumbnailing FILE in process (p50 ms).",
        shouldDisplay: false)
    @Argument var file: String
    @Option var runs = 15

    func run() throws {
        let output = NSTemporaryDirectory() + "bench-thumb-\(UUID().uuidString).jpg"
        defer { unlink(output) }
        _ = try ImageDerivatives.jpeg(from: file, box: MediaSettings().thumbBox, to: output)  // warm-up
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try ImageDerivatives.jpeg(from: file, box: MediaSettings().thumbBox, to: output)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print(String(format: "%.1f", times.sorted()[times.count / 2]))
    }
}
