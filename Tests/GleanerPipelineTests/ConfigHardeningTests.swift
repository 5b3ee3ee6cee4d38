import Foundation
import GleanerTestSupport
import Testing
@testable import GleanerPipeline

/// Pipeline files that used to hang or mislead: alias bombs, unknown tags, huge files,
/// messages at line 0; and `validate` reporting every mistake in one pass.
@Suite struct ConfigHardeningTests {
    static let valid = "sources: {urls: [http://a.org/]}\nsinks: [{type: jsonl, path: o.jsonl}]\n"

    func errors(_ yaml: String) -> [String] {
        errors(bytes: Array(yaml.utf8))
    }

    func errors(bytes: [UInt8]) -> [String] {
        do {
            _ = try PipelineConfig.parse(bytes: bytes, file: "p.yaml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func aliasBombAsKeysIsRefusedAtOnce() {
        var yaml = "a0: &a0 [x, x]\n"
        for level in 1...30 { yaml += "a\(level): &a\(level) {*a\(level - 1): 1, k: *a\(level - 1)}\n" }
        yaml += Self.valid
        let started = Date()
        let found = errors(yaml)
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(found == ["p.yaml:2: a1: an alias (*a0) cannot be a key"])
    }

    @Test func aliasBombAsValuesIsRefusedByItsExpandedSize() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += Self.valid
        let started = Date()
        let found = errors(yaml)
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(found.count == 1)
        #expect(found.first?.contains("aliases expand the document to more than") == true)
    }

    @Test func unknownTagsAreRefusedWithTheirLine() {
        let found = errors("sources: {urls: [http://a.org/]}\nfetch: !custom {timeout: 3}\nname: !!binary aGk=\nsinks: [{type: jsonl, path: o}]\n")
        #expect(found == [
            "p.yaml:2: fetch: unknown tag !custom (pipeline files take plain values)",
            "p.yaml:3: name: unknown tag !!binary (pipeline files take plain values)",
        ])
        #expect(errors("name: !!str x\n" + Self.valid) == [])
    }

    @Test func filesOverOneMegabyteAreRefusedWithoutParsing() throws {
        let big = Self.valid + String(repeating: "# padding padding padding padding\n", count: 40_000)
        let started = Date()
        #expect(errors(big).first?.contains("pipeline files are limited to 1048576 bytes") == true)
        let dir = try TemporaryDirectory()
        let path = try dir.write("big.yaml", big)
        #expect(throws: PipelineConfigErrors.self) { try PipelineConfig.load(path: path) }
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func duplicateKeysNULBytesAndBadSyntaxSayTheirLine() {
        #expect(errors("name: a\n" + Self.valid + "name: b\n") == ["p.yaml:4: name: duplicate key"])
        #expect(errors("name: a\nsources:\n  urls: [http://a.org/]\n  urls: [http://b.org/]\nsinks: [{type: jsonl, path: o}]\n")
            == ["p.yaml:4: sources.urls: duplicate key"])
        #expect(errors("name: a\n\nstate: x\u{0}y\n" + Self.valid) == ["p.yaml:3: not valid YAML: control characters are not allowed (byte 0x0)"])
    }

    @Test func utf16WithAByteOrderMarkIsAccepted() throws {
        let text = "name: ünïcode\n" + Self.valid
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try PipelineConfig.parse(bytes: little, file: "p.yaml").name == "ünïcode")
        #expect(try PipelineConfig.parse(bytes: big, file: "p.yaml").name == "ünïcode")
        #expect(try PipelineConfig.parse(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "p.yaml").name == "ünïcode")
        // Without a BOM, UTF-16's NUL bytes are a syntax error on line 1, not line 0.
        let bare = Array(little.dropFirst(2))
        #expect(errors(bytes: bare).first?.hasPrefix("p.yaml:1: not valid YAML") == true)
    }

    @Test func validateReportsEveryKeyAndTypeMistakeInOnePass() {
        let yaml = """
            name: x
            sources:
              urls: [http://a.org/, ftp://b.org/]
              feed: [http://a.org/feed]
            fetch:
              concurrency: lots
              timeout: soon
            filters: {same_host: maybe}
            normalize: [whitespace, spelling]
            sinks:
              - {type: csv, path: x}
              - {type: jsonl}
            colour: blue
            """
        #expect(errors(yaml) == [
            "p.yaml:3: sources.urls[1]: not an http(s) URL: ftp://b.org/",
            "p.yaml:4: sources.feed: unknown key (allowed here: urls, files, directories, feeds, sitemaps, sites, warc)",
            "p.yaml:6: fetch.concurrency: expected an integer, found \"lots\"",
            "p.yaml:7: fetch.timeout: expected a number, found \"soon\"",
            "p.yaml:8: filters.same_host: expected true or false, found \"maybe\"",
            "p.yaml:9: normalize[1]: unknown normalizer \"spelling\" (known: whitespace, dates, urls, authors, boilerplate)",
            "p.yaml:11: sinks[0].type: unknown sink type \"csv\" (known: jsonl, sqlite, files, warc)",
            "p.yaml:12: sinks[1]: missing required key `path`",
            "p.yaml:13: colour: unknown key (allowed here: name, state, sources, fetch, extract, filters, normalize, boilerplate, duplicates, sites, rules, sinks, discovery, retry_failed_after)",
        ])
        // A syntax error stops at once: one message.
        #expect(errors("sources: [\nsinks: {\n").count == 1)
    }

    @Test func validateCommandPrintsAllProblems() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("p.yaml", "sources: {urls: [http://a.org/]}\nfetch: {retries: -1}\nsinks: [{type: csv, path: o}]\n")
        let run = try GleanerBinary.run(["validate", path])
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").map(String.init) == [
            "\(path):2: fetch.retries: must be at least 0",
            "\(path):3: sinks[0].type: unknown sink type \"csv\" (known: jsonl, sqlite, files, warc)",
        ])
    }

    /// A file that cannot be read names the reason, with no `:0:` line position.
    @Test func validateMissingFileSaysWhy() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("missing.yaml").path
        let run = try GleanerBinary.run(["validate", path])
        #expect(run.status == 1)
        #expect(run.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            == "\(path): cannot read the file: No such file or directory")
    }
}
