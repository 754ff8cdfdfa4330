import AlbumCore
import Foundation
import HTTP
import Logging
import Site
@_exported import TestSupport

/// A real Site over a real SQLite file in a fresh temporary directory, with the real templates:
/// the production pipeline, called in process.
public final class TestSite: @unchecked Sendable {
    public let directory: String
    public let services: Services
    public let site: Site

    public init(debugRoutes: Bool = false, configure: (inout Site.Configuration) -> Void = { _ in }) throws {
        directory = NSTemporaryDirectory() + "albumen-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = Site.Configuration(
            baseURL: "http://albumen.test", secret: "test-secret", debugRoutes: debugRoutes)
        configure(&configuration)
        var settings = Services.Settings(
            databasePath: directory + "/albumen.sqlite", blobDirectory: directory + "/blobs", site: configuration)
        settings.templates = Self.repository + "/Templates"
        settings.logger = Logger(label: "test")
        services = try Services.build(settings)
        site = try Site(services: services)
    }

    public var database: AppDatabase { services.database }
    public var accounts: Accounts { services.accounts }
    public var library: Library { services.library }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// The repository root, found from this file's path.
    public static let repository: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Sends a request through `Site.respond`.
    public func send(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: String? = nil,
        cookies: [String: String] = [:]
    ) -> Response {
        send(method, target, headers: headers, bytes: body.map { Array($0.utf8) } ?? [], cookies: cookies)
    }

    /// Sends a request with a binary body.
    public func send(
        _ method: String, _ target: String, headers: [(String, String)] = [], bytes: [UInt8],
        cookies: [String: String] = [:]
    ) -> Response {
        var all = Headers(headers)
        all.add("Host", "albumen.test")
        if !cookies.isEmpty {
            all.add(
                "Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let request = Request(
            method: method, target: target, headers: all, body: bytes.isEmpty ? .empty : .bytes(bytes),
            scratch: ScratchSpace(directory: directory + "/tmp"))
        var response = site.respond(request)
        // A streamed body (a ZIP) is collected, as the client would receive it.
        if let stream = response.stream {
            var body: [UInt8] = []
            try? stream { body += $0 }
            (response.body, response.stream) = (body, nil)
        }
        return response
    }

    /// Posts an urlencoded form.
    public func postForm(_ target: String, _ fields: [(String, String)], cookies: [String: String] = [:]) -> Response {
        send(
            "POST", target, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Parameters(fields).urlEncoded, cookies: cookies)
    }

    /// Posts a multipart form: text fields, then files as (field, filename, path).
    public func postMultipart(
        _ target: String, fields: [(String, String)] = [], files: [(String, String, String)] = [],
        headers: [(String, String)] = [], cookies: [String: String] = [:]
    ) throws -> Response {
        let boundary = "albumen-test-" + UUID().uuidString
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, path) in files {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
                    .utf8)
            body += Array("Content-Type: application/octet-stream\r\n\r\n".utf8)
            guard let data = FileManager.default.contents(atPath: path) else { throw TestFailure("no file \(path)") }
            body += [UInt8](data) + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return send(
            "POST", target, headers: headers + [("Content-Type", "multipart/form-data; boundary=\(boundary)")],
            bytes: body, cookies: cookies)
    }

    /// Signs `username` in through the login form; answers the cookies a browser would hold.
    public func signIn(_ username: String, _ password: String) throws -> [String: String] {
        let form = send("GET", "/login")
        let token = try Self.cookie(form, "albumen_form")
        let response = postForm(
            "/login", [("_csrf", token), ("username", username), ("password", password)],
            cookies: ["albumen_form": token])
        return ["albumen_form": token, "albumen_session": try Self.cookie(response, "albumen_session")]
    }

    /// The value a response sets for cookie `name`.
    public static func cookie(_ response: Response, _ name: String) throws -> String {
        for header in response.headers.values("Set-Cookie") where header.hasPrefix(name + "=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        throw TestFailure("no cookie \(name) in \(response.headers.values("Set-Cookie"))")
    }

    /// The CSRF token a signed-in page embeds in its forms.
    public static func csrfToken(in page: Response) throws -> String {
        let html = page.bodyText
        guard let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else {
            throw TestFailure("no CSRF field in page")
        }
        return String(html[range].split(separator: "\"")[3])
    }
}

/// A readable transcript of a response, for failure messages.
extension Response {
    public var transcript: String {
        "\(status)\n" + headers.fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n\n" + bodyText
    }
}
