import AlbumCore
import Foundation
import HTTP
import Logging

/// Delivers the outbox's events, off the request threads: each due event is drawn as JSON at
/// the moment it is sent (so its signed URLs are fresh), signed, and POSTed through the URL
/// uploads' address guard. A 2xx marks it delivered; anything else is tried again after a
/// growing wait (`retryBase` × 2ⁿ, at most an hour) for a day, every attempt recorded. An
/// event whose subscriber may no longer see it (no longer an admin for `newPhoto`, a label
/// now restricted for a participant, the photo gone) is dropped, said in its attempt.
/// A crash after a receiver answered and before the answer was recorded sends the event again:
/// receivers recognise it by `X-Albumen-Event-Id`, which never changes.
public final class WebhookDelivery: Sendable {
    let dialect: LabeledAlbums
    let library: Library
    let accounts: Accounts
    let outbox: Outbox
    let clock: Clock
    let logger: Logger
    /// The first wait before trying again.
    let retryBase: TimeInterval
    /// How long an event is tried before it is given up.
    static let patience: TimeInterval = 24 * 3600

    public init(services: Services, retryBase: TimeInterval = 30) {
        dialect = LabeledAlbums(services: services)
        library = services.library
        accounts = services.accounts
        outbox = services.outbox
        clock = services.clock
        logger = services.logger
        self.retryBase = retryBase
    }

    /// Delivers what is due now, a few at a time; answers how many were attempted.
    @discardableResult
    public func deliverDue(limit: Int = 16) -> Int {
        let due: [Outbox.Pending]
        do {
            due = try outbox.due(limit: limit)
        } catch {
            logger.error("webhooks: reading the outbox failed: \(error)")
            return 0
        }
        for event in due { deliver(event) }
        return due.count
    }

    /// Runs `deliverDue` on its own thread for as long as the process lives.
    public func start(every interval: TimeInterval = 1) {
        let thread = Thread { [self] in
            while true {
                if deliverDue() == 0 { Thread.sleep(forTimeInterval: interval) }
            }
        }
        thread.name = "webhooks"
        thread.start()
    }

    private func deliver(_ event: Outbox.Pending) {
        do {
            guard let body = try payload(event) else {
                try outbox.record(
                    event.id, status: nil, error: "dropped: the subscriber may no longer see it", delivered: false,
                    retryAt: nil)
                return
            }
            let timestamp = Int(clock.now().timeIntervalSince1970)
            var status: Int?
            var failure: String?
            do {
                status = try dialect.fetcher.post(
                    event.webhook.targetURL, body: body,
                    headers: [
                        ("Content-Type", "application/json"),
                        ("X-Albumen-Event", event.webhook.event.rawValue),
                        ("X-Albumen-Event-Id", event.uuid),
                        (
                            "X-Albumen-Signature",
                            dialect.webhookSigner.signature(body, timestamp: timestamp, webhookUUID: event.webhook.uuid)
                        ),
                    ])
            } catch {
                failure = "\(error)"
            }
            let delivered = status.map { (200..<300).contains($0) } ?? false
            let tries = event.attempts + 1
            let wait = min(retryBase * pow(2, Double(tries - 1)), 3600)
            let next = clock.now().addingTimeInterval(wait)
            let retry = !delivered && next < event.createdAt.addingTimeInterval(Self.patience) ? next : nil
            try outbox.record(
                event.id, status: status, error: failure ?? (delivered ? nil : "answered \(status ?? 0)"),
                delivered: delivered, retryAt: retry)
        } catch {
            logger.error("webhooks: event \(event.uuid) failed: \(error)")
        }
    }

    /// `{"event", "eventId", "data": Photo or Album, "metadata"}` (and `"label"` for a label
    /// event), drawn for the subscriber; nil when they may no longer see it.
    public func payload(_ event: Outbox.Pending) throws -> [UInt8]? {
        let webhook = event.webhook
        guard let subscriber = try accounts.user(id: webhook.ownerId) else { return nil }
        var json = JSONWriter(capacity: 1024)
        switch webhook.event {
        case .newAlbum:
            guard let albumId = event.albumId, let album = try library.album(id: albumId, ownerId: webhook.ownerId)
            else { return nil }
            let details = try LabeledAlbums.AlbumDetails([album], dialect)
            json.object { json in
                header(event, &json)
                json.key("data")
                details.write(album, to: &json)
                footer(webhook, &json)
            }
        case .newPhoto, .photoLabelAdded:
            guard let mediaId = event.mediaId, let entry = try library.media(id: mediaId),
                let albumUUID = webhook.albumUUID, entry.item.albumId == webhook.albumId,
                let (_, role) = try dialect.roles.album(uuid: albumUUID, for: webhook.ownerId)
            else { return nil }
            let labels = try library.labels(of: [mediaId])[mediaId] ?? MediaLabels()
            if webhook.event == .newPhoto && !role.isAdmin { return nil }
            if let label = event.label, !role.isAdmin, !labels.labels.contains(label) { return nil }
            json.object { json in
                header(event, &json)
                json.key("data")
                dialect.photo(entry, labels, admin: role.isAdmin, for: subscriber, to: &json)
                if let label = event.label {
                    json.key("label")
                    json.string(label)
                }
                footer(webhook, &json)
            }
        }
        return json.bytes
    }

    private func header(_ event: Outbox.Pending, _ json: inout JSONWriter) {
        json.key("event")
        json.string(event.webhook.event.rawValue)
        json.key("eventId")
        json.string(event.uuid)
    }

    private func footer(_ webhook: Outbox.Webhook, _ json: inout JSONWriter) {
        json.key("metadata")
        json.raw(Array(webhook.metadata.utf8))
    }
}
