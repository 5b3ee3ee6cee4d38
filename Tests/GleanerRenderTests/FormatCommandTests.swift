import Foundation
import GleanerTestSupport
import Testing

/// `--format` and `--output-dir` on the built binary.
@Suite struct FormatCommandTests {
    static let samples = RenderTests.samples.path

    @Test func documentsOnStdoutAreSeparatedByFormFeedLines() throws {
        let first = Self.samples + "/agency-two-authors.html"
        let second = Self.samples + "/windows-1252-meta-charset.html"
        let run = try GleanerBinary.run(["extract", first, second, "/nonexistent/page.html", "--format", "markdown", "--jobs", "1"])
        #expect(run.status == 1)
        let documents = run.stdout.components(separatedBy: "\n\u{0C}\n")
        #expect(documents.count == 3)
        #expect(documents[0].hasPrefix("---\ntitle: "))
        #expect(documents[1].contains("**Öffnungszeiten:**"))
        #expect(documents[2].contains("code: \"not_found\""))
    }

    @Test func outputDirectoryGetsOneFilePerInput() throws {
        let dir = try TemporaryDirectory()
        let out = dir.path("out")
        let page = Self.samples + "/baseljetzt-kim-putin.html"
        let run = try GleanerBinary.run(["extract", page, page, "--format", "html", "--output-dir", out, "--quiet"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["baseljetzt-kim-putin-2.html", "baseljetzt-kim-putin.html"])
        let html = try String(contentsOfFile: out + "/baseljetzt-kim-putin.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func unknownFormatIsAUsageError() throws {
        let run = try GleanerBinary.run(["extract", Self.samples + "/agency-two-authors.html", "--format", "pdf"])
        #expect(run.status == 64 || run.status == 2)
    }
}
