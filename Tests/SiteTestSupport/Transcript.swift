import Foundation
import HTTP

/// Request/response transcripts a reviewer can read (pointfreeco's `*.Conn.txt`, DESIGN §6.7):
/// each exchange written as `>` request and `<` response lines, with what changes from run to
/// run masked — UUIDs numbered in order of appearance (so the same id reads the same twice),
/// dates, signatures, digests, cookie secrets. `expect(file:)` compares with the file under
/// `Tests/SiteTests/Transcripts/`; a missing or different file throws (fails the test). Run the tests
/// with `ALBUMEN_RECORD_TRANSCRIPTS=1` to write the files, then read the diff before committing.
public final class Transcript {
    private var text = ""
    private var uuids: [String: String] = [:]

    public init() {}

    /// Sends through `site` and writes the exchange down; answers the response.
    @discardableResult
    public func send(
        _ site: TestSite, _ method: String, _ target: String, headers: [(String, String)] = [], body: String? = nil,
        cookies: [String: String] = [:], note: String? = nil
    ) -> Response {
        let response = site.send(method, target, headers: headers, body: body, cookies: cookies)
        if let note { text += "# \(note)\n" }
        text += "> \(method) \(target)\n"
        for (name, value) in headers { text += "> \(name): \(value)\n" }
        if !cookies.isEmpty {
            text +=
                "> Cookie: "
                + cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                + "\n"
        }
        if let body, !body.isEmpty {
            text += ">\n" + body.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)\n" }.joined()
        }
        text += "\n< \(response.status.code) \(response.status.reason)\n"
        for field in response.headers.fields.sorted(by: { $0.name.lowercased() < $1.name.lowercased() }) {
            text += "< \(field.name): \(field.value)\n"
        }
        let answer = response.bodyText
        if !answer.isEmpty {
            text += "<\n" + answer.split(separator: "\n", omittingEmptySubsequences: false).map { "< \($0)\n" }.joined()
        }
        text += "\n"
        return response
    }

    /// The transcript so far, masked.
    public var masked: String {
        var result = text
        for (pattern, replacement) in Self.masks {
            result = result.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        // UUIDs numbered by first appearance.
        let uuid = try! NSRegularExpression(pattern: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        var numbered = ""
        var last = result.startIndex
        for match in uuid.matches(in: result, range: NSRange(result.startIndex..., in: result)) {
            guard let range = Range(match.range, in: result) else { continue }
            let found = String(result[range])
            let name = uuids[found] ?? "<uuid-\(uuids.count + 1)>"
            uuids[found] = name
            numbered += result[last..<range.lowerBound] + name
            last = range.upperBound
        }
        return numbered + result[last...]
    }

    /// What changes from run to run, in the order applied.
    static let masks: [(String, String)] = [
        (#"Expires=[0-9]+&(amp;)?Signature=[A-Za-z0-9_-]+"#, "Expires=<expires>&Signature=<signature>"),
        (#"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z?"#, "<date>"),
        (#"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b"#, "<day>"),
        (#"\b[0-9a-f]{64}\b"#, "<sha256>"),
        (#"(albumen_[a-z]+)=[A-Za-z0-9._-]{20,}"#, "$1=<secret>"),
        (#"alb_k_[A-Za-z0-9_-]{43}"#, "<api-key>"),
        (#"alb_t_[A-Za-z0-9_-]{43}"#, "<token>"),
        (#"/i/[A-Za-z0-9_-]{16}/"#, "/i/<link>/"),
        (#"/s/[A-Za-z0-9_-]{32}"#, "/s/<link>"),
        (#"(name="_csrf" value=")[^"]+"#, "$1<csrf>"),
        (#"_csrf=[A-Za-z0-9%_-]+"#, "_csrf=<csrf>"),
        (#"("(?:next)?[eE]xpires[aA]t":)[0-9]{12,}"#, "$1<unix-ms>"),
        // Generated files sent as base64 differ from run to run (and are unreadable anyway).
        (#"[A-Za-z0-9+/]{120,}={0,2}"#, "<base64>"),
        // Generated images' sizes vary by a few bytes (seed 001's `FileSize`).
        (#"("FileSize":|<FileSize>)[0-9]+"#, "$1<bytes>"),
    ]

    /// Compares with `Tests/SiteTests/Transcripts/<name>.txt`, or writes it when recording;
    /// throws `TestFailure` with both texts when they differ or the file is missing.
    public func expect(file name: String) throws {
        let path = TestSite.repository + "/Tests/SiteTests/Transcripts/" + name + ".txt"
        let actual = masked
        if ProcessInfo.processInfo.environment["ALBUMEN_RECORD_TRANSCRIPTS"] == "1" {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw TestFailure("no transcript \(name).txt (record with ALBUMEN_RECORD_TRANSCRIPTS=1):\n\(actual)")
        }
        guard actual == expected else {
            throw TestFailure("transcript \(name).txt differs; now:\n\(actual)\nrecorded:\n\(expected)")
        }
    }
}
