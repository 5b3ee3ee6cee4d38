import Foundation
import GRDB
import Gleaner
import GleanerTestSupport
import Testing

/// The SQLite sink as a query store: a database written by an older Gleaner upgrades in
/// place, upserts keep the full-text index in sync, and the example queries of
/// docs/sinks.md run and answer.
@Suite struct SQLiteSinkTests {
    static let repository = LoopbackServer.supportDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let kimURL = "https://baseljetzt.ch/international/kim-jong-un-koennte-putin-bald-waffen-liefern/108734"

    /// A file holding Tests/Support/fixtures/sqlite-sink-v1.sql: schema version 1 as today's
    /// files have it (no `grdb_migrations` table), then migrated by the current code.
    static func upgradedVersion1(in directory: TemporaryDirectory) throws -> DatabaseQueue {
        let dump = try String(contentsOf: LoopbackServer.supportDirectory.appendingPathComponent("fixtures/sqlite-sink-v1.sql"), encoding: .utf8)
        let database = try DatabaseQueue(path: directory.path("v1.sqlite"))
        try database.writeWithoutTransaction { db in try db.execute(sql: dump) }
        #expect(try database.read { db in try db.tableExists("grdb_migrations") } == false)
        try SQLiteSink.migrate(database)
        return database
    }

