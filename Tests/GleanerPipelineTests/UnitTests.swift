import Foundation
import Gleaner
import GleanerHTML
import Testing
@testable import GleanerPipeline

@Suite struct DiscoveryTests {
    @Test func rssAtomAndJSONFeed() throws {
        let rss = "<rss version=\"2.0\"><channel><language>de</language><item><title>A</title><link>/a</link><pubDate>Wed, 01 May 2024 08:00:00 GMT</pubDate></item><item><guid>https://x.org/b</guid></item></channel></rss>"
        let parsed = try DiscoveryParser.parse(Array(rss.utf8), baseURL: "https://x.org/feed")
        #expect(parsed.format == "rss")
        #expect(parsed.pages == [
            DiscoveredPage(url: "https://x.org/a", title: "A", published: "Wed, 01 May 2024 08:00:00 GMT", language: "de"),
            DiscoveredPage(url: "https://x.org/b", language: "de"),
        ])
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>T</title><link rel=\"self\" href=\"https://x.org/self\"/><link href=\"https://x.org/post\"/><published>2024-05-01T10:00:00+02:00</published></entry></feed>"
        let atomPages = try DiscoveryParser.parse(Array(atom.utf8), baseURL: "https://x.org/").pages
        #expect(atomPages == [DiscoveredPage(url: "https://x.org/post", title: "T", published: "2024-05-01T10:00:00+02:00")])
        let json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\",\"url\":\"https://x.org/j\",\"title\":\"J\"}]}"
        #expect(try DiscoveryParser.parse(Array(json.utf8), baseURL: "https://x.org/").pages == [DiscoveredPage(url: "https://x.org/j", title: "J")])
    }

    @Test func newsSitemapAndIndex() throws {
        let news = """
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://x.org/n1</loc><news:news><news:publication><news:name>X</news:name><news:language>fr</news:language></news:publication>
            <news:publication_date>2024-06-01T09:00:00+02:00</news:publication_date><news:title>Titre</news:title></news:news></url></urlset>
            """
        #expect(try DiscoveryParser.parse(Array(news.utf8), baseURL: "https://x.org/").pages
            == [DiscoveredPage(url: "https://x.org/n1", title: "Titre", published: "2024-06-01T09:00:00+02:00", language: "fr")])
        let index = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>https://x.org/a.xml.gz</loc></sitemap></sitemapindex>"
        let parsed = try DiscoveryParser.parse(Array(index.utf8), baseURL: "https://x.org/")
        #expect(parsed.sitemaps == ["https://x.org/a.xml.gz"] && parsed.pages.isEmpty)
        #expect(throws: DiscoveryError.self) { try DiscoveryParser.parse(Array("<html><body>no</body></html>".utf8), baseURL: "https://x.org/") }
    }
}

@Suite struct SelectorTests {
    let html = """
        <html><body><div id="main" class="page wide"><h1 class="title">Head</h1>
        <div class="story"><p>One</p><aside class="ad"><p>Buy</p></aside><p data-x="1">Two</p></div></div>
        <ul class="comments"><li class="c">First comment</li><li class="c">Second</li></ul></body></html>
        """

