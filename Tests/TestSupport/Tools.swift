import Foundation

/// Runs a command-line tool from /usr/bin (vips, ffmpeg, exiftool) for tests that make their
/// media at test time; throws with the tool's output when it fails.
@discardableResult
public func runTool(_ name: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/" + name)
    process.arguments = name == "ffmpeg" ? ["-v", "error", "-nostdin", "-y"] + arguments : arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw TestFailure("\(name) \(arguments): \(output)") }
    return output
}

/// A failed step of a test's setup, with what went wrong.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
