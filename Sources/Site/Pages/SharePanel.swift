import AlbumCore
import Foundation
import HTTP

/// The share panel of the album page (owner only): share with people by username for one of the
/// five expiry types, see each share's state in words, revoke one or all. Plain forms; the same
/// share use cases as seed 000's API, so both read and write the same rows.
enum SharePanel {
    /// The expiry types as the form offers them.
    static let expirations: [(value: ShareExpiration, label: String)] = [
        (.indefinite, "Until I stop sharing"), (.once, "View once (30 minutes)"), (.tenMinutes, "10 minutes"),
        (.oneHour, "1 hour"), (.oneDay, "1 day"),
    ]

    struct Model: Encodable {
        struct Row: Encodable {
            let username: String
            let kind: String
            let state: String
            let views: String?
            /// An admin of the album (seed 002): may label its items and see restricted labels.
            let isAdmin: Bool
        }

        struct Choice: Encodable {
            let value: String
            let label: String
        }

        let shares: [Row]
        let hasShares: Bool
        let expirations: [Choice]
        let share: String
        let unshare: String
    }

    /// The panel of `album` now, and the moment its words next change with time alone (a
    /// share's minutes left, its end); nil when only a change to the rows can change them.
    static func model(_ album: Album, code: String, _ context: Context) throws -> (model: Model, changes: Date?) {
        let now = context.services.clock.now()
        let recipients = try context.services.sharing.recipientsInDetail(albumId: album.id, ownerId: album.ownerId)
        let model = Model(
            shares: recipients.map { recipient in
                let share = recipient.share
                return Model.Row(
                    username: recipient.username,
                    kind: expirations.first { $0.value == share.expiration }?.label ?? share.expiration.rawValue,
                    state: state(share, now: now),
                    views: share.expiration == .once && recipient.itemsUsedUp > 0
                        ? (recipient.itemsUsedUp == 1 ? "1 item viewed" : "\(recipient.itemsUsedUp) items viewed")
                        : nil,
                    isAdmin: recipient.isAdmin)
            },
            hasShares: !recipients.isEmpty,
            expirations: expirations.map { Model.Choice(value: $0.value.rawValue, label: $0.label) },
            share: Page.albumAction(code: code, action: "share").path,
            unshare: Page.albumAction(code: code, action: "unshare").path)
        let changes = recipients.compactMap { recipient -> Date? in
            guard recipient.share.firstViewedAt != nil, let end = recipient.share.expiresAt else { return nil }
            return stateChanges(end: end, now: now)
        }.min()
        return (model, changes)
    }

    /// When the state of a share ending at `end` next reads differently after `now`: its
    /// minutes left are rounded up (`duration`), so the words hold until the time left reaches
    /// the next whole minute below it, and "expired" holds for good.
    static func stateChanges(end: Date, now: Date) -> Date? {
        guard end > now else { return nil }
        let minutes = (end.timeIntervalSince(now) / 60).rounded(.up)
        return end.addingTimeInterval(-60 * (minutes - 1))
    }

    /// "not opened yet", "open, expires in 7 min", "open", "expired".
    static func state(_ share: Share, now: Date) -> String {
        guard share.firstViewedAt != nil else { return "not opened yet" }
        guard let end = share.expiresAt else { return "open" }
        guard end > now else { return "expired" }
        return "open, expires in " + duration(end.timeIntervalSince(now))
    }

    /// "7 min", "2 h", "1 day" (or "7 minutes", "2 hours" in `long` words): a time left or a
    /// window, rounded up.
    static func duration(_ interval: TimeInterval, long: Bool = false) -> String {
        func count(_ number: Int, _ short: String, _ word: String) -> String {
            "\(number) " + (long || word == "day" ? (number == 1 ? word : word + "s") : short)
        }
        let minutes = max(1, Int((interval / 60).rounded(.up)))
        if minutes < 60 { return count(minutes, "min", "minute") }
        if minutes < 24 * 60 { return count((minutes + 59) / 60, "h", "hour") }
        return count((minutes + 24 * 60 - 1) / (24 * 60), "days", "day")
    }

    /// `POST /album/{code}/share`: `username` and `expiration`; sharing again changes the share.
    /// Answers what was done, in words.
    static func share(_ album: Album, _ context: Context) throws -> String {
        let form = try context.form()
        let name = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let recipient = try context.services.accounts.user(named: name), let id = recipient.id else {
            throw HTTPError(.badRequest, "There is nobody called \(name.isEmpty ? "that" : name) here.")
        }
        guard let expiration = ShareExpiration(rawValue: form["expiration"] ?? "") else {
            throw HTTPError(.badRequest, "Choose how long to share for.")
        }
        guard id != album.ownerId else { throw HTTPError(.badRequest, "This is your own album already.") }
        try context.services.sharing.share(albumId: album.id, ownerId: album.ownerId, with: [(id, expiration)])
        let label = expirations.first { $0.value == expiration }?.label.lowercased() ?? ""
        return "Shared with \(recipient.username): \(label)."
    }

    /// `POST /album/{code}/unshare`: `username` stops one share, `all` every one.
    static func unshare(_ album: Album, _ context: Context) throws -> String? {
        let form = try context.form()
        if form["all"] != nil {
            try context.services.sharing.unshareAll(albumId: album.id, ownerId: album.ownerId)
            return "Stopped sharing with everyone."
        } else if let name = form["admin"], let recipient = try context.services.accounts.user(named: name) {
            // Not a share's end: the same form makes someone an admin of the album, or not.
            let isAdmin = form["isAdmin"] == "1"
            try context.services.albumRoles.setAdmin(
                isAdmin, albumId: album.id, ownerId: album.ownerId, userUUID: recipient.uuid)
            return isAdmin
                ? "\(recipient.username) is an admin of this album now."
                : "\(recipient.username) is a participant again."
        } else if let name = form["username"], let recipient = try context.services.accounts.user(named: name) {
            try context.services.sharing.unshare(
                albumId: album.id, ownerId: album.ownerId, recipients: [recipient.id ?? 0])
            return "Stopped sharing with \(recipient.username)."
        }
        return nil
    }
}
