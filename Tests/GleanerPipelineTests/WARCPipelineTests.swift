import Foundation
import GRDB
import GleanerTestSupport
import GleanerWARC
import Testing
@testable import GleanerPipeline

/// `sources.warc` and the `warc` sink, through the built binary: one line per qualifying
/// record (as `gleaner extract` gives), exactly once across kills and re-runs; every fetched
/// exchange archived.
@Suite(.serialized) struct WARCPipelineTests {
    /// A `.warc.gz` of `count` HTML pages (plus one image response, which is not a page).
    static func makeArchive(_ path: String, count: Int, prefix: String, words: Int = 60) throws {
        let writer = try WARCWriter(.init(path: path))
        defer { writer.close() }
        for index in 0..<count {
            let text = (0..<words).map { "word\($0 % 17)" }.joined(separator: " ")
            let body = "<html><head><title>\(prefix) \(index)</title></head><body><article><h1>\(prefix) headline \(index)</h1><p>\(text) \(prefix) \(index).</p><p>\(text).</p></article></body></html>"
            try writer.write(exchange("http://example.org/\(prefix)/\(index).html", body: body))
        }
        try writer.write(exchange("http://example.org/\(prefix)/logo.png", body: "PNG", headers: ["Content-Type: image/png"]))
    }

    static func exchange(_ url: String, body: String, headers: [String] = ["Content-Type: text/html; charset=utf-8"]) -> HTTPExchange {
        let path = URL(string: url)?.path ?? "/"
        let request = "GET \(path) HTTP/1.1\r\nHost: example.org\r\n\r\n"
        let response = (["HTTP/1.1 200 OK"] + headers).joined(separator: "\r\n") + "\r\n\r\n"
        return HTTPExchange(
            targetURI: url, date: WARCWriter.now(), ipAddress: "127.0.0.1",
            requestHead: Array(request.utf8), responseHead: Array(response.utf8), payload: Array(body.utf8))
    }