    func names(_ selector: String) throws -> [String] {
        let bytes = Array(html.utf8)
        let tree = try bytes.withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8", url: nil) }
        return try CSSSelector(selector).select(in: tree).map { tree.rawText(of: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test func subset() throws {
        #expect(try names("h1.title") == ["Head"])
        #expect(try names("#main > h1") == ["Head"])
        #expect(try names("body > h1").isEmpty)
        #expect(try names("div.page.wide .story > p") == ["One", "Two"])
        #expect(try names("[data-x]") == ["Two"])
        #expect(try names("p[data-x=\"1\"], aside.ad p") == ["Buy", "Two"])
        #expect(try names("li.c") == ["First comment", "Second"])
        #expect(throws: CSSSelectorError.self) { try CSSSelector("div >") }
        #expect(throws: CSSSelectorError.self) { try CSSSelector("[x") }
    }

    @Test func overridesReplaceGenericChoices() throws {
        let overrides = ExtractionOverrides(
            headline: try CSSSelector("h1.title"), body: try CSSSelector(".story"), comments: try CSSSelector("li.c"),
            remove: [try CSSSelector(".ad")])
        let article = try ArticleExtractor(overrides: overrides).extract(html: Array(html.utf8), url: "https://x.org/a")
        #expect(article.headline == "Head")
        #expect(article.blocks.map(\.text) == ["One", "Two"])
        #expect(article.comments.map(\.text) == ["First comment", "Second"])
    }
}

@Suite struct NormalizerTests {
    @Test func urls() {
        #expect(URLCanonicalizer.canonical("HTTPS://Example.ORG:443/a?utm_source=x&id=3&fbclid=y&gclid=z#top") == "https://example.org/a?id=3")
        #expect(URLCanonicalizer.canonical("http://example.org?utm_medium=m") == "http://example.org/")
    }

    @Test func dates() {
        #expect(DateNormalizer.utc("2024-05-01T10:30:00+02:00") == "2024-05-01T08:30:00+00:00")
        #expect(DateNormalizer.utc("2024-05-01") == "2024-05-01")
        #expect(DateNormalizer.utc("Wed, 01 May 2024 08:00:00 GMT") == "2024-05-01T08:00:00+00:00")
        #expect(DateNormalizer.utc("yesterday") == nil)
    }

    @Test func authors() {
        let credits = AuthorCredits()
        let cleaned = credits.split(["By Jane Doe and John Roe, Senior Correspondent", "Von Anna Muster (dpa)"])
        #expect(cleaned.authors == ["Jane Doe", "John Roe", "Anna Muster"])
        #expect(cleaned.agency == "dpa")
        #expect(credits.split(["AFP"]) == ([], "AFP"))
        // The step uses the parser it is given, and leaves authors alone without one.
        var article = Article(source: "s")
        article.authors = ["Par Marie Dupont et Jean Martin", "Text: Hans Muster/sda"]
        let normalized = ArticleNormalizer(steps: [.authors], authorParser: credits).apply(article)
        #expect(normalized.authors == ["Marie Dupont", "Jean Martin", "Hans Muster"])
        #expect(normalized.agency == "sda")
        #expect(ArticleNormalizer(steps: [.authors]).apply(article).authors == article.authors)
    }

    @Test func boilerplateAndSteps() {
        var article = Article(source: "s", published: "2024-05-01T10:30:00+02:00")
        article.blocks = [Block(type: .paragraph, text: "Real  text\u{200B}."), Block(type: .paragraph, text: "Mehr dazu"), Block(type: .paragraph, text: "Feedback für die Redaktion:")]
        let normalized = ArticleNormalizer(
            steps: [.whitespace, .dates, .boilerplate], boilerplatePhrases: ["Mehr dazu", "Feedback für die Redaktion"]
        ).apply(article)
        #expect(normalized.blocks.map(\.text) == ["Real text."])
        #expect(normalized.published == "2024-05-01T08:30:00+00:00")
        #expect(ArticleNormalizer(steps: []).apply(article) == article)
    }

    /// Without a `boilerplate:` list the step uses the extractor's own boilerplate lines
    /// (one list for the project, with the pipeline's `rules:` edits); a list replaces it.
    @Test func boilerplateStepDefaultsToTheExtractorsList() throws {
        let base = "name: b\nsources:\n  files: [x.html]\nnormalize: [boilerplate]\nsinks:\n  - {type: jsonl, path: out.jsonl}\n"
        let shipped = ItemProcessor(config: try PipelineConfig.parse(yaml: base, file: "b.yaml")).normalizer.boilerplate
        #expect(shipped.isBoilerplate("Werbung"))
        #expect(shipped.isBoilerplate("Related articles"))
        #expect(shipped.isBoilerplate("関連記事"))
        #expect(!shipped.isBoilerplate("Related articles tell a story of their own."))
        let listed = ItemProcessor(config: try PipelineConfig.parse(yaml: base + "boilerplate: [Mehr dazu]\n", file: "b.yaml")).normalizer.boilerplate
        #expect(listed.isBoilerplate("Mehr dazu"))
        #expect(!listed.isBoilerplate("Werbung"))
    }

    @Test func simhashSeparatesCopiesFromOthers() throws {
        let base = (0..<200).map { "word\($0 % 57) token\($0 % 13)" }.joined(separator: " ")
        let copy = "Agency wire copy intro sentence. " + base
        let other = (0..<200).map { "other\($0 % 41) thing\($0 % 7)" }.joined(separator: " ")
        let a = try #require(SimHash.compute(base)), b = try #require(SimHash.compute(copy)), c = try #require(SimHash.compute(other))
        #expect(SimHash.distance(a, b) <= 6)
        #expect(SimHash.distance(a, c) > 12)
        #expect(SimHash.compute("two words") == nil)
    }
}
