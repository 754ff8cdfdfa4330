import AlbumCore
import Foundation
import HTTP

/// Webhook subscriptions: create (its signing key returned once as `data.secret`), list, and
/// delete (an Albumen addition: the original had no way to stop one). Deliveries are
/// `WebhookDelivery`'s.
extension LabeledAlbums {
    /// `POST /webhook/createSubscription` `{event, targetUrl, metadata, albumId, label}`:
    /// `newPhoto` for an album's admins; `photoLabelAdded` for anyone in the album, with a
    /// label; `newAlbum` for the caller's own new albums. `targetUrl` is HTTPS and passes the URL
    /// uploads' address guard (hosts in its allow-list may use plain HTTP, for tests).
    func createSubscription(_ context: Context, _ user: User) throws -> Response {
        let body = try LabeledAlbumsBody.read(context)
        guard let event = Outbox.Event(rawValue: try body.string("event", required: true)!),
            let target = try body.string("targetUrl", required: true, length: 1...2048)
        else { throw LabeledAlbumsError.invalid }
        let metadata = try body.metadata()
        try checkTarget(target)
        var album: Album?
        var label: String?
        if event != .newAlbum {
            let (found, role) = try self.album(try body.string("albumId", required: true), user)
            if event == .newPhoto && !role.isAdmin { throw LabeledAlbumsError.forbidden }
            album = found
        }
        if event == .photoLabelAdded { label = try body.string("label", required: true, length: 1...40) }
        let webhook = try outbox.subscribe(
            ownerId: user.id ?? 0, event: event, targetURL: target, albumId: album?.id, label: label,
            metadata: metadata)
        return Self.answer { json in
            json.object { json in
                write(webhook, to: &json)
                json.key("secret")
                json.string(webhookSigner.key(for: webhook.uuid))
            }
        }
    }

    /// `GET /webhook/getSubscriptions?limit=&cursor=` → `{data:[{webhookId, config}], cursor}`
    /// (1–64, 32; the cursor `{}` on the last page).
    func getSubscriptions(_ context: Context, _ user: User) throws -> Response {
        let (size, after) = try paging(context)
        let found = try outbox.subscriptions(ownerId: user.id ?? 0, after: after, limit: size + 1)
        return page(found, size: size, id: \.id) { webhook, json in json.object { json in write(webhook, to: &json) } }
    }

    /// `POST /webhook/deleteSubscription` `{"webhookId"}`: the subscription and its undelivered
    /// events go; someone else's answers as missing.
    func deleteSubscription(_ context: Context, _ user: User) throws -> Response {
        let body = try LabeledAlbumsBody.read(context)
        let id = try body.string("webhookId", required: true)!
        guard try outbox.unsubscribe(uuid: id, ownerId: user.id ?? 0) else { throw LabeledAlbumsError.webhookNotFound }
        return Self.success()
    }

    /// `"webhookId": …, "config": {event, targetUrl, metadata, albumId, label}` (the last two
    /// only when the event has them).
    private func write(_ webhook: Outbox.Webhook, to json: inout JSONWriter) {
        json.key("webhookId")
        json.string(webhook.uuid)
        json.key("config")
        json.object { json in
            json.key("event")
            json.string(webhook.event.rawValue)
            json.key("targetUrl")
            json.string(webhook.targetURL)
            json.key("metadata")
            json.raw(Array(webhook.metadata.utf8))
            if let album = webhook.albumUUID {
                json.key("albumId")
                json.string(album)
            }
            if let label = webhook.label {
                json.key("label")
                json.string(label)
            }
        }
    }

    /// HTTPS, and an address the URL uploads' guard lets through (an allow-listed host may be
    /// plain HTTP on any port).
    private func checkTarget(_ target: String) throws {
        guard let components = URLComponents(string: target), let host = components.host?.lowercased() else {
            throw LabeledAlbumsError.invalid
        }
        let allowed = fetcher.settings.allowedHosts.contains(host)
        guard components.scheme?.lowercased() == "https" || allowed, fetcher.failure(target) == nil else {
            throw LabeledAlbumsError.invalid
        }
    }
}

extension LabeledAlbumsBody {
    /// `metadata`: an object of strings, numbers and booleans (`{}` when left out), as JSON text.
    func metadata() throws -> String {
        guard let value = member("metadata"), !(value is NSNull) else { return "{}" }
        guard let object = value as? [String: Any], object.count <= 32,
            object.values.allSatisfy({ $0 is String || $0 is NSNumber }),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
            data.count <= 4096
        else { throw LabeledAlbumsError.invalid }
        return String(decoding: data, as: UTF8.self)
    }
}
