import Foundation
import GleanerTestSupport
import Testing
@testable import GleanerExtract

/// `--explain`: the source of each field and the rule behind each kept or dropped block.
@Suite struct ExplainTests {
    static let sentence = "The council met on Tuesday and agreed on the new budget for the school, after a long debate."
    static let page = """
        <html><head><title>Council agrees on the budget | Example News</title>
        <meta property="og:title" content="Council agrees on the budget">
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2026-11-30T10:00:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <article><h1>Council agrees on the budget</h1>
        <p>\(sentence) \(sentence)</p><p>\(sentence)</p>
        <div class="share-tools"><p>Share this story with your friends and family today</p></div>
        </article></body></html>
        """

    @Test func fieldsNameTheirSourceAndBlocksTheirRule() throws {
        let (article, explanation) = try ArticleExtractor().explain(html: Array(Self.page.utf8), source: "t")
        #expect(article.headline == "Council agrees on the budget")
        let fields = Dictionary(explanation.fields.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(fields["headline"]?.source.contains("h1") == true)
        #expect(fields["site_name"]?.source == "meta og:site_name")
        #expect(fields["published"]?.source == "meta article:published_time")
        let kept = explanation.blocks.filter(\.kept)
        #expect(kept.contains { $0.text.hasPrefix("The council met") && $0.rule.contains("article container") })
        let share = try #require(explanation.blocks.first { $0.text.hasPrefix("Share this story") })
        #expect(!share.kept)
        #expect(share.rule.contains("'share'") && share.rule.contains("boilerplateTokens"))
        let nav = try #require(explanation.blocks.first { $0.path.hasSuffix("nav") })
        #expect(!nav.kept && nav.rule.contains("<nav>"))
        let headline = try #require(explanation.blocks.first { $0.path.hasSuffix("h1") })
        #expect(!headline.kept && headline.rule.contains("headline"))
    }

    @Test func commandLineAddsAnExplainObjectAndKeepsOneLine() throws {
        let json = try GleanerBinary.run(["extract", "-", "--explain"], stdin: Data(Self.page.utf8))
        #expect(json.status == 0)
        #expect(json.records.count == 1)
        let explain = try #require(json.records.first?["explain"] as? [String: Any])
        #expect((explain["fields"] as? [[String: Any]])?.isEmpty == false)
        #expect((explain["blocks"] as? [[String: Any]])?.isEmpty == false)
        let text = try GleanerBinary.run(["extract", "-", "--explain=text"], stdin: Data(Self.page.utf8))
        #expect(text.records.count == 1)
        #expect(text.records.first?["explain"] == nil)
        #expect(text.stderr.contains("dropped") && text.stderr.contains("headline:"))
    }
}
