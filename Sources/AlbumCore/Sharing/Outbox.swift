import Foundation
import GRDB

/// Seed 002's webhooks: subscriptions, and the outbox of events waiting to be delivered. Events
/// are written by triggers (`triggers`) in the same transaction as the change they report — a
/// photo into an album, a new album, a label put on a photo — so a crash can never keep the
/// change and lose its event, whoever made it (a dialect, a page, the CLI). A delivery worker
/// (`WebhookDelivery`) takes what is due, and records each attempt here.
public struct Outbox: Sendable {
    let database: AppDatabase
    let clock: Clock

    public init(database: AppDatabase, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public enum Event: String, Sendable, CaseIterable {
        case newPhoto, newAlbum, photoLabelAdded
    }

    /// A subscription.
    public struct Webhook: Sendable, Equatable {
        public let id: Int64
        public let uuid: String
        public let ownerId: Int64
        public let event: Event
        public let targetURL: String
        public let albumId: Int64?
        public let albumUUID: String?
        public let label: String?
        /// A JSON object of strings, numbers and booleans, as given.
        public let metadata: String
    }

    /// An event due for delivery, with its subscription.
    public struct Pending: Sendable {
        public let id: Int64
        public let uuid: String
        public let webhook: Webhook
        public let mediaId: Int64?
        public let albumId: Int64?
        public let label: String?
        public let attempts: Int
        public let createdAt: Date
    }

    /// A delivery attempt, as the subscription's owner sees it on `/settings/api`.
    public struct Attempt: Sendable {
        public let event: Event
        public let eventUUID: String
        public let targetURL: String
        public let at: Date
        /// The receiver's HTTP status; nil when it could not be reached.
        public let status: Int?
        public let error: String?
    }

    public func subscribe(
        ownerId: Int64, event: Event, targetURL: String, albumId: Int64?, label: String?, metadata: String
    ) throws -> Webhook {
        let uuid = UUID().uuidString.lowercased()
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhooks (uuid, owner_id, event, target_url, album_id, label, metadata, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [uuid, ownerId, event.rawValue, targetURL, albumId, label, metadata, clock.now()])
        }
        return try subscriptions(ownerId: ownerId, after: nil, limit: 1, uuid: uuid)[0]
    }

