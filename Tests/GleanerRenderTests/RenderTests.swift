import Foundation
import Gleaner
import GleanerModel
import GleanerRender
import GleanerTestSupport
import Testing

/// The document formats on the samples: golden files (`Tests/GleanerRenderTests/Goldens/NAME.EXT`, re-recorded
/// with `GLEANER_RECORD_GOLDENS=1 swift test --filter RenderTests`, then read the diff), and
/// round trips through independent parsers (`Tests/Support/roundtrip.py`: markdown-it-py,
/// Python's html.parser) that must give back every block's text.
@Suite struct RenderTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples")
    static let goldens = root.appendingPathComponent("Tests/GleanerRenderTests/Goldens")
    static let isRecording = ProcessInfo.processInfo.environment["GLEANER_RECORD_GOLDENS"] == "1"

    static var sampleNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return files.filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }.sorted()
    }

    static let documentFormats: [OutputFormat] = [.markdown, .text, .html, .xml]

    static func article(_ name: String) throws -> Article {
        let data = try Data(contentsOf: samples.appendingPathComponent(name + ".html"))
        return try ArticleExtractor().extract(html: data, source: "Samples/\(name).html")
    }

    @Test(arguments: sampleNames)
    func renderingsMatchGoldens(name: String) throws {
        let article = try Self.article(name)
        for format in Self.documentFormats {
            let rendered = try #require(format.renderer).render(article)
            let golden = Self.goldens.appendingPathComponent("\(name).\(format.fileExtension)")
            if Self.isRecording {
                try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
                try rendered.write(to: golden, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(rendered == expected, "\(name).\(format.fileExtension) differs from its golden")
        }
    }

    @Test(arguments: sampleNames)
    func renderingsRoundTrip(name: String) throws {
        let article = try Self.article(name)
        let temp = try TemporaryDirectory()
        let record = try temp.write("record.json", ArticleJSON.line(for: article))
        for format in [OutputFormat.markdown, .html, .text] {
            let document = try temp.write("doc.\(format.fileExtension)", try #require(format.renderer).render(article))
            let result = try Self.python([Self.root.appendingPathComponent("Tests/Support/roundtrip.py").path, format.rawValue, record, document])
            #expect(result.status == 0, "\(name) \(format.rawValue): \(result.output)")
        }
    }

    @Test func roundTripCheckerCatchesALostCell() throws {
        var article = Article(source: "t", headline: "H")
        article.blocks = [Block(type: .table, text: "a\n\nb", rows: [TableRow(header: true, cells: ["a", "b"])])]
        let temp = try TemporaryDirectory()
        let record = try temp.write("record.json", ArticleJSON.line(for: article))
        let broken = try temp.write("doc.md", "# H\n\n| a |\n| --- |\n")
        let result = try Self.python([Self.root.appendingPathComponent("Tests/Support/roundtrip.py").path, "markdown", record, broken])
        #expect(result.status == 1)
    }

    @Test func markdownEscapesAndNestsInlineMarkup() {
        var block = Block(type: .paragraph, text: "1. Use *stars* and [brackets] with C# and <tags>")
        block.links = [InlineLink(text: "stars", href: "https://e.org/a b", start: 8, end: 13)]
        block.marks = [InlineMark(type: .strong, start: 3, end: 6)]
        let article = Article(source: "s", blocks: [block])
        let markdown = MarkdownRenderer().render(article)
        #expect(markdown.contains("1\\. **Use** \\*[stars](<https://e.org/a b>)\\* and \\[brackets\\] with C# and \\<tags\\>"))
    }

    /// Found by the round trip over the 1,841 bench pages: side-by-side bold runs
    /// (`<b>FRIEN</b><b>D</b>`), anchors nested in anchors, and an `&amp;` left in an href.
    @Test func markdownMergesTouchingMarksDropsNestedLinksAndEscapesEntitiesInDestinations() throws {
        var block = Block(type: .paragraph, text: "FRIEND SCHOOL, mail us")
        block.marks = [InlineMark(type: .strong, start: 0, end: 5), InlineMark(type: .strong, start: 5, end: 6)]
        block.links = [
            InlineLink(text: "mail", href: "feedback.htm?a=1&amp;b=2", start: 15, end: 19),
            InlineLink(text: "mail", href: "mailto:x@e.org", start: 15, end: 19),
        ]
        let markdown = MarkdownRenderer().render(Article(source: "s", blocks: [block]))
        #expect(markdown.contains("**FRIEND** SCHOOL, [mail](feedback.htm?a=1\\&amp;b=2) us"), "\(markdown)")
        let html = HTMLRenderer().render(Article(source: "s", blocks: [block]))
        #expect(html.contains("<strong>FRIEND</strong>"))
        #expect(!html.contains("mailto:"))
    }

    /// Found by the round trip over the bench pages: a breadcrumb set in `<code>` around its
    /// links came out as one code span, and a code span cannot hold links.
    @Test func markdownKeepsLinksInsideCode() {
        var block = Block(type: .listItem, text: "Home > Programs > Summit")
        block.links = [
            InlineLink(text: "Home", href: "../index.html", start: 0, end: 4),
            InlineLink(text: "Programs", href: "../programs.html", start: 7, end: 15),
        ]
        block.marks = [InlineMark(type: .code, start: 0, end: 24)]
        let markdown = MarkdownRenderer().render(Article(source: "s", blocks: [block]))
        #expect(markdown.contains("- [Home](../index.html) \\> [Programs](../programs.html) \\> Summit"), "\(markdown)")
        block.links = []
        #expect(MarkdownRenderer().render(Article(source: "s", blocks: [block])).contains("- `Home > Programs > Summit`"))
    }

    @Test func errorsRenderInEveryFormat() {
        let error = GleanerError(stage: .read, code: "not_found", message: "open: No such file", source: "x.html")
        for format in Self.documentFormats {
            let text = format.renderer!.render(error)
            #expect(text.contains("not_found"))
            #expect(text.hasSuffix("\n"))
        }
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
