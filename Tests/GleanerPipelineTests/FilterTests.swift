import GleanerTestSupport
import Foundation
import GRDB
import Testing
@testable import GleanerPipeline

/// Record filters, URL filters and a state database separate from the SQLite sink, on
/// saved files (no network).
@Suite struct FilterTests {
    func page(_ language: String, words: Int, date: String) -> String {
        let text = (0..<words).map { "word\($0 % 97)" }.joined(separator: " ")
        return "<html lang=\"\(language)\"><head><title>T</title><meta property=\"article:published_time\" content=\"\(date)\"></head><body><article><h1>Head</h1><p>\(text).</p></article></body></html>"
    }

    @Test func recordFiltersAndSeparateState() throws {
        let directory = try TemporaryDirectory()
        let pages = directory.path("pages")
        try FileManager.default.createDirectory(atPath: pages, withIntermediateDirectories: true)
        try page("de", words: 200, date: "2024-06-01T10:00:00+02:00").write(toFile: pages + "/a.html", atomically: true, encoding: .utf8)
        try page("en-GB", words: 200, date: "2024-06-02T10:00:00Z").write(toFile: pages + "/b.html", atomically: true, encoding: .utf8)
        try page("fr", words: 200, date: "2024-06-02T10:00:00Z").write(toFile: pages + "/c.html", atomically: true, encoding: .utf8)
        try page("de", words: 20, date: "2024-06-02T10:00:00Z").write(toFile: pages + "/d.html", atomically: true, encoding: .utf8)
        try page("de", words: 200, date: "2023-01-01T10:00:00Z").write(toFile: pages + "/e.html", atomically: true, encoding: .utf8)
        let yaml = """
            state: state/run.sqlite
            sources: {directories: [pages]}
            filters: {min_words: 50, languages: [de, en], published_after: '2024-01-01'}
            normalize: [whitespace, dates]
            sinks: [{type: sqlite, path: out/store.sqlite}]
            """
        try yaml.write(toFile: directory.path("p.yaml"), atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(path: directory.path("p.yaml"))
        let result = try PipelineRunner(config: config, options: .init(progress: false)).run()
        #expect(result.counts.extracted == 2)
        #expect(result.counts.filtered == 3)
        let store = try DatabaseQueue(path: directory.path("out/store.sqlite"))
        let rows = try store.read { db in try Row.fetchAll(db, sql: "SELECT source, published FROM articles ORDER BY source") }
        #expect(rows.map { ($0["source"] as String).hasSuffix("/a.html") || ($0["source"] as String).hasSuffix("/b.html") } == [true, true])
        #expect(rows.first?["published"] as String? == "2024-06-01T08:00:00+00:00")
        let state = try DatabaseQueue(path: directory.path("state/run.sqlite"))
        #expect(try state.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue WHERE status = 'done'") } == 5)
        #expect(try state.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs WHERE finished IS NOT NULL") } == 1)
    }

    @Test func urlFilters() throws {
        let yaml = """
            sources: {urls: [https://a.org/news/1]}
            filters: {include: ['/news/'], exclude: ['/news/video/'], same_host: true}
            sinks: [{type: jsonl, path: "-"}]
            """
        let runner = PipelineRunner(config: try PipelineConfig.parse(yaml: yaml, file: "/tmp/p.yaml"))
        #expect(runner.admits("https://a.org/news/2", origin: "a.org"))
        #expect(!runner.admits("https://a.org/sport/2", origin: "a.org"))
        #expect(!runner.admits("https://a.org/news/video/3", origin: "a.org"))
        #expect(!runner.admits("https://b.org/news/2", origin: "a.org"))
    }
}
