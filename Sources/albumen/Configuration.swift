import AlbumCore
import Foundation
import Logging
import Site

/// Settings, read once from the environment by name (README and deploy/albumen.env.example
/// list them).
struct Configuration {
    var dataDirectory: String
    var baseURL: String
    var secret: String?
    var socket: String
    var threads: Int
    var templates: String
    /// The files nginx serves at `/static/` (their digest versions the pages' links to them).
    var publicDirectory: String
    var maxUpload: Int
    var logLevel: Logger.Level
    var debugRoutes: Bool
    var media: MediaSettings
    var urlUploads: RemoteFetcher.Settings
    var refuseDuplicates: Bool
    var rateLimit: Int
    var uploadsPerUser: Int
    /// The first wait before a failed webhook delivery is tried again (doubling each time).
    var webhookRetrySeconds: Double
    /// `ALBUMEN_STORAGE`: where the media files are.
    var storage: StorageKind
    /// `ALBUMEN_S3_*`, when set (an S3 store, or the other side of `storage migrate`).
    var s3: S3Settings?

    var databasePath: String { dataDirectory + "/albumen.sqlite" }
    var scratchDirectory: String { dataDirectory + "/tmp" }
    /// The blob store; nginx's internal `/_media/` location points here.
    var blobDirectory: String { dataDirectory + "/blobs" }

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> Configuration
    {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let data = URL(fileURLWithPath: value("ALBUMEN_DATA") ?? "data").standardizedFileURL.path
        guard let threads = Int(value("ALBUMEN_THREADS") ?? "4"), (1...256).contains(threads) else {
            throw ConfigurationError("ALBUMEN_THREADS must be a number from 1 to 256")
        }
        guard let maxUpload = parseSize(value("ALBUMEN_MAX_UPLOAD") ?? "2G") else {
            throw ConfigurationError("ALBUMEN_MAX_UPLOAD must be a size such as 500M or 2G")
        }
        guard let level = Logger.Level(rawValue: (value("ALBUMEN_LOG_LEVEL") ?? "info").lowercased()) else {
            throw ConfigurationError("ALBUMEN_LOG_LEVEL must be one of trace, debug, info, notice, warning, error")
        }
        var media = MediaSettings()
        if let pixels = value("ALBUMEN_MAX_PIXELS") {
            guard let limit = Int(pixels), limit > 0 else {
                throw ConfigurationError("ALBUMEN_MAX_PIXELS must be a number")
            }
            media.pixelLimit = limit
        }
        if let days = value("ALBUMEN_TRASH_DAYS") {
            guard let days = Int(days), (0...3650).contains(days) else {
                throw ConfigurationError("ALBUMEN_TRASH_DAYS must be a number of days from 0 to 3650")
            }
            media.trashDays = days
        }
        media.defaultPlan = try plan(value)
        var urlUploads = RemoteFetcher.Settings()
        switch value("ALBUMEN_URL_UPLOADS") ?? "admins" {
        case "admins": urlUploads.enabledForEveryone = false
        case "everyone": urlUploads.enabledForEveryone = true
        default: throw ConfigurationError("ALBUMEN_URL_UPLOADS must be admins or everyone")
        }
        urlUploads.allowedHosts = Set(
            (value("ALBUMEN_URL_UPLOAD_HOSTS") ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }.filter { !$0.isEmpty })
        urlUploads.maxBytes = min(maxUpload, urlUploads.maxBytes)
        guard let rateLimit = Int(value("ALBUMEN_RATE_LIMIT") ?? "0"), rateLimit >= 0 else {
            throw ConfigurationError("ALBUMEN_RATE_LIMIT must be requests a minute per credential (0: off)")
        }
        guard let uploadsPerUser = Int(value("ALBUMEN_UPLOADS_PER_USER") ?? "3"), uploadsPerUser >= 0 else {
            throw ConfigurationError("ALBUMEN_UPLOADS_PER_USER must be uploads at once per user (0: no cap)")
        }
        guard let webhookRetry = Double(value("ALBUMEN_WEBHOOK_RETRY_SECONDS") ?? "30"), webhookRetry > 0 else {
            throw ConfigurationError("ALBUMEN_WEBHOOK_RETRY_SECONDS must be a number of seconds above 0")
        }
        guard let storage = StorageKind(rawValue: value("ALBUMEN_STORAGE") ?? "local") else {
            throw ConfigurationError("ALBUMEN_STORAGE must be local or s3")
        }
        var s3: S3Settings?
        if let endpoint = value("ALBUMEN_S3_ENDPOINT") {
            s3 = S3Settings(
                endpoint: endpoint, bucket: value("ALBUMEN_S3_BUCKET") ?? "",
                accessKey: value("ALBUMEN_S3_ACCESS_KEY") ?? "", secretKey: value("ALBUMEN_S3_SECRET_KEY") ?? "",
                region: value("ALBUMEN_S3_REGION") ?? "us-east-1")
        } else if storage == .s3 {
            throw ConfigurationError("ALBUMEN_STORAGE=s3 needs ALBUMEN_S3_ENDPOINT (and the bucket and keys)")
        }
        var baseURL = value("ALBUMEN_BASE_URL") ?? "http://127.0.0.1:8080"
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        return Configuration(
            dataDirectory: data,
            baseURL: baseURL,
            secret: value("ALBUMEN_SECRET"),
            socket: value("ALBUMEN_SOCKET") ?? data + "/albumen.sock",
            threads: threads,
            templates: URL(fileURLWithPath: value("ALBUMEN_TEMPLATES") ?? "Templates").standardizedFileURL.path,
            publicDirectory: URL(fileURLWithPath: value("ALBUMEN_PUBLIC") ?? "Public").standardizedFileURL.path,
            maxUpload: maxUpload,
            logLevel: level,
            debugRoutes: value("ALBUMEN_DEBUG_ROUTES") == "1",
            media: media,
            urlUploads: urlUploads,
            refuseDuplicates: value("ALBUMEN_REFUSE_DUPLICATES") == "1",
            rateLimit: rateLimit,
            uploadsPerUser: uploadsPerUser,
            webhookRetrySeconds: webhookRetry,
            storage: storage,
            s3: s3)
    }

