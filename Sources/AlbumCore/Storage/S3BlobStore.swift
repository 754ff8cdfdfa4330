import Crypto
import Foundation

/// Blobs in a bucket of an S3-compatible service (SeaweedFS, Ceph, a hosted one), under the same
/// relative names as on disk. nginx still sends every byte: `accelTarget` names its internal
/// `/_s3/` location with a presigned query, which it proxies to the service and keeps in its
/// `proxy_cache` (keyed without the signature). Temp files are written on local disk first.
public struct S3BlobStore: BlobStore {
    public let client: S3Client
    public let scratchFolder: String
    /// Files at least this large are sent as a multipart upload in parts of `partSize` bytes
    /// read one at a time from the temp file, so memory stays flat for a 1 GB video.
    let multipartThreshold: Int
    let partSize: Int

    public init(client: S3Client, scratchFolder: String, multipartThreshold: Int = 64 << 20, partSize: Int = 16 << 20) {
        self.client = client
        self.scratchFolder = scratchFolder
        self.multipartThreshold = multipartThreshold
        self.partSize = max(partSize, 5 << 20)  // S3's smallest part but the last
    }

    public var isRemote: Bool { true }

    public func size(of relative: String) -> Int? {
        guard let reply = try? client.send("HEAD", key: relative), reply.status == 200 else { return nil }
        return reply.headers["content-length"].flatMap { Int($0) }
    }

    public func adopt(_ temporary: String, as relative: String) throws {
        defer { unlink(temporary) }
        let size = LocalBlobStore.fileSize(temporary) ?? 0
        let type = [("content-type", Variant(suffix: Self.suffix(of: relative))?.mime ?? "application/octet-stream")]
        if size >= multipartThreshold {
            guard self.size(of: relative) == nil else { return }  // written once
            try multipartUpload(temporary, as: relative, headers: type)
            return
        }
        // An original's name is its SHA-256, which the signature carries as the payload's (the
        // service refuses bytes that do not match): no second read of a large upload.
        let payload = BlobPath.isOriginal(relative) ? BlobPath.sha256(of: relative) : nil
        let sha256 = try payload ?? FileDigest.of(temporary).sha256
        // `If-None-Match: *`: a name is written once; 412 means it is there already.
        try client.send(
            "PUT", key: relative, headers: type + [("if-none-match", "*")], body: .file(temporary, sha256: sha256)
        ).expect([200, 412], "storing \(relative)")
    }

    public func localPath(_ relative: String) -> String? { nil }

    public func withLocalFile<T>(_ relative: String, _ body: (String) throws -> T) throws -> T? {
        let copy = try temporaryPath(suffix: Self.suffix(of: relative))
        defer { unlink(copy) }
        let reply = try client.send("GET", key: relative, download: copy)
        if reply.status == 404 { return nil }
        try reply.expect([200], "reading \(relative)")
        return try body(copy)
    }

    public func list(prefix: String) throws -> [StoredFile] {
        var found: [StoredFile] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let reply = try client.send("GET", key: nil, query: query)
            try reply.expect([200], "listing the bucket")
            var truncated = false
            token = nil
            for leaf in S3XML.leaves(in: reply.body) {
                switch leaf.name {
                case "Key": found.append(StoredFile(relative: leaf.text, size: 0, modified: Date()))
                case "Size" where !found.isEmpty: found[found.count - 1].size = Int(leaf.text) ?? 0
                case "LastModified" where !found.isEmpty:
                    found[found.count - 1].modified = S3XML.date(leaf.text) ?? Date()
                case "IsTruncated": truncated = leaf.text == "true"
                case "NextContinuationToken": token = leaf.text
                default: break
                }
            }
            if !truncated { token = nil }
        } while token != nil
        return found
    }

    @discardableResult
    public func remove(_ relative: String) -> Bool {
        // S3 answers 204 whether or not the key was there.
        ((try? client.send("DELETE", key: relative))?.status).map { $0 == 204 || $0 == 200 } ?? false
    }

    public func accelTarget(_ relative: String) -> String {
        "/_s3/" + relative + "?" + client.presignedQuery(key: relative)
    }

    public func verify() throws {
        let reply: S3Client.Reply
        do {
            reply = try client.send("HEAD", key: nil)
        } catch {
            throw LibraryError.storage("cannot reach the S3 service at \(client.settings.endpoint): \(error)")
        }
        switch reply.status {
        case 200: break
        case 404:
            throw LibraryError.storage(
                "the S3 service at \(client.settings.endpoint) has no bucket \(client.settings.bucket): create it first"
            )
        case 401, 403:
            throw LibraryError.storage(
                "the S3 service at \(client.settings.endpoint) refused ALBUMEN_S3_ACCESS_KEY \(client.settings.accessKey) "
                    + "for bucket \(client.settings.bucket) (\(reply.status)): check the access key and the secret key")
        default:
            throw LibraryError.storage(
                "the S3 service at \(client.settings.endpoint) answered \(reply.status) for bucket \(client.settings.bucket)"
            )
        }
        try FileManager.default.createDirectory(atPath: scratchFolder, withIntermediateDirectories: true)
    }

    /// Initiate, send the parts one by one from the file, complete; abort on any failure so the
    /// service keeps no half-written parts.
    private func multipartUpload(_ file: String, as key: String, headers: [(String, String)]) throws {
        let started = try client.send("POST", key: key, query: [("uploads", "")], headers: headers)
        try started.expect([200], "starting the upload of \(key)")
        guard let uploadId = S3XML.values(in: started.body, named: "UploadId").first else {
            throw LibraryError.storage("the S3 service started no upload for \(key)")
        }
        do {
            guard let handle = FileHandle(forReadingAtPath: file) else {
                throw LibraryError.storage("cannot read \(file)")
            }
            defer { try? handle.close() }
            var parts: [String] = []
            while let chunk = try handle.read(upToCount: partSize), !chunk.isEmpty {
                let number = parts.count + 1
                let reply = try client.send(
                    "PUT", key: key, query: [("partNumber", String(number)), ("uploadId", uploadId)], body: .data(chunk)
                )
                try reply.expect([200], "sending part \(number) of \(key)")
                parts.append(
                    "<Part><PartNumber>\(number)</PartNumber><ETag>\(reply.headers["etag"] ?? "")</ETag></Part>")
            }
            let document = "<CompleteMultipartUpload>" + parts.joined() + "</CompleteMultipartUpload>"
            let done = try client.send(
                "POST", key: key, query: [("uploadId", uploadId)], body: .data(Data(document.utf8)))
            // A completion can fail with 200 and an error document.
            try done.expect([200], "completing the upload of \(key)")
            if let code = done.errorCode { throw LibraryError.storage("completing the upload of \(key): \(code)") }
        } catch {
            _ = try? client.send("DELETE", key: key, query: [("uploadId", uploadId)])
            throw error
        }
    }

    /// `jpg` of `ab/cd/<sha>.jpg`, `thumb.jpg` of `ab/cd/<sha>.thumb.jpg`.
    static func suffix(of relative: String) -> String {
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        return name.firstIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? ""
    }
}
