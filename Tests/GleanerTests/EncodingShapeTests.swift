import Testing
@testable import GleanerExtract
import GleanerModel

/// Pages whose bytes are not ASCII-compatible, and plain text with every kind of line break.
@Suite struct EncodingShapeTests {
    static let page = "<html><head><title>Ein Titel</title></head><body><article><h1>Überschrift</h1>"
        + "<p>Der erste Absatz hat genug Wörter, um als Text eines Artikels zu zählen, und noch einige mehr.</p>"
        + "<p>Der zweite Absatz ist ebenfalls lang genug und endet mit einem Punkt.</p></article></body></html>"

    /// UTF-16 with a byte-order mark, both byte orders: the markup probe reads bytes as ASCII,
    /// so these pages used to come out as plain text with their tags (and the BOM) as words.
    @Test func utf16PagesAreParsedAsHTML() throws {
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in Self.page.utf16 {
                let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
                bytes += bigEndian ? pair : pair.reversed()
            }
            let article = try ArticleExtractor().extract(html: bytes, source: "utf16")
            #expect(article.pageType == .article)
            #expect(article.headline == "Überschrift")
            #expect(article.text.hasPrefix("Der erste Absatz"))
            #expect(!article.text.contains("<p>"))
        }
    }

    @Test func plainTextBreaksLinesAtLFCRLFAndLoneCR() {
        let lines = PlainTextPage.lines(of: "a\r\nb\rc\nd\r\r\ne")
        #expect(lines == ["a", "b", "c", "d", "", "e"])
        #expect(PlainTextPage.lines(of: "") == [""])
        let article = PlainTextPage.article(text: "Title line\r\rpara one\rstill one\r\n\r\npara two", url: nil, source: "t")
        #expect(article.headline == "Title line")
        #expect(article.blocks.map(\.text) == ["para one still one", "para two"])
    }

    /// Plain text follows the charset rules of pages: Latin-1 bytes are not UTF-8 and were
    /// read as U+FFFD; a UTF-8 byte-order mark is not part of the headline.
    @Test func plainTextIsDecodedByItsBytes() throws {
        let latin1: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me\n\nUn paragraphe en fran".utf8) + [0xE7] + Array("ais.\n".utf8)
        let article = try ArticleExtractor().extract(html: latin1, source: "t.txt")
        #expect(article.pageType == .text)
        #expect(article.headline == "Café crème")
        #expect(article.text == "Un paragraphe en français.")
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Titel\n\nÜber den Text.\n".utf8)
        #expect(try ArticleExtractor().extract(html: bom, source: "b.txt").headline == "Titel")
    }
}
