import GRDB

/// Migrations are frozen history: never edit one that has shipped; add the next.
///
/// v1 lays out the whole domain of DESIGN §3 so later work rarely needs new tables.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-domain") { db in
            try db.execute(sql: v1)
        }
        // Short codes and links are encryptions of ids. Without AUTOINCREMENT SQLite hands the
        // id of a deleted newest row to the next insert, so a code kept from a deleted upload
        // opened whoever uploaded next. Ids that ever named something now never name anything
        // else.
        migrator.registerMigration("v2-ids-never-reused") { db in
            // Codes of rows deleted before this migration may lie above today's largest id; on a
            // database already in use, skip far past them.
            let inUse = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users)") ?? false
            for table in ["albums", "media", "shares"] {
                try rebuildWithAutoincrement(db, table: table, skip: inUse ? 1_000_000 : 0)
            }
        }
        // Seed 000: album names may be null or empty (still at most 255 bytes), plans gain the
        // limits its storage answer names, shares a "seen" mark, and an uploader's bytes keep
        // the content id they were first given, even after that content was deleted.
        migrator.registerMigration("v3-shared-albums") { db in
            try rebuildAlbumsWithOptionalNames(db)
            try db.execute(sql: v3)
        }
        // A number per owner that moves whenever any of their media, albums or shares (and the
        // views counted through those shares) change, or their account is disabled or
        // enabled, so an answer drawn from those rows (a listing, a shared album's details)
        // can be kept until it moves. Triggers, not Swift code: they also see the CLI,
        // imports, and the album deletions whose `ON DELETE SET NULL` rewrites media rows
        // (SQLite fires UPDATE triggers for foreign-key actions). A later rebuild of one of
        // these tables drops its triggers with it: make them again after it.
        migrator.registerMigration("v4-library-versions") { db in
            try db.execute(sql: v4)
        }
        // Links to albums that anyone may open without an account (`AlbumLinks`): one per
        // album, its secret in the URL, an optional argon2id password, an end and a view limit.
        migrator.registerMigration("v5-album-links") { db in
            try db.execute(sql: v5)
        }
        // The library of issue 14: a trash (an item keeps the album it left, to go back to),
        // favourites, the camera details the info panel shows, an index by date taken for the
        // timeline, and full-text search over everything a person remembers of a photo.
        migrator.registerMigration("v6-library") { db in
            try db.execute(sql: v6)
            try db.execute(sql: SearchIndex.triggers)
            try db.execute(
                sql: "INSERT INTO media_search (rowid, \(SearchIndex.columns)) " + SearchIndex.document(where: "1"))
        }
        // The Pictures API (seed 001): an album's PIN price (its PIN is the album link's
        // password), a session a group manager is using for one of their members, and who
        // added an item when that was the owner's manager.
        migrator.registerMigration("v7-pictures") { db in
            try db.execute(sql: v7)
        }
        // The LabeledAlbums API (seed 002): a person an album is shared with may be made one of
        // its admins, and an album may show a preview to anyone holding its id. Webhooks: the
        // subscriptions, and an outbox filled by triggers in the very transaction of the change
        // an event reports (so a crash cannot drop one, and the CLI and imports are heard too),
        // each delivery attempt kept.
        migrator.registerMigration("v8-labeled-albums") { db in
            try db.execute(sql: v8)
            try db.execute(sql: Outbox.triggers)
        }
        // Object storage: which store holds the library's files (every command refuses to run
        // on the other one), and the files `storage migrate` has copied and verified so far
        // (so a killed migration resumes where it was).
        migrator.registerMigration("v9-storage") { db in
            try db.execute(sql: v9)
        }
        // Scale (issue 19): what a page shows is read through an index or kept, never counted
        // over a whole library. The items anyone but their owner may be shown (public or by
        // link), few beside the private ones, so a gallery's count is the kept count less these;
        // the items a group manager added; albums by when they changed (the "move to" lists);
        // and each album's size, kept by triggers like the timeline's months.
        migrator.registerMigration("v10-scale") { db in
            try db.execute(sql: v10)
        }
        // The owner's album page is kept like the dialects' answers (issue 19), so everything it
        // shows moves the owner's library version: their album links (state and views), the
        // labels on their items, and the names and roles of the owner and the people they share
        // with (a renamed recipient is shown by their new name).
        migrator.registerMigration("v11-page-versions") { db in
            try db.execute(sql: v11)
        }
        // Lists read a page at a time in the order they show: "Shared with me" newest first (the
        // index by recipient alone made a page read and sort all of someone's shares, 4 ms for
        // 450), and seed 002's albums someone owns or takes part in by id (`AlbumRoles`).
        migrator.registerMigration("v12-ordered-lists") { db in
            try db.execute(
                sql: """
                    CREATE INDEX shares_recipient_newest ON shares(recipient_id, created_at, id);
                    CREATE INDEX shares_recipient_album ON shares(recipient_id, album_id);
                    DROP INDEX shares_recipient;
                    CREATE INDEX albums_owner_id ON albums(owner_id);
                    """)
        }
        // "Shared with me" says how many albums are shared with someone: kept per recipient, as
        // album sizes are, not counted per request (counting 450 shares was 0.2-0.3 ms of the
        // page at a million). Each change recounts the recipients it touches: shares change
        // seldom, and a recount cannot drift, whatever order a cascade deletes rows in.
        migrator.registerMigration("v13-inbox-sizes") { db in
            try db.execute(sql: v13)
        }
        return migrator
    }

    /// `albums` again with `name` nullable and 0 to 255 bytes: same columns in the same order,
    /// same rows, ids, sequence and indexes (foreign keys are off during migrations).
    private static func rebuildAlbumsWithOptionalNames(_ db: Database) throws {
        let master = "SELECT sql FROM sqlite_master WHERE tbl_name = 'albums' AND type = ? AND sql IS NOT NULL"
        let old = "    name TEXT NOT NULL CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 255),"
        guard let create = try String.fetchOne(db, sql: master, arguments: ["table"]), create.contains(old) else {
            throw DatabaseError(message: "albums is not the table v2 made")
        }
        let indexes = try String.fetchAll(db, sql: master, arguments: ["index"])
        // After v2's rename SQLite keeps the name quoted: `CREATE TABLE "albums" (`.
        guard let open = create.firstIndex(of: "(") else { throw DatabaseError(message: "albums has no columns") }
        let rebuilt = ("CREATE TABLE albums_rebuilt " + create[open...])
            .replacingOccurrences(
                of: old, with: "    name TEXT CHECK (name IS NULL OR length(CAST(name AS BLOB)) <= 255),")
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'albums'")
        try db.execute(sql: rebuilt)
        try db.execute(sql: "INSERT INTO albums_rebuilt SELECT * FROM albums")
        try db.execute(sql: "DROP TABLE albums")
        try db.execute(sql: "ALTER TABLE albums_rebuilt RENAME TO albums")
        for index in indexes { try db.execute(sql: index) }
        try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name IN ('albums', 'albums_rebuilt')")
        if let sequence {
            try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES ('albums', ?)", arguments: [sequence])
        }
    }

    private static let v3 = """
        ALTER TABLE plans ADD COLUMN max_viewable_albums INTEGER;
        ALTER TABLE plans ADD COLUMN max_viewable_videos INTEGER;
        ALTER TABLE plans ADD COLUMN max_shareable_albums INTEGER;

        -- The recipient has looked at the shared album (or marked it read) since it was shared.
        ALTER TABLE shares ADD COLUMN seen_at DATETIME;
        CREATE UNIQUE INDEX shares_album_recipient ON shares(album_id, recipient_id);

        -- The content id an uploader's bytes were first given (seed 000: the same bytes answer
        -- the same contentId, also after that content was deleted).
        CREATE TABLE upload_results (
            owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL,
            media_id INTEGER NOT NULL,
            PRIMARY KEY (owner_id, sha256)
        ) WITHOUT ROWID;
        """

    private static let v5 = """
        CREATE TABLE album_links (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            album_id INTEGER NOT NULL UNIQUE REFERENCES albums(id) ON DELETE CASCADE,
            owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            secret TEXT NOT NULL UNIQUE,
            password_hash TEXT,
            expires_at DATETIME,
            view_limit INTEGER CHECK (view_limit IS NULL OR view_limit > 0),
            views INTEGER NOT NULL DEFAULT 0,
            downloads INTEGER NOT NULL DEFAULT 0 CHECK (downloads IN (0, 1)),
            created_at DATETIME NOT NULL
        );
        """

    private static let v10 = """
        CREATE INDEX media_owner_shown ON media(owner_id, visibility, created_at)
            WHERE visibility != 'private' AND trashed_at IS NULL;
        CREATE INDEX media_added ON media(owner_id, created_at) WHERE added_by IS NOT NULL;
        CREATE INDEX albums_owner_updated ON albums(owner_id, updated_at);

        CREATE TABLE album_sizes (
            album_id INTEGER PRIMARY KEY REFERENCES albums(id) ON DELETE CASCADE,
            count INTEGER NOT NULL
        );
        INSERT INTO album_sizes SELECT album_id, COUNT(*) FROM media WHERE album_id IS NOT NULL GROUP BY album_id;
        CREATE TRIGGER album_sizes_insert AFTER INSERT ON media WHEN NEW.album_id IS NOT NULL BEGIN
            INSERT INTO album_sizes VALUES (NEW.album_id, 1) ON CONFLICT (album_id) DO UPDATE SET count = count + 1;
        END;
        CREATE TRIGGER album_sizes_delete AFTER DELETE ON media WHEN OLD.album_id IS NOT NULL BEGIN
            UPDATE album_sizes SET count = count - 1 WHERE album_id = OLD.album_id;
        END;
        -- Also heard when an album's deletion sets its items' album_id to NULL (its own row is
        -- gone with it by then).
        CREATE TRIGGER album_sizes_move AFTER UPDATE OF album_id ON media
        WHEN OLD.album_id IS NOT NEW.album_id BEGIN
            UPDATE album_sizes SET count = count - 1 WHERE album_id = OLD.album_id;
            INSERT INTO album_sizes SELECT NEW.album_id, 1 WHERE NEW.album_id IS NOT NULL
                ON CONFLICT (album_id) DO UPDATE SET count = count + 1;
        END;
        """

    private static let v11 = """
        CREATE TRIGGER album_links_version_insert AFTER INSERT ON album_links BEGIN
            \(bumpVersion(of: "NEW.owner_id"))
        END;
        CREATE TRIGGER album_links_version_update AFTER UPDATE ON album_links BEGIN
            \(bumpVersion(of: "NEW.owner_id"))
            \(bumpVersion(of: "OLD.owner_id"))
        END;
        CREATE TRIGGER album_links_version_delete AFTER DELETE ON album_links BEGIN
            \(bumpVersion(of: "OLD.owner_id"))
        END;
        CREATE TRIGGER media_labels_version_insert AFTER INSERT ON media_labels BEGIN
            \(bumpVersions(ownersIn: "media WHERE id = NEW.media_id"))
        END;
        CREATE TRIGGER media_labels_version_update AFTER UPDATE ON media_labels BEGIN
            \(bumpVersions(ownersIn: "media WHERE id = NEW.media_id"))
        END;
        CREATE TRIGGER media_labels_version_delete AFTER DELETE ON media_labels BEGIN
            \(bumpVersions(ownersIn: "media WHERE id = OLD.media_id"))
        END;
        CREATE TRIGGER users_version_shown AFTER UPDATE OF username, role ON users BEGIN
            \(bumpVersion(of: "NEW.id"))
            \(bumpVersions(ownersIn: "shares WHERE recipient_id = NEW.id"))
        END;
        """

    /// Moves the library version of `owner` (an SQL expression naming a user), as v4's triggers do.
    private static func bumpVersion(of owner: String) -> String {
        """
        INSERT INTO library_versions (owner_id, version) VALUES (\(owner), 1)
            ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        """
    }

    /// Moves the library version of the `owner_id` of each row of `rows` (`table WHERE …`; the
    /// WHERE keeps SQLite from reading the upsert's ON as a join's). An owner with several rows
    /// moves several times: any move is a change.
    private static func bumpVersions(ownersIn rows: String) -> String {
        """
        INSERT INTO library_versions (owner_id, version) SELECT owner_id, 1 FROM \(rows)
            ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        """
    }

    private static let v13 = """
        CREATE TABLE inbox_sizes (
            recipient_id INTEGER PRIMARY KEY,
            count INTEGER NOT NULL
        );
        INSERT INTO inbox_sizes (recipient_id, count)
            SELECT shares.recipient_id, COUNT(*) FROM shares JOIN users ON users.id = shares.owner_id AND users.disabled = 0
            WHERE shares.recipient_id IS NOT NULL GROUP BY shares.recipient_id;
        CREATE TRIGGER inbox_sizes_share_insert AFTER INSERT ON shares BEGIN
            \(recountInbox(of: "NEW.recipient_id"))
        END;
        CREATE TRIGGER inbox_sizes_share_delete AFTER DELETE ON shares BEGIN
            \(recountInbox(of: "OLD.recipient_id"))
        END;
        CREATE TRIGGER inbox_sizes_share_move AFTER UPDATE OF recipient_id, owner_id ON shares BEGIN
            \(recountInbox(of: "OLD.recipient_id"))
            \(recountInbox(of: "NEW.recipient_id"))
        END;
        CREATE TRIGGER inbox_sizes_owner_disabled AFTER UPDATE OF disabled ON users BEGIN
            INSERT INTO inbox_sizes (recipient_id, count)
                SELECT mine.recipient_id, \(inboxCount(of: "mine.recipient_id"))
                FROM (SELECT DISTINCT recipient_id FROM shares WHERE owner_id = NEW.id AND recipient_id IS NOT NULL) AS mine
                WHERE true
                ON CONFLICT (recipient_id) DO UPDATE SET count = excluded.count;
        END;
        """

    /// How many shares `recipient` (an SQL expression) has from owners who may sign in: what
    /// "Shared with me" lists.
    private static func inboxCount(of recipient: String) -> String {
        """
        (SELECT COUNT(*) FROM shares JOIN users ON users.id = shares.owner_id AND users.disabled = 0
            WHERE shares.recipient_id = \(recipient))
        """
    }

    /// Sets `recipient`'s kept count to what counting says (nothing for a share without one).
    private static func recountInbox(of recipient: String) -> String {
        """
        INSERT INTO inbox_sizes (recipient_id, count) SELECT \(recipient), \(inboxCount(of: recipient))
            WHERE \(recipient) IS NOT NULL
            ON CONFLICT (recipient_id) DO UPDATE SET count = excluded.count;
        """
    }

    private static let v9 = """
        CREATE TABLE storage_location (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            kind TEXT NOT NULL CHECK (kind IN ('local', 's3')),
            changed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        INSERT INTO storage_location (id, kind) VALUES (1, 'local');
        CREATE TABLE storage_copies (
            target TEXT NOT NULL CHECK (target IN ('local', 's3')),
            relative TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (target, relative)
        ) WITHOUT ROWID;
        """

    private static let v8 = """
        ALTER TABLE shares ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE albums ADD COLUMN preview_enabled INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX media_labels_label ON media_labels(label, restricted);

        CREATE TABLE webhooks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            event TEXT NOT NULL CHECK (event IN ('newPhoto', 'newAlbum', 'photoLabelAdded')),
            target_url TEXT NOT NULL,
            album_id INTEGER REFERENCES albums(id) ON DELETE CASCADE,
            label TEXT,
            metadata TEXT NOT NULL DEFAULT '{}',
            created_at DATETIME NOT NULL
        );
        CREATE INDEX webhooks_owner ON webhooks(owner_id, id);
        CREATE INDEX webhooks_album ON webhooks(album_id, event) WHERE album_id IS NOT NULL;

        CREATE TABLE webhook_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
            media_id INTEGER,
            album_id INTEGER,
            label TEXT,
            created_at DATETIME NOT NULL,
            next_attempt_at DATETIME NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            delivered_at DATETIME,
            failed_at DATETIME
        );
        CREATE INDEX webhook_events_due ON webhook_events(next_attempt_at)
            WHERE delivered_at IS NULL AND failed_at IS NULL;
        CREATE INDEX webhook_events_recent ON webhook_events(webhook_id, media_id, label, created_at);

        CREATE TABLE webhook_attempts (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
            attempted_at DATETIME NOT NULL,
            status INTEGER,
            error TEXT
        );
        CREATE INDEX webhook_attempts_event ON webhook_attempts(event_id);
        """

    private static let v7 = """
        ALTER TABLE albums ADD COLUMN pin_price REAL;
        ALTER TABLE sessions ADD COLUMN acting_for INTEGER REFERENCES users(id) ON DELETE SET NULL;
        ALTER TABLE media ADD COLUMN added_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
        """

    private static let v6 = """
        -- In the trash since; its album is in trashed_from_album_id meanwhile (album_id is NULL,
        -- so every album query leaves it out without knowing about the trash).
        ALTER TABLE media ADD COLUMN trashed_at DATETIME;
        ALTER TABLE media ADD COLUMN trashed_from_album_id INTEGER REFERENCES albums(id) ON DELETE SET NULL;
        ALTER TABLE media ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX media_trashed ON media(owner_id, trashed_at) WHERE trashed_at IS NOT NULL;
        CREATE INDEX media_favourites ON media(owner_id, created_at) WHERE favourite = 1;
        -- The timeline's order: the date taken, else the upload date (the same expression in
        -- every query that wants this index).
        -- Partial indexes of what is not in the trash, so the listings' counts and pages read
        -- the index alone.
        CREATE INDEX media_owner_timeline ON media(owner_id, COALESCE(taken_at, created_at))
            WHERE trashed_at IS NULL;
        CREATE INDEX media_owner_kept ON media(owner_id, created_at) WHERE trashed_at IS NULL;

        -- How many items each month of an owner's timeline holds, kept by triggers: the jump
        -- control lists the months without grouping the whole library on every page.
        CREATE TABLE timeline_months (
            owner_id INTEGER NOT NULL,
            month TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (owner_id, month)
        ) WITHOUT ROWID;
        INSERT INTO timeline_months (owner_id, month, count)
            SELECT owner_id, strftime('%Y-%m', COALESCE(taken_at, created_at)), COUNT(*) FROM media
            WHERE trashed_at IS NULL GROUP BY 1, 2;
        CREATE TRIGGER timeline_months_insert AFTER INSERT ON media WHEN NEW.trashed_at IS NULL BEGIN
            INSERT INTO timeline_months (owner_id, month, count)
                VALUES (NEW.owner_id, strftime('%Y-%m', COALESCE(NEW.taken_at, NEW.created_at)), 1)
                ON CONFLICT (owner_id, month) DO UPDATE SET count = count + 1;
        END;
        CREATE TRIGGER timeline_months_delete AFTER DELETE ON media WHEN OLD.trashed_at IS NULL BEGIN
            UPDATE timeline_months SET count = count - 1
                WHERE owner_id = OLD.owner_id AND month = strftime('%Y-%m', COALESCE(OLD.taken_at, OLD.created_at));
        END;
        CREATE TRIGGER timeline_months_update_old
        AFTER UPDATE OF owner_id, taken_at, created_at, trashed_at ON media WHEN OLD.trashed_at IS NULL BEGIN
            UPDATE timeline_months SET count = count - 1
                WHERE owner_id = OLD.owner_id AND month = strftime('%Y-%m', COALESCE(OLD.taken_at, OLD.created_at));
        END;
        CREATE TRIGGER timeline_months_update_new
        AFTER UPDATE OF owner_id, taken_at, created_at, trashed_at ON media WHEN NEW.trashed_at IS NULL BEGIN
            INSERT INTO timeline_months (owner_id, month, count)
                VALUES (NEW.owner_id, strftime('%Y-%m', COALESCE(NEW.taken_at, NEW.created_at)), 1)
                ON CONFLICT (owner_id, month) DO UPDATE SET count = count + 1;
        END;

        -- What the camera wrote, for the info panel and search; a row only when any was found.
        CREATE TABLE media_details (
            media_id INTEGER PRIMARY KEY REFERENCES media(id) ON DELETE CASCADE,
            camera_make TEXT,
            camera_model TEXT,
            lens TEXT,
            f_number REAL,
            exposure_time REAL,
            iso INTEGER,
            focal_length REAL,
            latitude REAL,
            longitude REAL
        );

        CREATE VIRTUAL TABLE media_search USING fts5(
            title, description, filename, tags, labels, album, camera, taken,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """

    private static let v4 = """
        CREATE TABLE library_versions (
            owner_id INTEGER PRIMARY KEY,
            version INTEGER NOT NULL
        );
        CREATE TRIGGER media_version_insert AFTER INSERT ON media BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (NEW.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER media_version_update AFTER UPDATE ON media BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (NEW.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
            INSERT INTO library_versions (owner_id, version) VALUES (OLD.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER media_version_delete AFTER DELETE ON media BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (OLD.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER albums_version_insert AFTER INSERT ON albums BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (NEW.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER albums_version_update AFTER UPDATE ON albums BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (NEW.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
            INSERT INTO library_versions (owner_id, version) VALUES (OLD.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER albums_version_delete AFTER DELETE ON albums BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (OLD.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER shares_version_insert AFTER INSERT ON shares BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (NEW.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER shares_version_update AFTER UPDATE ON shares BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (NEW.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
            INSERT INTO library_versions (owner_id, version) VALUES (OLD.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER shares_version_delete AFTER DELETE ON shares BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (OLD.owner_id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER share_views_version_insert AFTER INSERT ON share_views BEGIN
            INSERT INTO library_versions (owner_id, version) SELECT owner_id, 1 FROM shares WHERE id = NEW.share_id
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER share_views_version_update AFTER UPDATE ON share_views BEGIN
            INSERT INTO library_versions (owner_id, version) SELECT owner_id, 1 FROM shares WHERE id = NEW.share_id
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER share_views_version_delete AFTER DELETE ON share_views BEGIN
            INSERT INTO library_versions (owner_id, version) SELECT owner_id, 1 FROM shares WHERE id = OLD.share_id
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER users_version_disabled AFTER UPDATE OF disabled ON users BEGIN
            INSERT INTO library_versions (owner_id, version) VALUES (NEW.id, 1)
                ON CONFLICT (owner_id) DO UPDATE SET version = version + 1;
        END;
        """

    /// Rebuilds `table` (as v1 made it) with `id INTEGER PRIMARY KEY AUTOINCREMENT`: same columns
    /// in the same order, same rows and ids, same indexes; the next id is the largest so far plus
    /// `skip` plus one. GRDB runs migrations with foreign keys off and checks them afterwards,
    /// so the rows that point at `table` keep pointing at the same ids.
    private static func rebuildWithAutoincrement(_ db: Database, table: String, skip: Int) throws {
        let master = "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type = ? AND sql IS NOT NULL"
        guard let create = try String.fetchOne(db, sql: master, arguments: [table, "table"]),
            create.hasPrefix("CREATE TABLE \(table) (\n    id INTEGER PRIMARY KEY,")
        else { throw DatabaseError(message: "\(table) is not the table v1 made") }
        let indexes = try String.fetchAll(db, sql: master, arguments: [table, "index"])
        let rebuilt = create.replacingOccurrences(
            of: "CREATE TABLE \(table) (\n    id INTEGER PRIMARY KEY,",
            with: "CREATE TABLE \(table)_rebuilt (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,")
        try db.execute(sql: rebuilt)
        try db.execute(sql: "INSERT INTO \(table)_rebuilt SELECT * FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(table)_rebuilt RENAME TO \(table)")
        for index in indexes { try db.execute(sql: index) }
        try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = ?", arguments: [table])
        try db.execute(
            sql: "INSERT INTO sqlite_sequence (name, seq) SELECT ?, coalesce(max(id), 0) + ? FROM \(table)",
            arguments: [table, skip])
    }

    private static let v1 = """
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            max_file_bytes INTEGER,
            max_albums INTEGER,
            max_items_per_album INTEGER,
            max_videos_per_album INTEGER,
            min_video_seconds REAL,
            max_video_seconds REAL,
            max_shares INTEGER,
            allowed_types TEXT
        );

        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
            plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            private_gallery INTEGER NOT NULL DEFAULT 0,
            created_at DATETIME NOT NULL
        );

        CREATE TABLE groups (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            manager_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at DATETIME NOT NULL
        );

        CREATE TABLE group_members (
            group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX group_members_user ON group_members(user_id);

        -- Private-gallery subscriptions (seed 001): subscriber may see owner's private gallery.
        CREATE TABLE subscriptions (
            subscriber_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at DATETIME NOT NULL,
            PRIMARY KEY (subscriber_id, owner_id)
        ) WITHOUT ROWID;
        CREATE INDEX subscriptions_owner ON subscriptions(owner_id);

        -- Credentials: only hashes of secrets are stored.
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE,
            csrf_token TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            expires_at DATETIME NOT NULL,
            ip TEXT,
            user_agent TEXT
        );
        CREATE INDEX sessions_user ON sessions(user_id);

        CREATE TABLE api_keys (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            key_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            expires_at DATETIME,
            last_used_at DATETIME,
            revoked_at DATETIME
        );
        CREATE INDEX api_keys_user ON api_keys(user_id);

        CREATE TABLE tokens (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            token_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            expires_at DATETIME,
            last_used_at DATETIME,
            revoked_at DATETIME
        );
        CREATE INDEX tokens_user ON tokens(user_id);

        -- Content-addressed bytes, stored once and reference-counted.
        CREATE TABLE blobs (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            md5 TEXT NOT NULL,
            size INTEGER NOT NULL,
            mime TEXT NOT NULL,
            extension TEXT NOT NULL,
            ref_count INTEGER NOT NULL DEFAULT 0 CHECK (ref_count >= 0),
            -- When the last media row let go: the file stays until signed URLs issued before
            -- that have expired (seed 000), then the sweeper removes it.
            orphaned_at DATETIME,
            created_at DATETIME NOT NULL
        );
        CREATE INDEX blobs_md5 ON blobs(md5);
        CREATE INDEX blobs_orphaned ON blobs(orphaned_at) WHERE orphaned_at IS NOT NULL;

        CREATE TABLE derivatives (
            blob_id INTEGER NOT NULL REFERENCES blobs(id) ON DELETE CASCADE,
            variant TEXT NOT NULL,
            mime TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            size INTEGER NOT NULL,
            created_at DATETIME NOT NULL,
            PRIMARY KEY (blob_id, variant)
        ) WITHOUT ROWID;

        CREATE TABLE albums (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 255),
            description TEXT NOT NULL DEFAULT '',
            visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'link', 'public')),
            link_secret TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 1,
            cover_media_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX albums_owner ON albums(owner_id, position);

        CREATE TABLE media (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            album_id INTEGER REFERENCES albums(id) ON DELETE SET NULL,
            blob_id INTEGER NOT NULL REFERENCES blobs(id),
            kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'live')),
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            width INTEGER NOT NULL DEFAULT 0,
            height INTEGER NOT NULL DEFAULT 0,
            duration REAL,
            frame_count INTEGER NOT NULL DEFAULT 1,
            title TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            original_filename TEXT NOT NULL DEFAULT '',
            nsfw INTEGER NOT NULL DEFAULT 0,
            is_safe INTEGER NOT NULL DEFAULT 1,
            visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'link', 'public')),
            link_secret TEXT NOT NULL UNIQUE,
            delete_secret_hash TEXT,
            processing_state TEXT NOT NULL DEFAULT 'pending' CHECK (processing_state IN ('pending', 'ready', 'failed')),
            position INTEGER NOT NULL DEFAULT 0,
            taken_at DATETIME,
            expires_at DATETIME,
            uploader_ip TEXT,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        );
        CREATE INDEX media_owner_created ON media(owner_id, created_at);
        CREATE INDEX media_album_position ON media(album_id, position);
        CREATE INDEX media_blob ON media(blob_id);
        CREATE INDEX media_expires ON media(expires_at) WHERE expires_at IS NOT NULL;

        CREATE TABLE media_tags (
            media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (media_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX media_tags_tag ON media_tags(tag);

        -- Labels (seed 002); restricted ones are visible to the owner only.
        CREATE TABLE media_labels (
            media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            restricted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (media_id, label)
        ) WITHOUT ROWID;

        -- Album shares (seed 000): the clock of a timed share starts at the first view.
        CREATE TABLE shares (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            album_id INTEGER NOT NULL REFERENCES albums(id) ON DELETE CASCADE,
            owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            recipient_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
            expiration_type TEXT NOT NULL DEFAULT 'never',
            duration_seconds INTEGER,
            views_per_item INTEGER,
            first_viewed_at DATETIME,
            expires_at DATETIME,
            created_at DATETIME NOT NULL
        );
        CREATE INDEX shares_album ON shares(album_id);
        CREATE INDEX shares_recipient ON shares(recipient_id);

        CREATE TABLE share_views (
            share_id INTEGER NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
            media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
            remaining_views INTEGER NOT NULL,
            PRIMARY KEY (share_id, media_id)
        ) WITHOUT ROWID;
        """
}
