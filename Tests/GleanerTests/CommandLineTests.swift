import GleanerTestSupport
import Foundation
import Testing

/// The `gleaner extract` contract, checked against the built binary.
@Suite struct CommandLineTests {
    static let page = BadInputTests.goodPage

    @Test func standardInputAndBaseURL() throws {
        let run = try GleanerBinary.run(
            ["extract", "-", "--base-url", "https://example.org/news/1"], stdin: Data(Self.page.utf8))
        #expect(run.status == 0)
        #expect(run.records.count == 1)
        #expect(run.records[0]["source"] as? String == "-")
        #expect(run.records[0]["url"] as? String == "https://example.org/news/1")
        #expect(run.records[0]["schema"] as? String == "gleaner.article/1")
    }

    @Test func pathsFromFileKeepsOrderAndSkipsComments() throws {
        let dir = try TemporaryDirectory()
        let first = try dir.write("one.html", Self.page)
        let second = try dir.write("two.html", Self.page.replacingOccurrences(of: "Good page", with: "Second page"))
        let list = try dir.write("list.txt", "# pages\n\(second)\n\n\(first)\n")
        let run = try GleanerBinary.run(["extract", "--paths-from", list])
        #expect(run.records.compactMap { $0["source"] as? String } == [second, first])
        #expect(run.records.first?["headline"] as? String == "Second page")
    }

    @Test func outputFileReceivesRecordsAndStdoutStaysEmpty() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("page.html.gz", try BadInputTests.gzip(Data(Self.page.utf8)))
        let output = dir.url.appendingPathComponent("out.jsonl").path
        let run = try GleanerBinary.run(["extract", input, "--output", output, "--jobs", "1"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.hasSuffix("\n"))
        #expect(written.split(separator: "\n").count == 1)
        #expect(written.contains("\"headline\":\"Good page\""))
        #expect(run.stderr.contains("gleaner: 1 input, 1 record\n"))
    }

    @Test func recordKeysComeInTheDocumentedOrder() throws {
        let run = try GleanerBinary.run(["extract", "-"], stdin: Data(Self.page.utf8))
        let line = run.stdout
        let keys = ["\"schema\"", "\"source\"", "\"url\"", "\"page_type\"", "\"headline\"", "\"lead\"", "\"site_name\"",
                    "\"language\"", "\"authors\"", "\"agency\"", "\"published\"", "\"modified\"", "\"tags\"", "\"image\"",
                    "\"blocks\"", "\"subheadings\"", "\"text\"", "\"comments\"", "\"word_count\"", "\"content_hash\""]
        // Each top-level key must be found after the previous one (nested "text" keys inside
        // blocks come before the top-level "text", so search onwards from the last match).
        var cursor = line.startIndex
        var found: [String] = []
        for key in keys {
            guard let range = line.range(of: key + ":", range: cursor..<line.endIndex) else { break }
            found.append(key)
            cursor = range.upperBound
        }
        #expect(found == keys)
    }

    @Test(arguments: [
        ["extract"],
        ["extract", "--jobs", "0", "x.html"],
        ["extract", "--no-such-option", "x.html"],
        ["extract", "a.html", "b.html", "--base-url", "https://example.org/"],
    ])
    func usageErrorsExitWithStatusTwo(arguments: [String]) throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("a.html", Self.page)
        _ = try dir.write("b.html", Self.page)
        let run = try GleanerBinary.run(arguments, currentDirectory: dir.url)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.isEmpty)
    }

    @Test func helpDocumentsExitStatus() throws {
        let run = try GleanerBinary.run(["extract", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Exit status"))
    }
}
