import Foundation

/// Runs a tool (ffprobe, ffmpeg) with a time limit and collects its output. Foundation's
/// `Process` spawns with posix_spawn, never a bare fork of this process.
enum Subprocess {
    struct Result {
        let status: Int32
        let output: Data
        let errors: String
    }

    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw MediaError.unavailable("\(executable) could not start: \(error)")
        }
        let timer = DispatchSource.makeTimerSource()
        timer.schedule(deadline: .now() + timeout)
        timer.setEventHandler { if process.isRunning { process.terminate() } }
        timer.resume()
        // Read both pipes to the end before waiting, so a chatty tool cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: group) { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        timer.cancel()
        if process.terminationReason == .uncaughtSignal {
            throw MediaError.invalid("\((executable as NSString).lastPathComponent) took longer than \(Int(timeout)) s")
        }
        return Result(
            status: process.terminationStatus, output: outputData,
            errors: String(decoding: errorData.prefix(2000), as: UTF8.self))
    }

    /// The first of `candidates` that exists (tools live in /usr/bin on Debian).
    static func locate(_ name: String) -> String {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin"]
        where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
            return directory + "/" + name
        }
        return "/usr/bin/" + name
    }
}
