import Foundation
import GleanerModel
import GleanerNormalize
import Testing
@testable import GleanerExtract

/// Rich blocks: links and emphasis as offsets into the unchanged text, data tables, images,
/// code with its indentation — and the record's plain `text` exactly as without them.
struct RichBlockTests {
    static let sentence = "This sentence is part of the article body, and it is long enough to count as prose."

    func extract(_ body: String, url: String? = "https://example.org/news/story.html") throws -> Article {
        let html = "<html><head><title>T</title></head><body><article>\(body)</article></body></html>"
        return try ArticleExtractor().extract(html: Array(html.utf8), url: url, source: "test")
    }

    @Test func linksAndMarksAreScalarOffsetsIntoTheText() throws {
        let article = try extract("""
            <p>Zürich  said <a href="/a/b">the  <b>new</b> plan</a> is <em>final</em>, and <code>x = 1</code>. \(Self.sentence)</p>
            <p>\(Self.sentence) \(Self.sentence)</p>
            """)
        let block = try #require(article.blocks.first)
        #expect(block.text.hasPrefix("Zürich said the new plan is final, and x = 1."))
        let link = try #require(block.links.first)
        #expect(link.href == "https://example.org/a/b")
        #expect(link.text == "the new plan")
        #expect(block.text.scalarSlice(link.start, link.end) == "the new plan")
        #expect(block.marks.map(\.type) == [.strong, .em, .code])
        #expect(block.marks.map { block.text.scalarSlice($0.start, $0.end) } == ["new", "final", "x = 1"])
    }

    @Test func cleaningWithMappingGivesTheSameText() {
        let samples = ["  a  b ", "\u{00AD}x\u{200B} y\n\tz", "e\u{0301}t\u{00E9} Å", " ", "", "ab\u{3000}cd", "naïve  café\u{FEFF}"]
        for raw in samples {
            let positions = (0...raw.utf8.count).map { (offset: $0, isStart: $0 % 2 == 0) }
            let mapped = TextCleaner.clean(raw, mapping: positions)
            #expect(mapped.text == TextCleaner.clean(raw))
            let count = mapped.text.unicodeScalars.count
            #expect(mapped.offsets.allSatisfy { $0 >= 0 && $0 <= count })
        }
    }

    @Test func dataTableBecomesOneBlockWithTheSameText() throws {
        let body = """
            <p>\(Self.sentence)</p>
            <table><caption>Budget</caption><thead><tr><th>Area</th><th>Million €</th></tr></thead>
            <tbody><tr><td>Schools</td><td>410</td></tr><tr><td>Roads</td><td colspan="1">95</td></tr></tbody></table>
            <p>\(Self.sentence) \(Self.sentence)</p>
            """
        let article = try extract(body)
        let table = try #require(article.blocks.first { $0.type == .table })
        #expect(table.caption == "Budget")
        #expect(table.rows == [
            TableRow(header: true, cells: ["Area", "Million €"]),
            TableRow(header: false, cells: ["Schools", "410"]),
            TableRow(header: false, cells: ["Roads", "95"]),
        ])
        #expect(table.text == ["Budget", "Area", "Million €", "Schools", "410", "Roads", "95"].joined(separator: "\n\n"))
        #expect(article.text.contains("Schools\n\n410"))
    }

    /// Found by the round trip over the bench pages: a table that reads as data (header
    /// cells) but whose cells hold no text — a row of photos — came out as a `table` block
    /// without rows and with empty text (renderers wrote nothing; the photos were lost).
    /// Its images stay image blocks.
    @Test func tableWithoutTextRowsIsNoTableBlock() throws {
        let body = """
            <p>\(Self.sentence)</p><p>\(Self.sentence) \(Self.sentence)</p>
            <table><tr><th><img src="/photos/house-one.jpg" alt="" width="400" height="300"></th>
            <th><img src="/photos/house-two.jpg" alt="" width="400" height="300"></th></tr></table>
            <p>\(Self.sentence)</p>
            """
        let article = try extract(body)
        #expect(!article.blocks.contains { $0.type == .table }, "\(article.blocks.map { ($0.type, $0.text) })")
        #expect(article.blocks.filter { $0.type == .image }.count == 2, "\(article.blocks.map { ($0.type, $0.src) })")
    }

    @Test func layoutTableStaysParagraphs() throws {
        let article = try extract("<table><tr><td><p>\(Self.sentence) \(Self.sentence)</p><p>\(Self.sentence)</p></td></tr></table>")
        #expect(!article.blocks.contains { $0.type == .table })
        #expect(article.blocks.count == 2)
    }

    @Test func figureGivesAnImageBlockAndTheArticleImage() throws {
        let article = try extract("""
            <p>\(Self.sentence)</p>
            <figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/photo.jpg" alt="A photo">
            <figcaption>The harbour at dawn. <span class="credit">Photo: Jane Doe</span></figcaption></figure>
            <p>\(Self.sentence) <img src="/pixel.gif" width="1" height="1"></p>
            """)
        let image = try #require(article.blocks.first { $0.type == .image })
        #expect(image.src == "https://example.org/img/photo.jpg")
        #expect(image.alt == "A photo")
        #expect(image.caption == "The harbour at dawn.")
        #expect(image.credit == "Photo: Jane Doe")
        #expect(image.text.isEmpty)
        #expect(article.blocks.filter { $0.type == .image }.count == 1)
        #expect(article.image == "https://example.org/img/photo.jpg")
        #expect(article.text == [Self.sentence, Self.sentence].joined(separator: "\n\n"))
    }

    @Test func codeKeepsItsIndentation() throws {
        let article = try extract("""
            <p>\(Self.sentence)</p>
            <pre><code class="language-swift">
            func f() {
                return  1
            }
            </code></pre>
            <pre>  two  spaces</pre>
            """)
        let code = try #require(article.blocks.first { $0.type == .code })
        #expect(code.language == "swift")
        #expect(code.verbatim == "func f() {\n    return  1\n}")
        #expect(code.text == "func f() {\nreturn 1\n}")
        let pre = try #require(article.blocks.first { $0.type == .preformatted })
        #expect(pre.verbatim == "  two  spaces")
    }
}
