import AlbumCore
import ArgumentParser
import Foundation
import Media

/// Measuring sticks for `deploy/bench/`: a library of any size, and libvips' own time.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Tools for the benchmarks in deploy/bench.",
        subcommands: [Seed.self, Thumbnail.self])

    struct Seed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill a fresh library with users bench-1 … bench-N, their albums and items, quickly.",
            discussion: """
                A few real photos and a video are imported; every other item shares their files, so \
                thumbnails and posters exist and reference counts stay true. Every tenth album of each user is \
                shared with the next user.
                """)
        @Option(help: "How many users (bench-1 …).") var users = 1
        @Option(help: "How many albums, spread over the users.") var albums = 10
        @Option(help: "How many items in all; nine in ten go into the albums.") var media = 1000
        @Option(help: "Every seeded user's password.") var password = "bench-password"

        func run() throws {
            let environment = try Environment()
            let started = Date()
            var shown = Date.distantPast
            let summary = try environment.library.seed(
                .init(users: users, albums: albums, media: media, password: password)
            ) { done, total in
                guard Date().timeIntervalSince(shown) > 1 || done == total else { return }
                shown = Date()
                print("\(done) of \(total) items")
            }
            let seconds = Date().timeIntervalSince(started)
            print(
                "Seeded \(summary.usernames.count) users (bench-1 … bench-\(summary.usernames.count), password "
                    + "\(password)), \(summary.albums) albums, \(summary.media) items sharing \(summary.blobs) files, "
                    + "\(summary.shares) shares in \(String(format: "%.1f", seconds)) s.")
        }
    }

    /// The in-process reference of the media benchmark: libvips thumbnailing a file, the work
    /// an upload cannot avoid.
    struct Thumbnail: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time libvips thumbnailing FILE in process (prints the p50 in ms).")
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
}
