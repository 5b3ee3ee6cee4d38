import Foundation
import GRDB

/// The SQLite sink's schema as a list of GRDB migrations, so a database written by any
/// earlier Gleaner is upgraded in place instead of being rebuilt: each migration runs once
/// per file, in order, recorded in GRDB's `grdb_migrations` table. Never edit a shipped
/// migration; add one.
enum SQLiteSinkSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // The first schema. Files made before migrations existed already have these tables
        // and no `grdb_migrations` row: `IF NOT EXISTS` makes this step a no-op for them.
        migrator.registerMigration("sqlite-sink-1") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("sqlite-sink-2-query-columns") { db in
            try addQueryColumns(db)
        }
        migrator.registerMigration("sqlite-sink-3-date-shape") { db in
            try db.execute(sql: dateShape)
        }
        return migrator
    }

    /// SQL turning an ISO 8601 date with any offset (or none: taken as UTC) into the
    /// record's own date shape in UTC, `YYYY-MM-DDTHH:MM:SS+00:00` — or `YYYY-MM-DD` when only
    /// the day is known, as in the record (a midnight would claim a time nobody gave); NULL
    /// when it cannot be read. Text order is still time order (a day sorts before its
    /// times). SQLite's own date functions do the conversion, so inserts and the upgrade
    /// agree; the scalar subquery names `expression` once, so `?` binds one argument.
    static func utc(_ expression: String) -> String {
        "(SELECT CASE WHEN length(v) = 10 THEN date(v) ELSE strftime('%Y-%m-%dT%H:%M:%S+00:00', v) END FROM (SELECT \(expression) AS v))"
    }

    /// The column shape of `sqlite-sink-2-query-columns`, kept as shipped (`…Z`, a day as
    /// its midnight); `sqlite-sink-3-date-shape` rewrites it.
    static func version2UTC(_ expression: String) -> String {
        "strftime('%Y-%m-%dT%H:%M:%SZ', \(expression))"
    }

    /// Version 3: dates in the record's shape (`+00:00`, date-only kept), recomputed from
    /// the JSON record each row keeps — comments from their place in its `comments`.
    static let dateShape = """
        UPDATE articles SET
            published = \(utc("json_extract(record, '$.published')")),
            modified = \(utc("json_extract(record, '$.modified')"));
        UPDATE comments SET published = (
            SELECT \(utc("json_extract(a.record, '$.comments[' || comments.position || '].published')"))
            FROM articles a WHERE a.id = comments.article_id)
        WHERE published IS NOT NULL;
        """

    /// Lower-cased host of a URL, for grouping by site; nil for paths.
    static func host(of url: String) -> String? {
        guard url.contains("://"), let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        return host.lowercased()
    }

    static let version1 = """
        CREATE TABLE IF NOT EXISTS articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            headline TEXT,
            published TEXT,
            language TEXT,
            word_count INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            simhash INTEGER,
            duplicate_of TEXT,
            similarity REAL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
        CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
        CREATE TABLE IF NOT EXISTS comments (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            parent INTEGER,
            author TEXT,
            published TEXT,
            text TEXT NOT NULL,
            UNIQUE(article_id, position)
        );
        CREATE TABLE IF NOT EXISTS errors (
            source TEXT PRIMARY KEY,
            stage TEXT NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            status INTEGER,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            record TEXT NOT NULL
        );
        """

    /// Version 2: the record's fields as columns, dates in UTC, full-text search. Existing
    /// rows are filled from the full JSON line each row already keeps in `record`.
    static func addQueryColumns(_ db: Database) throws {
        for column in ["canonical_url", "host", "lead", "authors", "authors_text", "agency", "site_name", "modified", "page_type", "text"] {
            try db.execute(sql: "ALTER TABLE articles ADD COLUMN \(column) TEXT")
        }
        try db.execute(sql: """
            UPDATE articles SET
                canonical_url = json_extract(record, '$.url'),
                lead = json_extract(record, '$.lead'),
                authors = COALESCE(json_extract(record, '$.authors'), '[]'),
                authors_text = (SELECT group_concat(value, ', ') FROM json_each(articles.record, '$.authors')),
                agency = json_extract(record, '$.agency'),
                site_name = json_extract(record, '$.site_name'),
                published = \(version2UTC("json_extract(record, '$.published')")),
                modified = \(version2UTC("json_extract(record, '$.modified')")),
                page_type = COALESCE(json_extract(record, '$.page_type'), 'article'),
                text = COALESCE(json_extract(record, '$.text'), '');
            UPDATE comments SET published = \(version2UTC("published")) WHERE published IS NOT NULL;
            CREATE INDEX articles_host_published ON articles(host, published);
            CREATE INDEX articles_published ON articles(published);
            CREATE INDEX comments_article ON comments(article_id);
            CREATE INDEX errors_code ON errors(code);
            CREATE VIRTUAL TABLE articles_fts USING fts5(
                headline, lead, text, content='articles', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2');
            CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                INSERT INTO articles_fts(rowid, headline, lead, text) VALUES (new.id, new.headline, new.lead, new.text);
            END;
            CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, headline, lead, text)
                    VALUES ('delete', old.id, old.headline, old.lead, old.text);
            END;
            CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, lead, text ON articles BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, headline, lead, text)
                    VALUES ('delete', old.id, old.headline, old.lead, old.text);
                INSERT INTO articles_fts(rowid, headline, lead, text) VALUES (new.id, new.headline, new.lead, new.text);
            END;
            """)
        // The host is parsed in Swift (URLComponents), one UPDATE per row.
        let rows = try Row.fetchAll(db, sql: "SELECT id, COALESCE(canonical_url, url) AS address FROM articles")
        for row in rows {
            let address: String = row["address"]
            try db.execute(sql: "UPDATE articles SET host = ? WHERE id = ?", arguments: [host(of: address), row["id"] as Int64])
        }
        try db.execute(sql: "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    }
}
