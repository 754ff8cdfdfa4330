import AlbumCore
import Logging

/// What handlers and commands work with, made by one function (`build`) that `serve`, every
/// command-line subcommand and the tests all call, so the parts are wired in one place.
public struct Services: Sendable {
    public struct Settings: Sendable {
        public var databasePath: String
        /// Reader connections (one per worker thread; see `AppDatabase`).
        public var readers = 4
        /// Where the blobs are: a folder (`LocalBlobStore`) or a bucket (`S3BlobStore`).
        public var blobs: any BlobStore
        public var media = MediaSettings()
        /// The templates; nil renders no pages (the command line).
        public var templates: String?
        public var assetVersion = "0"
        public var site: Site.Configuration
        public var logger = Logger(label: "albumen")

        public init(databasePath: String, blobs: any BlobStore, site: Site.Configuration) {
            self.databasePath = databasePath
            self.blobs = blobs
            self.site = site
        }

        /// Blobs on local disk in `blobDirectory`.
        public init(databasePath: String, blobDirectory: String, site: Site.Configuration) {
            self.init(databasePath: databasePath, blobs: LocalBlobStore(root: blobDirectory), site: site)
        }
    }

    public let configuration: Site.Configuration
    public let database: AppDatabase
    public let accounts: Accounts
    public let library: Library
    /// Albums shared with people (seed 000, the share screens).
    public let sharing: Sharing
    /// Group managers, private-gallery subscribers and the galleries they see (seed 001).
    public let galleries: Galleries
    /// Album admins and participants (seed 002).
    public let albumRoles: AlbumRoles
    /// Webhook subscriptions and the outbox of their events (seed 002).
    public let outbox: Outbox
    /// Album links for people without an account (`/s/{secret}`).
    public let albumLinks: AlbumLinks
    /// The brake on guessing link passwords, per link and per address.
    public let linkThrottle: LoginThrottle
    public let links: Links
    public let views: Views
    /// The outbound HTTP client (uploads from URLs), behind its SSRF guard.
    public let fetcher: RemoteFetcher
    /// Tiles and listings kept for reuse while what they show is unchanged.
    public let kept: Kept
    /// The time every part reads; only tests move it (`/_debug/clock`).
    public let clock: Clock
    /// What a page tells the next one of the same session, once (a new key's secret).
    let flash = Flash()
    /// ZIP downloads streaming now (`ZipDownload`).
    let downloads = DownloadSlots()
    public let logger: Logger

    /// Opens (and migrates) the database and wires every part to it.
    public static func build(_ settings: Settings) throws -> Services {
        let database = try AppDatabase(path: settings.databasePath, readers: settings.readers)
        let library = Library(
            database: database, blobs: settings.blobs, settings: settings.media)
        let configuration = settings.site
        let clock = Clock()
        let links = Links(
            baseURL: configuration.baseURL, secret: configuration.secret,
            signedURLLifetime: library.settings.signedURLLifetime, clock: clock)
        return Services(
            configuration: configuration,
            database: database,
            // Device cookies are signed with the server's secret, so they outlive restarts.
            accounts: Accounts(database: database, throttle: LoginThrottle(deviceKey: configuration.secret)),
            library: library,
            sharing: Sharing(database: database, library: library, clock: clock),
            galleries: Galleries(database: database, library: library, clock: clock),
            albumRoles: AlbumRoles(database: database, clock: clock),
            outbox: Outbox(database: database, clock: clock),
            albumLinks: AlbumLinks(database: database, clock: clock, secret: configuration.secret),
            linkThrottle: LoginThrottle(),
            links: links,
            views: try settings.templates.map { try Views(directory: $0, assetVersion: settings.assetVersion) }
                ?? Views(),
            fetcher: RemoteFetcher(settings: configuration.urlUploads),
            kept: Kept(library: library, signer: links.signer, clock: clock),
            clock: clock,
            logger: settings.logger)
    }
}
