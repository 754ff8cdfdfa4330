import Crypto
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Where an S3-compatible service is and how to sign for it (`ALBUMEN_S3_*`). Path-style
/// addressing: `<endpoint>/<bucket>/<key>`, which SeaweedFS, Ceph and MinIO all answer.
public struct S3Settings: Sendable, Equatable {
    public var endpoint: String
    public var bucket: String
    public var accessKey: String
    public var secretKey: String
    public var region: String

    public init(endpoint: String, bucket: String, accessKey: String, secretKey: String, region: String = "us-east-1") {
        var endpoint = endpoint
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        self.endpoint = endpoint
        self.bucket = bucket
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.region = region
    }
}

/// The few S3 requests a blob store makes, signed with SigV4, sent through the toolchain's
/// URLSession (libcurl underneath) and waited for: callers are worker threads, not tasks.
public final class S3Client: Sendable {
    public let settings: S3Settings
    let signer: SigV4
    /// `host[:port]` as the `Host` header carries it (signed; nginx's proxy sends the same).
    public let host: String
    private let session: URLSession

    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
    }

    public enum Body: Sendable {
        case none
        case data(Data)
        /// A file's bytes, streamed by URLSession from disk.
        case file(String, sha256: String)
    }

    public init(_ settings: S3Settings) throws {
        guard let url = URL(string: settings.endpoint), let scheme = url.scheme, scheme == "http" || scheme == "https",
            let hostName = url.host, url.path.isEmpty || url.path == "/"
        else {
            throw LibraryError.storage("ALBUMEN_S3_ENDPOINT must be a URL such as http://127.0.0.1:8333")
        }
        guard !settings.bucket.isEmpty, !settings.accessKey.isEmpty, !settings.secretKey.isEmpty else {
            throw LibraryError.storage(
                "ALBUMEN_S3_BUCKET, ALBUMEN_S3_ACCESS_KEY and ALBUMEN_S3_SECRET_KEY must all be set for s3 storage")
        }
        self.settings = settings
        host = url.port.map { "\(hostName):\($0)" } ?? hostName
        signer = SigV4(accessKey: settings.accessKey, secretKey: settings.secretKey, region: settings.region)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 120
        configuration.httpMaximumConnectionsPerHost = 16
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// `/<bucket>/<key>` with each key segment encoded as S3 wants it.
    public func path(_ key: String?) -> String {
        "/" + settings.bucket + (key.map { "/" + SigV4.encode($0, keepSlash: true) } ?? "")
    }

    /// The query of a URL for GET of `key` that anyone holding it may use for about five
    /// minutes (what nginx's internal location fetches with, at once). Dated to the minute, so
    /// the parts all such URLs share are made once a minute (`window`).
    public func presignedQuery(key: String, now: Date = Date()) -> String {
        signer.presignedQuery(method: "GET", host: host, path: path(key), window.presigning(signer, now: now))
    }

    private let window = PresignWindow()

    private final class PresignWindow: @unchecked Sendable {
        private let lock = NSLock()
        private var minute = -1
        private var current: SigV4.Presigning?

        func presigning(_ signer: SigV4, now: Date) -> SigV4.Presigning {
            let minute = Int(now.timeIntervalSince1970) / 60
            lock.lock()
            defer { lock.unlock() }
            if minute != self.minute || current == nil {
                // Dated at the minute's start: 360 s from then is at least 300 s from now.
                self.minute = minute
                current = SigV4.Presigning(signer, expires: 360, date: Date(timeIntervalSince1970: Double(minute * 60)))
            }
            return current!
        }
    }

    /// Sends one signed request; with `download`, a successful body goes to that file instead.
    @discardableResult
    public func send(
        _ method: String, key: String?, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: Body = .none, download: String? = nil
    ) throws -> Reply {
        let payloadHash: String
        switch body {
        case .none: payloadHash = SigV4.emptyPayload
        case .data(let data): payloadHash = Secrets.hex(SHA256.hash(data: data))
        case .file(_, let sha256): payloadHash = sha256
        }
        let now = Date()
        let stamp = SigV4.stamps(now).stamp
        let signed = [("host", host), ("x-amz-content-sha256", payloadHash), ("x-amz-date", stamp)] + headers
        let resource = path(key)
        let queryText = SigV4.canonicalQuery(query)
        guard let url = URL(string: settings.endpoint + resource + (queryText.isEmpty ? "" : "?" + queryText)) else {
            throw LibraryError.storage("cannot name \(resource) on the S3 endpoint")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in signed where name != "host" { request.setValue(value, forHTTPHeaderField: name) }
        request.setValue(
            signer.authorization(
                method: method, path: resource, query: query, headers: signed, payloadHash: payloadHash, date: now),
            forHTTPHeaderField: "Authorization")
        let waiter = Waiter()
        let task: URLSessionTask
        switch body {
        case .none where download != nil:
            task = session.downloadTask(with: request) { location, response, error in
                // The file at `location` is gone once this returns: move it now.
                var moved: Error? = error
                if let location, let download, (response as? HTTPURLResponse)?.statusCode == 200 {
                    do {
                        unlink(download)
                        try FileManager.default.moveItem(at: location, to: URL(fileURLWithPath: download))
                    } catch { moved = error }
                }
                waiter.finish(nil, response, moved)
            }
        case .none:
            task = session.dataTask(with: request) { waiter.finish($0, $1, $2) }
        case .data(let data):
            task = session.uploadTask(with: request, from: data) { waiter.finish($0, $1, $2) }
        case .file(let file, _):
            task = session.uploadTask(with: request, fromFile: URL(fileURLWithPath: file)) { waiter.finish($0, $1, $2) }
        }
        task.resume()
        return try waiter.wait(method, resource)
    }

    /// The reply of a request, handed from URLSession's delegate queue to the waiting thread.
    private final class Waiter: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data: Data?
        private var response: URLResponse?
        private var error: Error?

        func finish(_ data: Data?, _ response: URLResponse?, _ error: Error?) {
            (self.data, self.response, self.error) = (data, response, error)
            done.signal()
        }

        func wait(_ method: String, _ resource: String) throws -> Reply {
            done.wait()
            guard let response = response as? HTTPURLResponse else {
                throw LibraryError.storage(
                    "the S3 service did not answer \(method) \(resource): \(error.map { "\($0)" } ?? "no response")")
            }
            if let error { throw LibraryError.storage("\(method) \(resource) failed: \(error)") }
            var headers: [String: String] = [:]
            for (name, value) in response.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return Reply(status: response.statusCode, headers: headers, body: data ?? Data())
        }
    }
}

extension S3Client.Reply {
    /// The `<Code>` of an S3 error body (`NoSuchKey`, `SignatureDoesNotMatch`, …).
    public var errorCode: String? {
        S3XML.values(in: body, named: "Code").first
    }

    /// Fails unless the status is one of `accepted`, saying what the service said.
    func expect(_ accepted: Set<Int>, _ what: String) throws {
        guard accepted.contains(status) else {
            throw LibraryError.storage("\(what): the S3 service answered \(status) \(errorCode ?? "")")
        }
    }
}
