import AlbumCore
import Foundation
import HTTP

/// `/settings/api`: the user's API keys (`X-API-Key`, Chevereto clients) and bearer tokens:
/// create with a name (the secret is shown once, only its hash is kept), list with last use,
/// revoke; and a ShareX custom uploader (`.sxcu`) for this server and a key.
enum SettingsAPIPage {
    /// The page; right after a key was made, with its secret (once: `Flash`).
    static func show(_ context: Context, _ user: User) throws -> Response {
        let created = context.services.flash.take(session: context.sessionSecret).flatMap { values in
            values["secret"].map { (kind(values["kind"]), values["name"] ?? "", $0) }
        }
        var response = try page(context, user, created: created)
        if created != nil { response.headers.add("Cache-Control", "no-store") }
        return response
    }

    /// Makes the key, then redirects to the page that shows its secret: a reload of that page
    /// shows the list, never makes a second key.
    static func create(_ context: Context, _ user: User) throws -> Response {
        let form = try context.form()
        let kind = self.kind(form["kind"])
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = try context.services.accounts.createAccessKey(kind, for: user.username, name: name)
        if let session = context.sessionSecret {
            context.services.flash.put(
                ["kind": kind == .token ? "token" : "api_key", "name": name, "secret": secret], session: session)
        }
        return .redirect(to: Page.settingsAPI.path + "#created")
    }

    static func revoke(_ context: Context, _ user: User) throws -> Response {
        guard let id = Int64(context.parameters["id"] ?? ""),
            try context.services.accounts.revokeAccessKey(
                kind(try context.form()["kind"]), id: id, userId: user.id ?? 0)
        else { throw HTTPError(.notFound, "No such key.") }
        return .redirect(to: Page.settingsAPI.path)
    }

    /// The `.sxcu` file for the key in the form, if it is one of the user's working keys.
    static func sharex(_ context: Context, _ user: User) throws -> Response {
        let key = try context.form()["key"] ?? ""
        guard try context.services.accounts.user(for: .apiKey, secret: key)?.id == user.id else {
            throw HTTPError(.badRequest, "That is not one of your API keys.")
        }
        let base = context.services.configuration.baseURL
        let host = URL(string: base)?.host ?? "Albumen"
        let uploader: JSONValue = [
            "Version": "15.0.0", "Name": .string("Albumen (\(host))"),
            "DestinationType": "ImageUploader, FileUploader", "RequestMethod": "POST",
            "RequestURL": .string(base + "/api/1/upload"), "Headers": ["X-API-Key": .string(key)],
            "Body": "MultipartFormData", "Arguments": ["format": "json"], "FileFormName": "source",
            "URL": "{json:image.url}", "ThumbnailURL": "{json:image.thumb.url}",
            "DeletionURL": "{json:image.delete_url}", "ErrorMessage": "{json:error.message}",
        ]
        var response = try Response.json(uploader)
        response.headers.add(
            "Content-Disposition", "attachment; filename=\"albumen-\(Slug.make(host, fallback: "server")).sxcu\"")
        return response
    }

    private static func kind(_ text: String?) -> AccessKey.Kind { text == "token" ? .token : .apiKey }

    private static func page(_ context: Context, _ user: User, created: (AccessKey.Kind, String, String)?) throws
        -> Response
    {
        func rows(_ kind: AccessKey.Kind) throws -> [Model.Key] {
            try context.services.accounts.accessKeys(kind, userId: user.id ?? 0).filter { $0.revokedAt == nil }.map {
                key in
                Model.Key(
                    id: key.id, name: key.name.isEmpty ? "(no name)" : key.name, prefix: key.prefix,
                    created: Timestamp.plain(key.createdAt),
                    lastUsed: key.lastUsedAt.map { Timestamp.plain($0) } ?? "never",
                    revoke: Page.settingsAPI.path + "/keys/\(key.id)/revoke")
            }
        }
        let model = Model(
            keys: try rows(.apiKey), tokens: try rows(.token),
            uploadURL: context.services.configuration.baseURL + "/api/1/upload",
            actions: ["create": Page.settingsAPI.path + "/keys", "sharex": Page.settingsAPI.path + "/sharex"],
            created: created.map { kind, name, secret in
                Model.Created(secret: secret, name: name, isKey: kind == .apiKey)
            },
            deliveries: try context.services.outbox.attempts(ownerId: user.id ?? 0, limit: 20).map { attempt in
                Model.Delivery(
                    event: attempt.event.rawValue, eventId: attempt.eventUUID, target: attempt.targetURL,
                    at: Timestamp.plain(attempt.at),
                    outcome: attempt.status.map { "HTTP \($0)" } ?? (attempt.error ?? "not sent"),
                    ok: attempt.status.map { (200..<300).contains($0) } ?? false)
            })
        return try context.views.page("pages/settings-api", Layout(context, title: "API keys"), model)
    }

    struct Model: Encodable {
        struct Key: Encodable {
            let id: Int64
            let name: String
            let prefix: String
            let created: String
            let lastUsed: String
            let revoke: String
        }

        /// The secret just made: shown once.
        struct Created: Encodable {
            let secret: String
            let name: String
            let isKey: Bool
        }

        /// The latest webhook delivery attempts (seed 002), newest first.
        struct Delivery: Encodable {
            let event: String
            let eventId: String
            let target: String
            let at: String
            let outcome: String
            let ok: Bool
        }

        let keys: [Key]
        let tokens: [Key]
        let uploadURL: String
        let actions: [String: String]
        let created: Created?
        let deliveries: [Delivery]
    }
}
