import Foundation
import GRDB
import Media

/// `albumen bench seed`: a library of any size in minutes, so a benchmark on a million items can
/// be repeated on a fresh machine. A few real files are imported the ordinary way (sniffed,
/// thumbnailed, stored); every other row copies one of them in SQL, so rows share those blobs
/// and every URL a page signs names a file that exists. The triggers (timeline months, search
/// index, library versions, outbox) see each insert as they would any write, and reference
/// counts are set from the rows at the end, so they stay true.
extension Library {
    public struct SeedRequest: Sendable {
        public var users: Int
        public var albums: Int
        public var media: Int
        /// Every seeded user's password (hashed once).
        public var password: String

        public init(users: Int, albums: Int, media: Int, password: String) {
            (self.users, self.albums, self.media, self.password) = (users, albums, media, password)
        }
    }

    public struct SeedSummary: Sendable {
        public let usernames: [String]
        public let albums: Int
        public let media: Int
        public let shares: Int
        public let blobs: Int
    }

    /// Seeded users are `bench-1` … `bench-N`. Albums go round the users; nine in ten items
    /// fill the albums in equal runs (an album's items are consecutive uploads), the rest are
    /// in no album, dated over twenty years, every 25th a video, every 50th a favourite; every
    /// tenth album of each user is shared with the next user. `progress` hears (items written, items).
    public func seed(_ request: SeedRequest, progress: (Int, Int) -> Void = { _, _ in }) throws -> SeedSummary {
        guard request.users >= 1, request.albums >= 0, request.media >= 6 else {
            throw LibraryError.refused("bench seed needs at least 1 user and 6 items")
        }
        let taken = try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE username LIKE 'bench-%')") ?? false
        }
        if taken { throw LibraryError.refused("this library already holds bench users: seed a fresh data folder") }
        let hash = try PasswordHasher.hash(request.password)
        let now = Date()
        try database.write { db in
            try db.execute(
                sql: Self.numbers + """
                    INSERT INTO users (uuid, username, password_hash, role, created_at)
                    SELECT \(Self.randomUUID), 'bench-' || (i + 1), ?2, 'user', ?3 FROM n
                    """, arguments: [request.users, hash, now])
        }
        let firstUser = try database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE username = 'bench-1'") ?? 0
        }

        // The real files, imported for bench-1 the way an upload is.
        let folder = blobs.scratchFolder + "/bench-seed-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let samples = try SampleMedia.write(into: folder).map { file in
            try importMedia(
                ImportRequest(ownerId: firstUser, file: file, originalFilename: (file as NSString).lastPathComponent))
        }

        let copies = request.media - samples.count
        let perAlbum = request.albums == 0 ? 0 : max(1, copies * 9 / 10 / request.albums)
        let filed = min(copies, perAlbum * request.albums)
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TEMP TABLE seed_users (n INTEGER PRIMARY KEY, id INTEGER NOT NULL);
                    INSERT INTO seed_users SELECT row_number() OVER (ORDER BY id) - 1, id FROM users
                        WHERE username LIKE 'bench-%';
                    CREATE TEMP TABLE seed_albums (n INTEGER PRIMARY KEY, id INTEGER, owner_n INTEGER, owner_id INTEGER);
                    CREATE TEMP TABLE seed_templates (n INTEGER PRIMARY KEY, media_id INTEGER NOT NULL);
                    """)
            for (index, sample) in samples.enumerated() {
                try db.execute(
                    sql: "INSERT INTO seed_templates VALUES (?, ?)", arguments: [index, sample.item.id])
            }
            try db.execute(
                sql: Self.numbers + """
                    INSERT INTO albums (uuid, owner_id, name, link_secret, position, created_at, updated_at)
                    SELECT \(Self.randomUUID), seed_users.id, \(Self.word("i")) || ' ' || (i + 1),
                        lower(hex(randomblob(8))), i / ?2 + 1, ?3, ?3
                    FROM n JOIN seed_users ON seed_users.n = i % ?2
                    """, arguments: [request.albums, request.users, now])
            try db.execute(
                sql: """
                    INSERT INTO seed_albums SELECT row_number() OVER (ORDER BY albums.id) - 1, albums.id,
                        seed_users.n, albums.owner_id
                    FROM albums JOIN seed_users ON seed_users.id = albums.owner_id
                    """)
        }

        // In runs of 50 000, so the write-ahead log stays small and progress can be told.
        let run = 50_000
        var done = 0
        while done < copies {
            let count = min(run, copies - done)
            try database.write { db in
                try db.execute(
                    sql: Self.numbers + """
                        INSERT INTO media (uuid, owner_id, album_id, blob_id, kind, mime, size, width, height,
                            duration, frame_count, title, original_filename, visibility, link_secret,
                            processing_state, position, taken_at, created_at, updated_at, favourite)
                        SELECT \(Self.randomUUID), COALESCE(seed_albums.owner_id, seed_users.id), seed_albums.id,
                            t.blob_id, t.kind, t.mime, t.size, t.width, t.height, t.duration, t.frame_count,
                            \(Self.word("k")) || ' ' || \(Self.word("k / 24")) || ' ' || \(Self.word("k / 576")),
                            printf('IMG_%07d.%s', k, CASE t.kind WHEN 'video' THEN 'mp4' ELSE 'jpg' END),
                            'private', lower(hex(randomblob(8))), 'ready',
                            CASE WHEN seed_albums.id IS NULL THEN 0 ELSE k % ?3 + 1 END,
                            strftime('%Y-%m-%d %H:%M:%f', '2006-01-01', '+' || (k * 631152000 / ?5) || ' seconds'),
                            strftime('%Y-%m-%d %H:%M:%f', ?6, '-' || (?5 - k) || ' seconds'),
                            ?6, k % 50 = 0
                        FROM (SELECT i + ?2 AS k FROM n)
                        JOIN seed_templates ON seed_templates.n =
                            CASE WHEN k % 25 = 24 THEN \(samples.count - 1) ELSE k % \(samples.count - 1) END
                        JOIN media AS t ON t.id = seed_templates.media_id
                        LEFT JOIN seed_albums ON k < ?4 AND seed_albums.n = k / ?3
                        JOIN seed_users ON seed_users.n = k % ?7
                        """,
                    arguments: [count, done, max(perAlbum, 1), filed, copies, now, request.users])
            }
            done += count
            progress(done + samples.count, request.media)
        }

        return try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO shares (uuid, album_id, owner_id, recipient_id, expiration_type, created_at)
                    SELECT \(Self.randomUUID), seed_albums.id, seed_albums.owner_id, recipient.id, 'INDEFINITE', ?2
                    FROM seed_albums JOIN seed_users AS recipient ON recipient.n = (seed_albums.owner_n + 1) % ?1
                    WHERE (seed_albums.n / ?1) % 10 = 0 AND ?1 > 1
                    """, arguments: [request.users, now])
            let shares = db.changesCount
            try db.execute(
                sql: """
                    UPDATE blobs SET ref_count = (SELECT COUNT(*) FROM media WHERE blob_id = blobs.id)
                    WHERE id IN (SELECT blob_id FROM media JOIN seed_templates ON media.id = seed_templates.media_id);
                    DROP TABLE seed_users; DROP TABLE seed_albums; DROP TABLE seed_templates;
                    """)
            // The planner's statistics, as a library that grew to this size over time would have them.
            try db.execute(sql: "ANALYZE")
            return SeedSummary(
                usernames: (1...request.users).map { "bench-\($0)" }, albums: request.albums, media: request.media,
                shares: shares, blobs: samples.count)
        }
    }

    /// `n(i)`: 0 up to the statement's first argument, exclusive.
    private static let numbers =
        "WITH RECURSIVE n(i) AS (SELECT 0 WHERE ?1 > 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1) "

    /// A version-4 UUID, lower case, as `UUID().uuidString.lowercased()` makes them.
    private static let randomUUID = """
        (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) \
        || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' \
        || lower(hex(randomblob(6))))
        """

    /// One of 24 words, chosen by the integer SQL expression `index`: titles and album names a
    /// search can find.
    private static func word(_ index: String) -> String {
        let words =
            ("harbour tram beach market sunset castle river bridge forest garden mountain street cafe "
            + "festival snow lake island church museum station window door lantern boat").split(separator: " ")
        return "(CASE (\(index)) % 24 "
            + words.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)'" }.joined(separator: " ") + " END)"
    }
}