    func jsonLines(_ path: String) throws -> [[String: Any]] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func warcSourceMatchesExtractAndReRunWritesNothingTwice() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path("crawl"), withIntermediateDirectories: true)
        try Self.makeArchive(directory.path("crawl/a.warc.gz"), count: 5, prefix: "alpha")
        try Self.makeArchive(directory.path("crawl/b.warc.gz"), count: 4, prefix: "beta")
        let pipeline = directory.path("p.yaml")
        try """
            sources:
              warc: ["crawl/*.warc.gz", missing.warc.gz]
            duplicates: false
            sinks:
              - {type: jsonl, path: out.jsonl}
            """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let first = try GleanerBinary.run(["run", pipeline, "--no-progress"])
        #expect(first.status == 1, "the missing archive is an error record: \(first.stderr)")
        let lines = try jsonLines(directory.path("out.jsonl"))
        #expect(lines.count == 10)
        #expect(lines.filter { $0["error"] != nil }.count == 1)

        // The same records as `gleaner extract` over the same files, in the same order.
        let extract = try GleanerBinary.run(["extract", directory.path("crawl/a.warc.gz"), directory.path("crawl/b.warc.gz")])
        let pages = lines.filter { $0["error"] == nil }
        #expect(pages.map { $0["source"] as? String } == extract.records.map { $0["source"] as? String })
        #expect(pages.map { $0["headline"] as? String } == extract.records.map { $0["headline"] as? String })
        #expect(pages.map { $0["url"] as? String }.first == "http://example.org/alpha/0.html")
        let warc = try #require(pages.first?["warc"] as? [String: Any])
        #expect(warc["file"] as? String == directory.path("crawl/a.warc.gz"))
        #expect(pages.first?["source"] as? String == "\(directory.path("crawl/a.warc.gz"))#\(warc["offset"] as? Int ?? -1)")

        // A later run over the same archives: everything unchanged, nothing written twice;
        // a record added to the glob's match set is picked up.
        try Self.makeArchive(directory.path("crawl/c.warc.gz"), count: 2, prefix: "gamma")
        let second = try GleanerBinary.run(["run", pipeline, "--no-progress"])
        #expect(second.stderr.contains("unchanged 10"), "\(second.stderr)")
        let after = try jsonLines(directory.path("out.jsonl"))
        #expect(after.count == 12)
        let sources = after.compactMap { $0["source"] as? String }
        #expect(Set(sources).count == sources.count)
    }

    @Test func killedWARCRunResumesWithEveryRecordExactlyOnce() throws {
        let directory = try TemporaryDirectory()
        let count = 600
        try Self.makeArchive(directory.path("big.warc.gz"), count: count, prefix: "page", words: 200)
        let pipeline = directory.path("p.yaml")
        try """
            sources:
              warc: [big.warc.gz]
            duplicates: false
            sinks:
              - {type: jsonl, path: out.jsonl}
              - {type: sqlite, path: out.sqlite}
            """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let process = try GleanerBinary.start(["run", pipeline, "--no-progress"], stdout: directory.path("o1"), stderr: directory.path("e1"))
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, ((try? jsonLines(directory.path("out.jsonl")).count) ?? 0) < 20 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let partial = try jsonLines(directory.path("out.jsonl")).count
        #expect(partial > 0 && partial < count, "killed after \(partial) of \(count) records")
        let resumed = try GleanerBinary.run(["run", pipeline, "--no-progress"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming run 1"))
        let sources = try jsonLines(directory.path("out.jsonl")).compactMap { $0["source"] as? String }
        #expect(sources.count == count)
        #expect(Set(sources).count == count)
        let db = try DatabaseQueue(path: directory.path("out.sqlite"))
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(DISTINCT source) FROM articles") } == count)
    }

    /// The cursor serves keys in any order (a resumed run starts in the middle): by seeking
    /// in a per-record gzip file, by reading from the top in a whole-file gzip one.
    @Test func cursorFindsRecordsOutOfOrder() throws {
        let directory = try TemporaryDirectory()
        try Self.makeArchive(directory.path("members.warc.gz"), count: 6, prefix: "m")
        // Whole-file gzip: the same records decoded and compressed as one member.
        let plain = try WARCReaderPlainCopy.decode(directory.path("members.warc.gz"))
        try plain.write(to: URL(fileURLWithPath: directory.path("plain.warc")))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(directory.path("plain.warc"))' > '\(directory.path("whole.warc.gz"))'"]
        try gzip.run()
        gzip.waitUntilExit()
        for name in ["members.warc.gz", "plain.warc", "whole.warc.gz"] {
            let path = directory.path(name)
            let keys = WARCPageStream(path: path).map(WARCRecordCursor.source(of:))
            #expect(keys.count == 6, "\(name)")
            let cursor = WARCRecordCursor()
            for key in [keys[4], keys[5], keys[0], keys[2], keys[3], keys[1]] {
                let item = cursor.take(key)
                guard case .page(let page) = item else { Issue.record("\(name) \(key): \(item)"); continue }
                #expect(page.origin.source == key)
            }
            if case .failure(let error) = cursor.take(path + "#999999") {
                #expect(error.code == "record_missing")
            } else {
                Issue.record("an offset with no record must be record_missing")
            }
        }
    }

    @Test func warcSinkArchivesEveryFetchedExchange() throws {
        let server = try PipelineServer()
        let directory = try TemporaryDirectory()
        let urls = (0..<6).map { server.url("/page/\($0).html") } + [server.url("/missing.html")]
        let pipeline = directory.path("p.yaml")
        try """
            sources:
              urls: [\(urls.joined(separator: ", "))]
            fetch: {delay: 0, per_host: 4, retries: 0}
            duplicates: false
            sinks:
              - {type: jsonl, path: out.jsonl}
              - {type: warc, path: crawl.warc.gz, max_size: 6K}
            """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(path: pipeline)
        #expect(config.sinks.last == .init(kind: .warc, path: directory.path("crawl.warc.gz"), maxSize: 6 * 1024))
        let result = try PipelineRunner(config: config, options: .init(progress: false)).run()
        #expect(result.counts.extracted == 6)
        let archives = try FileManager.default.contentsOfDirectory(atPath: directory.path("")).filter { $0.hasSuffix(".warc.gz") }.sorted()
        #expect(archives.count > 1, "max_size starts new files: \(archives)")
        // Every exchange is there (robots.txt, the 404 too); the pages read back as the run saw them.
        var targets: [String] = []
        for name in archives {
            for case .record(let record) in WARCReader(path: directory.path(name)) where record.type == "response" {
                targets.append(record.targetURI ?? "")
            }
        }
        #expect(Set(urls).isSubset(of: Set(targets)))
        let extract = try GleanerBinary.run(["extract"] + archives.map { directory.path($0) })
        let archivedHeadlines = Set(extract.records.compactMap { $0["headline"] as? String })
        let runHeadlines = Set(try jsonLines(directory.path("out.jsonl")).compactMap { $0["headline"] as? String })
        #expect(!runHeadlines.isEmpty && archivedHeadlines == runHeadlines)

        // A second run appends to the archive (new exchanges: conditional requests).
        let before = archives.map { (try? FileManager.default.attributesOfItem(atPath: directory.path($0))[.size] as? Int) ?? 0 }.reduce(0, +)
        _ = try PipelineRunner(config: config, options: .init(progress: false)).run()
        let after = try FileManager.default.contentsOfDirectory(atPath: directory.path("")).filter { $0.hasSuffix(".warc.gz") }
            .map { (try? FileManager.default.attributesOfItem(atPath: directory.path($0))[.size] as? Int) ?? 0 }.reduce(0, +)
        #expect(after > before)
    }

    @Test func urlFiltersApplyToArchivedPages() throws {
        let directory = try TemporaryDirectory()
        try Self.makeArchive(directory.path("a.warc.gz"), count: 5, prefix: "alpha")
        let pipeline = directory.path("p.yaml")
        try """
            sources: {warc: [a.warc.gz]}
            filters: {exclude: ['/alpha/[13]\\.html']}
            sinks: [{type: jsonl, path: out.jsonl}]
            """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let result = try PipelineRunner(config: try PipelineConfig.load(path: pipeline), options: .init(progress: false)).run()
        #expect(result.counts.extracted == 3)
        #expect(result.counts.excluded == ["exclude": 2])
        let urls = try jsonLines(directory.path("out.jsonl")).compactMap { $0["url"] as? String }
        #expect(urls == ["http://example.org/alpha/0.html", "http://example.org/alpha/2.html", "http://example.org/alpha/4.html"])
    }

    /// `sources.warc` as a mapping selects records like `extract --warc-status` and
    /// `--warc-include-non-html`.
    @Test func warcSourceOptionsSelectRecordsLikeExtract() throws {
        let directory = try TemporaryDirectory()
        try Self.makeArchive(directory.path("a.warc.gz"), count: 5, prefix: "alpha")
        func run(_ source: String, _ name: String) throws -> (lines: [[String: Any]], unused: Int) {
            let pipeline = directory.path("\(name).yaml")
            try "sources: {warc: \(source)}\nduplicates: false\nsinks: [{type: jsonl, path: \(name).jsonl}]\n"
                .write(toFile: pipeline, atomically: true, encoding: .utf8)
            _ = try PipelineRunner(config: try PipelineConfig.load(path: pipeline), options: .init(progress: false)).run()
            return (try jsonLines(directory.path("\(name).jsonl")), 0)
        }
        #expect(try run("[a.warc.gz]", "plain").lines.count == 5)
        #expect(try run("{paths: [a.warc.gz]}", "same").lines.count == 5)
        let all = try run("{paths: [a.warc.gz], include_non_html: true}", "all").lines
        #expect(all.count == 6)
        #expect(all.contains { ($0["url"] as? String)?.hasSuffix("logo.png") == true })
        let extractAll = try GleanerBinary.run(["extract", "--warc-include-non-html", directory.path("a.warc.gz")])
        #expect(extractAll.records.count == 6)
        #expect(try run("{paths: [a.warc.gz], status: [404, 410]}", "gone").lines.isEmpty)
        #expect(try run("{paths: [a.warc.gz], status: [200]}", "ok").lines.count == 5)
    }

    @Test func configChecksWARCSourcesAndSinks() throws {
        let good = try PipelineConfig.parse(yaml: """
            sources: {warc: [a.warc.gz, "dir/*.warc"]}
            sinks: [{type: warc, path: out.warc.gz, max_size: 1GB}, {type: jsonl, path: out.jsonl}]
            """, file: "/p/x.yaml")
        #expect(good.sources.warc == ["/p/a.warc.gz", "/p/dir/*.warc"])
        #expect(good.sinks.first?.maxSize == 1 << 30)
        #expect(good.statePath == "/p/out.jsonl.state.sqlite")
        for (yaml, message) in [
            ("sources: {warc: x.warc}\nsinks: [{type: jsonl, path: o}]", "expected a list"),
            ("sources: {warc: [x.warc]}\nsinks: [{type: warc, path: '-'}]", "a warc sink needs a file path"),
            ("sources: {warc: [x.warc]}\nsinks: [{type: warc, path: o, max_size: lots}]", "expected a size"),
            ("sources: {warc: [x.warc]}\nsinks: [{type: jsonl, path: o, max_size: 1M}]", "`max_size` applies to warc sinks only"),
            ("sources: {warc: {status: [200]}}\nsinks: [{type: jsonl, path: o}]", "a warc source needs `paths`"),
            ("sources: {warc: {paths: [x.warc], status: [99]}}\nsinks: [{type: jsonl, path: o}]", "must be at least 100"),
            ("sources: {warc: {paths: [x.warc], status: [700]}}\nsinks: [{type: jsonl, path: o}]", "an HTTP status is 100…599"),
            ("sources: {warc: {paths: [x.warc], html_only: true}}\nsinks: [{type: jsonl, path: o}]", "html_only"),
        ] {
            do {
                _ = try PipelineConfig.parse(yaml: yaml, file: "/p/x.yaml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }
}

/// The decoded bytes of a `.warc.gz` (gunzip of every member), for building other layouts.
enum WARCReaderPlainCopy {
    static func decode(_ path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc '\(path)'"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
