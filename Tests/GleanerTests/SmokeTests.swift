import Testing
@testable import GleanerExtract
import GleanerModel

@Test func extractsHeadlineAndParagraphs() throws {
    let html = "<html lang=de><body><h1>Title here</h1><div><p>First paragraph with enough text to count, really.</p><p>Second paragraph, also long enough to be content.</p></div></body></html>"
    let article = try ArticleExtractor().extract(html: Array(html.utf8), source: "t")
    #expect(article.headline == "Title here")
    #expect(article.language == "de")
    #expect(article.blocks.count == 2)
}