    /// The store of `kind`: the blob folder, or the bucket `ALBUMEN_S3_*` names.
    func blobStore(_ kind: StorageKind) throws -> any BlobStore {
        switch kind {
        case .local:
            return LocalBlobStore(root: blobDirectory)
        case .s3:
            guard let s3 else { throw ConfigurationError("S3 storage needs ALBUMEN_S3_ENDPOINT, _BUCKET and the keys") }
            do {
                return S3BlobStore(client: try S3Client(s3), scratchFolder: dataDirectory + "/s3-scratch")
            } catch {
                throw ConfigurationError("\(error)")
            }
        }
    }

    /// The default plan from `ALBUMEN_PLAN_*` (unset: unlimited).
    private static func plan(_ value: (String) -> String?) throws -> Plan {
        func count(_ name: String) throws -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), number >= 0 else {
                throw ConfigurationError("\(name) must be a whole number")
            }
            return number
        }
        var plan = Plan()
        if let size = value("ALBUMEN_PLAN_MAX_FILE") {
            guard let bytes = parseSize(size) else { throw ConfigurationError("ALBUMEN_PLAN_MAX_FILE must be a size") }
            plan.maxFileBytes = bytes
        }
        plan.maxAlbums = try count("ALBUMEN_PLAN_MAX_ALBUMS")
        plan.maxItemsPerAlbum = try count("ALBUMEN_PLAN_MAX_ITEMS_PER_ALBUM")
        plan.maxVideosPerAlbum = try count("ALBUMEN_PLAN_MAX_VIDEOS_PER_ALBUM")
        plan.maxShares = try count("ALBUMEN_PLAN_MAX_SHARES")
        if let range = value("ALBUMEN_PLAN_VIDEO_SECONDS") {
            let bounds = range.split(separator: "-", omittingEmptySubsequences: false).map { Double($0) }
            guard bounds.count == 2 else {
                throw ConfigurationError("ALBUMEN_PLAN_VIDEO_SECONDS is MIN-MAX, e.g. 1-600")
            }
            (plan.minVideoSeconds, plan.maxVideoSeconds) = (bounds[0], bounds[1])
        }
        plan.allowedTypes = value("ALBUMEN_PLAN_TYPES").map(Plan.types)
        return plan
    }

    /// `1048576`, `512K`, `500M`, `2G`.
    static func parseSize(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        let upper = text.uppercased()
        if let unit = upper.last, let factor = units[unit] {
            return Int(upper.dropLast()).flatMap { $0 > 0 ? $0 * factor : nil }
        }
        return Int(upper).flatMap { $0 > 0 ? $0 : nil }
    }

    /// `ALBUMEN_SECRET`, or one generated into the data dir on first start (mode 0600).
    func loadSecret() throws -> String {
        if let secret { return secret }
        let path = dataDirectory + "/secret"
        if let existing = try? String(contentsOfFile: path, encoding: .utf8), !existing.isEmpty {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
        else { throw ConfigurationError("cannot write \(path)") }
        return secret
    }

    /// What `Services.build` needs of it. Loads (or on first use writes) the secret.
    func services(pages: Bool, logger: Logger) throws -> Services.Settings {
        var settings = Services.Settings(
            databasePath: databasePath, blobs: try blobStore(storage), site: site(secret: try loadSecret()))
        settings.readers = threads
        settings.media = media
        if pages {
            settings.templates = templates
            settings.assetVersion = Views.assetVersion(of: publicDirectory)
        }
        settings.logger = logger
        return settings
    }

    /// What the site needs of it.
    private func site(secret: String) -> Site.Configuration {
        var site = Site.Configuration(baseURL: baseURL, secret: secret, debugRoutes: debugRoutes)
        site.maxUpload = maxUpload
        site.urlUploads = urlUploads
        site.refuseDuplicates = refuseDuplicates
        site.rateLimit = rateLimit
        site.uploadsPerUser = uploadsPerUser
        return site
    }

    func makeDataDirectory() throws {
        try FileManager.default.createDirectory(
            atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    }
}

struct ConfigurationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
