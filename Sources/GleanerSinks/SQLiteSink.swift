import GRDB
import GleanerModel

/// The embedded store for repeated runs (schema in docs/sinks.md): one row per article,
/// upserted by canonical URL so a story seen again keeps its `first_seen` and gets a new
/// `last_seen`; its comments one row each; failures one row per source.
///
/// The sink never opens transactions itself: the pipeline calls `write` inside its batch
/// transaction, so records and the resume state commit together (same file) or the sink's
/// rows commit first (another file) — idempotent upserts make a replay after a crash harmless.
public struct SQLiteSink: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Creates the tables when missing.
    public static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
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
            """)
    }

    public func write(_ record: SinkRecord, in db: Database) throws {
        switch record.result {
        case .article(let article):
            let text = article.text
            try db.execute(sql: """
                INSERT INTO articles (url, source, headline, published, language, word_count, content_hash, simhash,
                    duplicate_of, similarity, first_seen, last_seen, record)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET source = excluded.source, headline = excluded.headline,
                    published = excluded.published, language = excluded.language, word_count = excluded.word_count,
                    content_hash = excluded.content_hash, simhash = excluded.simhash, duplicate_of = excluded.duplicate_of,
                    similarity = excluded.similarity, last_seen = excluded.last_seen, record = excluded.record
                """,
                arguments: [
                    record.key, article.source, article.headline, article.published, article.language,
                    Article.countWords(text), ArticleJSON.contentHash(of: text), record.simhash.map { Int64(bitPattern: $0) },
                    record.duplicateOf, record.similarity, record.seenAt, record.seenAt, record.jsonLine,
                ])
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM articles WHERE url = ?", arguments: [record.key]) else { return }
            try db.execute(sql: "DELETE FROM comments WHERE article_id = ?", arguments: [id])
            for (position, comment) in article.comments.enumerated() {
                try db.execute(
                    sql: "INSERT INTO comments (article_id, position, parent, author, published, text) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [id, position, comment.parent, comment.author, comment.published, comment.text])
            }
            try db.execute(sql: "DELETE FROM errors WHERE source = ?", arguments: [article.source])
        case .failure(let error):
            try db.execute(sql: """
                INSERT INTO errors (source, stage, code, message, status, first_seen, last_seen, record)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(source) DO UPDATE SET stage = excluded.stage, code = excluded.code, message = excluded.message,
                    status = excluded.status, last_seen = excluded.last_seen, record = excluded.record
                """,
                arguments: [
                    error.source, error.stage.rawValue, error.code, error.message, error.fetch?.status,
                    record.seenAt, record.seenAt, record.jsonLine,
                ])
        }
    }

    /// A page answered 304 or came back byte-identical: only `last_seen` moves.
    public func markSeen(source: String, at time: String, in db: Database) throws {
        try db.execute(sql: "UPDATE articles SET last_seen = ? WHERE source = ?", arguments: [time, source])
    }
}
