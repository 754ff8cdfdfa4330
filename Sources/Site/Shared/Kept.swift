import AlbumCore
import Foundation
import HTTP

/// Answers kept for reuse: bytes drawn from one media row (`KeptRow`) and whole answers drawn
/// from one owner's library (`KeptAnswer`: listings, a shared album's details). One store per
/// process, in the services, so pages and dialects reach it without going through the site.
public final class Kept: Sendable {
    /// Tiles and JSON objects of recently shown media, each with the row it was drawn from:
    /// pages and listings of 100 in each shape for the people active now. Rows deleted since
    /// stay until the memo starts again, so it is kept small: at 10 000 (~2 KB each) a
    /// 10-minute soak saw RSS climb until the end.
    let rows = Memo<KeptRow.Key, KeptRow>(capacity: 2048)
    /// Whole answers: at most 512 × 1 MiB, in practice 512 × ~50 KB.
    let answers = Memo<KeptAnswer.Key, KeptAnswer>(capacity: 512)
    let library: Library
    let signer: MediaSigner
    let clock: Clock

    init(library: Library, signer: MediaSigner, clock: Clock) {
        self.library = library
        self.signer = signer
        self.clock = clock
    }

    /// The bytes of `shape` for `entry`, drawn by `draw` unless kept ones still show it.
    func row(_ entry: MediaEntry, as shape: KeptRow.Shape, expires: Int, draw: () -> [UInt8]) -> [UInt8] {
        rows.value(KeptRow.Key(id: entry.item.id ?? 0, shape: shape), unless: { !$0.shows(entry, expires: expires) }) {
            _ in KeptRow(entry: entry, expires: expires, bytes: draw())
        }.bytes
    }

    /// A JSON array with the object of `shape` for each entry, each kept with its row: a
    /// listing's answer.
    func jsonList<T: JSONWritable>(_ entries: [MediaEntry], as shape: KeptRow.Shape, object: (MediaEntry) -> T)
        -> Response
    {
        let expires = signer.expiry()
        var writer = JSONWriter(capacity: 256 + entries.count * 550)
        writer.array(entries) { writer, entry in
            writer.raw(row(entry, as: shape, expires: expires) { JSONWriter.bytes(of: object(entry)) })
        }
        return .json(bytes: writer.bytes)
    }

    /// `ownerId`'s listing in `shape`: the kept answer while the owner's library and the URLs'
    /// expiry are as they were, else `draw`'s. A listing shows nothing but the owner's media
    /// rows and what those rows fix (blobs, the owner's and their albums' UUIDs): a client
    /// polling its library costs one small read instead of every item written again.
    func listing(ownerId: Int64, as shape: KeptRow.Shape, draw: () throws -> Response) throws -> Response {
        try answer(KeptAnswer.Key(kind: .listing(shape), subject: ownerId, viewer: ownerId), owner: { ownerId }) {
            (try draw(), signer.standard, nil)
        }
    }

    /// What `draw` answers for `key`, or the kept answer while it holds. `owner` names whose
    /// library the answer is drawn from (nil: nothing to keep, draw every time); `draw` gives
    /// the answer, the policy its URLs were signed under and when it stops holding.
    func answer(
        _ key: KeptAnswer.Key, owner: () throws -> Int64?,
        draw: () throws -> (response: Response, policy: MediaSigner.Policy, until: Date?)
    ) throws -> Response {
        try held(key, owner: owner, marking: false, draw: draw).response
    }

    /// A page kept like an answer (`answer`): `draw` renders it with `Layout.keptCSRF` in the
    /// token's slot, and each response gets `token` freshly masked there, as every page does.
    /// A page that shows what its last form did (the flash) is drawn, not kept.
    func page(
        _ key: KeptAnswer.Key, owner: () throws -> Int64?, token: String,
        draw: () throws -> (response: Response, policy: MediaSigner.Policy, until: Date?)
    ) throws -> Response {
        var (page, marks) = try held(key, owner: owner, marking: true, draw: draw)
        page.body = Slot.fill(
            page.body, marks: marks, of: Layout.csrfSlot, with: Array(CSRFMask.mask(token).utf8))
        return page
    }

    /// The kept answer for `key` while it holds, else `draw`'s (kept when it may be); with
    /// `marking`, where the CSRF slot's mark stands in its body.
    private func held(
        _ key: KeptAnswer.Key, owner: () throws -> Int64?, marking: Bool,
        draw: () throws -> (response: Response, policy: MediaSigner.Policy, until: Date?)
    ) throws -> (response: Response, marks: [Int]) {
        let now = clock.now()
        if let kept = answers.known(key), kept.until.map({ now < $0 }) ?? true,
            signer.expiry(policy: kept.policy, now: now) == kept.expires,
            try library.libraryVersion(ownerId: kept.ownerId) == kept.version
        {
            return (kept.response, kept.marks)
        }
        func marks(_ response: Response) -> [Int] {
            marking ? Slot.marks(of: Layout.csrfSlot, in: response.body) : []
        }
        // The version and the time are taken before drawing: a change meanwhile makes the kept
        // answer newer than its labels, never older, and the next request draws again.
        guard let ownerId = try owner() else {
            let response = try draw().response
            return (response, marks(response))
        }
        let version = try library.libraryVersion(ownerId: ownerId)
        let drawn = try draw()
        let found = marks(drawn.response)
        if drawn.response.status == .ok, drawn.response.body.count <= KeptAnswer.largest {
            answers.store(
                key,
                KeptAnswer(
                    ownerId: ownerId, version: version, policy: drawn.policy,
                    expires: signer.expiry(policy: drawn.policy, now: now), until: drawn.until,
                    response: drawn.response, marks: found))
        }
        return (drawn.response, found)
    }
}
