import Foundation
import GRDB
import GleanerModel

/// The embedded store for repeated runs and for querying (schema and example queries in
/// docs/sinks.md): one row per article, upserted by canonical URL so a story seen again keeps
/// its `first_seen` and gets a new `last_seen`; every field a query filters or sorts on is a
/// column of its own (dates as sortable UTC text), headline + lead + text are searchable
/// through an FTS5 index kept in sync by triggers; comments one row each; failures one row
/// per source.
///
/// The sink never opens transactions itself: the pipeline calls `write` inside its batch
/// transaction, so records and the resume state commit together (same file) or the sink's
/// rows commit first (another file) — idempotent upserts make a replay after a crash harmless.
public struct SQLiteSink: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Creates the tables, or upgrades a database written by an earlier Gleaner in place
    /// (`SQLiteSinkSchema`'s migrations). Call once per file before the first `write`.
    public static func migrate(_ writer: any DatabaseWriter) throws {
        try SQLiteSinkSchema.migrator.migrate(writer)
    }

    public func write(_ record: SinkRecord, in db: Database) throws {
        switch record.result {
        case .article(let article):
            let text = article.text
            var authors = JSONWriter(capacity: 64)
            authors.strings(article.authors)
            try db.execute(sql: """
                INSERT INTO articles (url, canonical_url, host, source, headline, lead, authors, authors_text, agency,
                    site_name, language, published, modified, word_count, page_type, text, content_hash, simhash,
                    duplicate_of, similarity, first_seen, last_seen, record)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(SQLiteSinkSchema.utc("?")), \(SQLiteSinkSchema.utc("?")),
                    ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET canonical_url = excluded.canonical_url, host = excluded.host,
                    source = excluded.source, headline = excluded.headline, lead = excluded.lead,
                    authors = excluded.authors, authors_text = excluded.authors_text, agency = excluded.agency,
                    site_name = excluded.site_name, language = excluded.language, published = excluded.published,
                    modified = excluded.modified, word_count = excluded.word_count, page_type = excluded.page_type,
                    text = excluded.text, content_hash = excluded.content_hash, simhash = excluded.simhash,
                    duplicate_of = excluded.duplicate_of, similarity = excluded.similarity,
                    last_seen = excluded.last_seen, record = excluded.record
                """,
                arguments: [
                    record.key, article.url, SQLiteSinkSchema.host(of: article.url ?? article.source), article.source,
                    article.headline, article.lead, authors.output,
                    article.authors.isEmpty ? nil : article.authors.joined(separator: ", "), article.agency,
                    article.siteName, article.language, article.published, article.modified,
                    Article.countWords(text), article.pageType.rawValue, text, ArticleJSON.contentHash(of: text),
                    record.simhash.map { Int64(bitPattern: $0) }, record.duplicateOf, record.similarity,
                    record.seenAt, record.seenAt, record.jsonLine,
                ])
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM articles WHERE url = ?", arguments: [record.key]) else { return }
            try db.execute(sql: "DELETE FROM comments WHERE article_id = ?", arguments: [id])
            for (position, comment) in article.comments.enumerated() {
                try db.execute(
                    sql: "INSERT INTO comments (article_id, position, parent, author, published, text) VALUES (?, ?, ?, ?, \(SQLiteSinkSchema.utc("?")), ?)",
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