    @Test func version1DatabaseUpgradesInPlace() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.upgradedVersion1(in: directory)
        try database.read { db throws in
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                == ["sqlite-sink-1", "sqlite-sink-2-query-columns", "sqlite-sink-3-date-shape"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") == 4, "rows kept")
            let kim = try #require(try Row.fetchOne(db, sql: "SELECT * FROM articles WHERE url = ?", arguments: [Self.kimURL]))
            // +02:00 in the record, the record's shape in UTC in the column.
            #expect(kim["published"] as String? == "2023-09-11T12:05:00+00:00")
            #expect(kim["modified"] as String? == "2023-09-11T14:42:17+00:00")
            #expect(kim["host"] as String? == "baseljetzt.ch")
            #expect(kim["canonical_url"] as String? == Self.kimURL)
            #expect(kim["agency"] as String? == "sda/daf")
            #expect(kim["site_name"] as String? == "Baseljetzt")
            #expect(kim["page_type"] as String? == "article")
            #expect((kim["lead"] as String?)?.hasPrefix("Russlands Präsident") == true)
            #expect((kim["text"] as String?)?.contains("Pjöngjang") == true)
            let authors = try #require(try Row.fetchOne(db, sql: "SELECT authors, authors_text FROM articles WHERE authors != '[]'"))
            #expect((authors["authors"] as String).hasPrefix("[\""))
            #expect((authors["authors_text"] as String?)?.contains(", ") == true)
            #expect(try String.fetchOne(db, sql: "SELECT page_type FROM articles WHERE url = 'https://baseljetzt.ch/basel/'") == "index")
            #expect(try String.fetchAll(db, sql: "SELECT published FROM comments WHERE published IS NOT NULL ORDER BY published").first
                == "2023-05-14T10:03:00+00:00")
            #expect(try String.fetchAll(db, sql: "SELECT a.url FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH 'pjongjang'")
                == [Self.kimURL], "the index covers the old rows, diacritics folded")
        }
        // Migrating again changes nothing.
        try SQLiteSink.migrate(database)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") } == 3)
    }

    @Test func upsertsKeepTheFullTextIndexInSync() throws {
        let directory = try TemporaryDirectory()
        let database = try DatabaseQueue(path: directory.path("new.sqlite"))
        try SQLiteSink.migrate(database)
        let sink = SQLiteSink(path: directory.path("new.sqlite"))
        var article = Article(
            source: "https://news.example/a/1", url: "https://News.example/a/1", headline: "Harbour crane toppled",
            lead: "A storm hit the port.", authors: ["Ann Lee", "Bo Chan"], published: "2024-03-01T09:00:00-05:00",
            blocks: [Block(type: .paragraph, text: "Dock workers were unharmed.")])
        try database.write { db throws in
            try sink.write(SinkRecord(result: .article(article), key: article.url!, seenAt: "2024-03-01T15:00:00Z"), in: db)
        }
        article.headline = "Harbour crane repaired"
        try database.write { db throws in
            try sink.write(SinkRecord(result: .article(article), key: article.url!, seenAt: "2024-03-02T15:00:00Z"), in: db)
        }
        try database.read { db throws in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM articles"))
            #expect(row["published"] as String? == "2024-03-01T14:00:00+00:00")
            #expect(row["host"] as String? == "news.example")
            #expect(row["authors"] as String? == #"["Ann Lee","Bo Chan"]"#)
            #expect(row["authors_text"] as String? == "Ann Lee, Bo Chan")
            #expect(row["first_seen"] as String? == "2024-03-01T15:00:00Z")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'toppled'") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'repaired'") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'unharmed'") == 1)
        }
        // The index is consistent with its content table (FTS5 raises an error otherwise).
        try database.write { db in try db.execute(sql: "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)") }
    }

    /// Every date column has the record's shape: UTC `+00:00`, a day alone kept as the day,
    /// unreadable text NULL — the same as the JSON record and the `dates` normalizer.
    @Test func datesHaveTheRecordShape() throws {
        let directory = try TemporaryDirectory()
        let database = try DatabaseQueue(path: directory.path("dates.sqlite"))
        try SQLiteSink.migrate(database)
        var article = Article(
            source: "s", url: "https://e.org/d", headline: "Dates", published: "2024-03-01", modified: "2024-03-02T23:30:00-05:00",
            blocks: [Block(type: .paragraph, text: "Body.")])
        article.comments = [
            Comment(author: "A", published: "2024-03-03T10:00:00Z", text: "One."), Comment(author: "B", published: "2024-03-04", text: "Two."),
            Comment(author: "C", published: "soon", text: "Three."),
        ]
        try database.write { db throws in
            try SQLiteSink(path: "").write(SinkRecord(result: .article(article), key: article.url!, seenAt: "2024-03-05T00:00:00Z"), in: db)
        }
        try database.read { db throws in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT published, modified FROM articles"))
            #expect(row["published"] as String? == "2024-03-01")
            #expect(row["modified"] as String? == "2024-03-03T04:30:00+00:00")
            #expect(try String?.fetchAll(db, sql: "SELECT published FROM comments ORDER BY position") == ["2024-03-03T10:00:00+00:00", "2024-03-04", nil])
        }
    }

    /// The ```sql block under "Example queries" in docs/sinks.md, statement by statement.
    static func documentedQueries() throws -> [String] {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/sinks.md"), encoding: .utf8)
        let section = try #require(text.range(of: "### Example queries"))
        let block = try #require(text[section.upperBound...].range(of: "```sql\n"))
        let end = try #require(text[block.upperBound...].range(of: "```"))
        let body = text[block.upperBound..<end.lowerBound].split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        return body.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    @Test func documentedExampleQueriesAnswer() throws {
        let directory = try TemporaryDirectory()
        let database = try Self.upgradedVersion1(in: directory)
        // A near-duplicate of the Kim story, as the pipeline would store it.
        let copy = Article(source: "https://wire.example/kim", url: "https://wire.example/kim", headline: "Kim could supply Putin",
                           published: "2023-09-11T15:00:00+02:00", blocks: [Block(type: .paragraph, text: "Copy.")])
        try database.write { db throws in
            try SQLiteSink(path: "").write(SinkRecord(result: .article(copy), key: copy.url!, seenAt: "2024-01-01T00:00:00Z",
                                                      duplicateOf: Self.kimURL, similarity: 0.95), in: db)
        }
        let queries = try Self.documentedQueries()
        #expect(queries.count == 5)
        for query in queries {
            let rows = try database.read { db in try Row.fetchAll(db, sql: query) }
            #expect(!rows.isEmpty, "no rows: \(query)")
        }
    }
}