    /// `ownerId`'s subscriptions, oldest first, after the one `after` names.
    public func subscriptions(ownerId: Int64, after: Int64?, limit: Int, uuid: String? = nil) throws -> [Webhook] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: Self.selectWebhooks + """
                     WHERE webhooks.owner_id = ? AND webhooks.id > ? AND (? IS NULL OR webhooks.uuid = ?)
                    ORDER BY webhooks.id LIMIT ?
                    """, arguments: [ownerId, after ?? 0, uuid, uuid, limit]
            ).map { try Self.webhook($0) }
        }
    }

    /// Ends `ownerId`'s subscription; its undelivered events go with it. False when it is not
    /// theirs or not there.
    public func unsubscribe(uuid: String, ownerId: Int64) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM webhooks WHERE uuid = ? AND owner_id = ?", arguments: [uuid, ownerId])
            return db.changesCount == 1
        }
    }

    /// Events due now, oldest first.
    public func due(limit: Int) throws -> [Pending] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT webhook_events.id AS event_id, webhook_events.uuid AS event_uuid, webhook_events.media_id,
                        webhook_events.album_id AS event_album, webhook_events.label AS event_label,
                        webhook_events.attempts, webhook_events.created_at AS event_created, \(Self.webhookColumns)
                    FROM webhook_events JOIN webhooks ON webhooks.id = webhook_events.webhook_id
                    LEFT JOIN albums ON albums.id = webhooks.album_id
                    WHERE webhook_events.delivered_at IS NULL AND webhook_events.failed_at IS NULL
                        AND webhook_events.next_attempt_at <= ?
                    ORDER BY webhook_events.next_attempt_at, webhook_events.id LIMIT ?
                    """, arguments: [clock.now(), limit]
            ).map { row in
                Pending(
                    id: row["event_id"], uuid: row["event_uuid"], webhook: try Self.webhook(row),
                    mediaId: row["media_id"], albumId: row["event_album"], label: row["event_label"],
                    attempts: row["attempts"], createdAt: row["event_created"])
            }
        }
    }

    /// Records an attempt: delivered; or to be tried again at `retryAt`; or, with neither,
    /// given up.
    public func record(
        _ eventId: Int64, status: Int?, error: String?, delivered: Bool, retryAt: Date?
    ) throws {
        let now = clock.now()
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO webhook_attempts (event_id, attempted_at, status, error) VALUES (?, ?, ?, ?)",
                arguments: [eventId, now, status, error.map { String($0.prefix(300)) }])
            try db.execute(
                sql: """
                    UPDATE webhook_events SET attempts = attempts + 1,
                        delivered_at = CASE WHEN ? THEN ? END,
                        next_attempt_at = COALESCE(?, next_attempt_at),
                        failed_at = CASE WHEN NOT ? AND ? IS NULL THEN ? END
                    WHERE id = ?
                    """, arguments: [delivered, now, retryAt, delivered, retryAt, now, eventId])
        }
    }

    /// The latest attempts at delivering `ownerId`'s events, newest first.
    public func attempts(ownerId: Int64, limit: Int) throws -> [Attempt] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT webhooks.event, webhook_events.uuid, webhooks.target_url, webhook_attempts.attempted_at,
                        webhook_attempts.status, webhook_attempts.error
                    FROM webhook_attempts JOIN webhook_events ON webhook_events.id = webhook_attempts.event_id
                    JOIN webhooks ON webhooks.id = webhook_events.webhook_id
                    WHERE webhooks.owner_id = ? ORDER BY webhook_attempts.id DESC LIMIT ?
                    """, arguments: [ownerId, limit]
            ).map { row in
                Attempt(
                    event: Event(rawValue: row[0]) ?? .newPhoto, eventUUID: row[1], targetURL: row[2],
                    at: try row.date(3), status: row[4], error: row[5])
            }
        }
    }

    private static let webhookColumns = """
        webhooks.id, webhooks.uuid, webhooks.owner_id, webhooks.event, webhooks.target_url, webhooks.album_id,
        albums.uuid AS album_uuid, webhooks.label, webhooks.metadata
        """

    private static let selectWebhooks =
        "SELECT \(webhookColumns) FROM webhooks LEFT JOIN albums ON albums.id = webhooks.album_id"

    private static func webhook(_ row: Row) throws -> Webhook {
        guard let event = Event(rawValue: row["event"]) else { throw DatabaseError(message: "unknown webhook event") }
        return Webhook(
            id: row["id"], uuid: row["uuid"], ownerId: row["owner_id"], event: event, targetURL: row["target_url"],
            albumId: row["album_id"], albumUUID: row["album_uuid"], label: row["label"], metadata: row["metadata"])
    }

    /// The triggers that fill the outbox. Times as GRDB stores dates (`yyyy-MM-dd HH:mm:ss.SSS`,
    /// UTC); the event id is random. A label event for the same subscription, photo and label
    /// within a minute is not written again (the original rate-limits it per photo and label).
    static let triggers = """
        CREATE TRIGGER webhook_photo_added AFTER INSERT ON media WHEN NEW.album_id IS NOT NULL BEGIN
            INSERT INTO webhook_events (uuid, webhook_id, media_id, album_id, created_at, next_attempt_at)
            SELECT \(newId), webhooks.id, NEW.id, NEW.album_id, \(now), \(now)
            FROM webhooks WHERE webhooks.event = 'newPhoto' AND webhooks.album_id = NEW.album_id;
        END;
        CREATE TRIGGER webhook_photo_moved AFTER UPDATE OF album_id ON media
        WHEN NEW.album_id IS NOT NULL AND NEW.album_id IS NOT OLD.album_id BEGIN
            INSERT INTO webhook_events (uuid, webhook_id, media_id, album_id, created_at, next_attempt_at)
            SELECT \(newId), webhooks.id, NEW.id, NEW.album_id, \(now), \(now)
            FROM webhooks WHERE webhooks.event = 'newPhoto' AND webhooks.album_id = NEW.album_id;
        END;
        CREATE TRIGGER webhook_album_added AFTER INSERT ON albums BEGIN
            INSERT INTO webhook_events (uuid, webhook_id, album_id, created_at, next_attempt_at)
            SELECT \(newId), webhooks.id, NEW.id, \(now), \(now)
            FROM webhooks WHERE webhooks.event = 'newAlbum' AND webhooks.owner_id = NEW.owner_id;
        END;
        CREATE TRIGGER webhook_label_added AFTER INSERT ON media_labels BEGIN
            INSERT INTO webhook_events (uuid, webhook_id, media_id, album_id, label, created_at, next_attempt_at)
            SELECT \(newId), webhooks.id, NEW.media_id, media.album_id, NEW.label, \(now), \(now)
            FROM webhooks JOIN media ON media.id = NEW.media_id
            WHERE webhooks.event = 'photoLabelAdded' AND webhooks.album_id = media.album_id
                AND webhooks.label = NEW.label
                AND NOT EXISTS (SELECT 1 FROM webhook_events AS recent WHERE recent.webhook_id = webhooks.id
                    AND recent.media_id = NEW.media_id AND recent.label = NEW.label
                    AND recent.created_at > strftime('%Y-%m-%d %H:%M:%f', 'now', '-60 seconds'));
        END;
        """

    private static let now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    private static let newId = "lower(hex(randomblob(16)))"
}
