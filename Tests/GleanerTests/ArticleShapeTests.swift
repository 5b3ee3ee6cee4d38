import Testing
@testable import GleanerExtract
import GleanerModel

/// Article shapes seen on sites the rules were never tuned on, on hand-written pages: a body
/// split over sibling containers, a "read more" fold, tables, code, definition lists,
/// figures and link-rich paragraphs inside the text, long documentation pages.
struct ArticleShapeTests {
    static func prose(_ label: String) -> String {
        "\(label) opens this paragraph of the article, which goes on for a while with ordinary words, commas, and a full stop."
    }

    func extract(_ body: String) throws -> Article {
        let html = "<html><head><title>T</title></head><body>\(body)</body></html>"
        return try ArticleExtractor().extract(html: Array(html.utf8), source: "test")
    }

    @Test func articleSplitAroundAdsRelatedAndNewsletter() throws {
        let article = try extract("""
            <div class="story">
              <div class="story-part"><p>\(Self.prose("Alpha"))</p><p>\(Self.prose("Bravo"))</p><p>\(Self.prose("Charlie"))</p></div>
              <div class="ad-slot"><p>Advertisement</p></div>
              <div class="related-links"><ul><li><a href="/1">A related story about something else entirely</a></li>
                <li><a href="/2">Another related story about something else</a></li></ul></div>
              <div class="newsletter-box"><p>Sign up for our newsletter and get the news in your inbox every morning.</p></div>
              <div class="story-part"><p>\(Self.prose("Delta"))</p><p>\(Self.prose("Echo"))</p></div>
            </div>
            """)
        for word in ["Alpha", "Bravo", "Charlie", "Delta", "Echo"] { #expect(article.text.contains(word), "\(word)") }
        #expect(!article.text.contains("related story"))
        #expect(!article.text.contains("Sign up"))
    }

    @Test func splitPartsWithDifferentNames() throws {
        let article = try extract("""
            <main><div class="article-intro"><p>\(Self.prose("Alpha"))</p><p>\(Self.prose("Bravo"))</p><p>\(Self.prose("Charlie"))</p><p>\(Self.prose("Foxtrot"))</p></div>
              <aside class="promo"><p>Subscribe now for unlimited access to all our stories and archives.</p></aside>
              <div class="article-rest"><p>\(Self.prose("Delta"))</p></div></main>
            """)
        for word in ["Alpha", "Foxtrot", "Delta"] { #expect(article.text.contains(word), "\(word)") }
        #expect(!article.text.contains("Subscribe now"))
    }

    @Test func continuationAfterAReadMoreFold() throws {
        let article = try extract("""
            <div class="post"><div class="entry"><p>\(Self.prose("Alpha"))</p><p>\(Self.prose("Bravo"))</p><p>\(Self.prose("Charlie"))</p></div>
              <p class="fold"><a href="#more">Read more</a></p>
              <div class="more-text"><p>\(Self.prose("Delta"))</p><p>\(Self.prose("Echo"))</p></div></div>
            """)
        for word in ["Alpha", "Charlie", "Delta", "Echo"] { #expect(article.text.contains(word), "\(word)") }
        #expect(!article.text.contains("Read more"))
    }

    /// Movable Type's default templates wrap the fold in a div of its own
    /// (`div#a000123more > div#more`): the fold follows the article's text one level up.
    @Test func continuationInsideAFoldWrapper() throws {
        let article = try extract("""
            <div id="container"><div class="blog"><h2 class="date-header">March 20, 2007</h2>
              <h3 class="entry-header">A post with a continuation</h3>
              <p>\(Self.prose("Alpha"))</p><p>\(Self.prose("Bravo"))</p><p>\(Self.prose("Charlie"))</p>
              <div id="a000123more"><div id="more"><p>\(Self.prose("Delta"))</p><p>\(Self.prose("Echo"))</p></div></div>
              <p class="posted">Posted by Kathy on March 20, 2007 | Permalink</p></div>
              <div class="sidebar"><ul><li><a href="/a">Archives</a></li><li><a href="/b">About</a></li></ul></div></div>
            """)
        for word in ["Alpha", "Charlie", "Delta", "Echo"] { #expect(article.text.contains(word), "\(word)") }
        #expect(!article.text.contains("Archives"))
    }

    /// A roundup post whose every paragraph is 40% link text, inside a wrapper named like
    /// furniture: its paragraphs must count as article text, or the wrapper is no layout
    /// wrapper and a short note elsewhere becomes the body.
    @Test func linkRichParagraphsAreArticleText() throws {
        let items = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"].map { word in
            "<p>\(word) opens this roundup item: <a href=\"/x/\(word)\">the council published its new budget figures today</a> and the mayor answered questions about them.</p>"
        }.joined()
        let article = try extract("""
            <h1>The week in review</h1><div class="widget-area"><div class="entry">\(items)</div></div>
            <div class="note"><p>This blog is written by a retired teacher who has lived in the town for forty years, and who writes about local politics, gardening, and the weather.</p></div>
            """)
        for word in ["Alpha", "Charlie", "Echo"] { #expect(article.text.contains("\(word) opens"), "\(word)") }
        #expect(article.text.contains("budget figures"))
    }

    @Test func tableCodeDefinitionListFigureAndLinksDoNotEndTheBody() throws {
        let article = try extract("""
            <div class="content">
              <p>\(Self.prose("Alpha"))</p>
              <table><tr><th>Year</th><th>Budget</th></tr><tr><td>2025</td><td>1.2 million</td></tr><tr><td>2026</td><td>1.4 million</td></tr></table>
              <p>\(Self.prose("Bravo"))</p>
              <pre><code>let budget = 1_400_000
            print(budget)</code></pre>
              <p>\(Self.prose("Charlie"))</p>
              <dl><dt>Budget</dt><dd>The money the council may spend in one year.</dd><dt>Deficit</dt><dd>What it spends beyond that.</dd></dl>
              <p>\(Self.prose("Delta"))</p>
              <figure><img src="a.jpg" alt=""><figcaption>The council chamber on Tuesday evening, shortly before the vote on the budget, with all members present and the public gallery full.</figcaption></figure>
              <p>\(Self.prose("Echo"))</p>
              <p>See <a href="/a">the budget</a>, <a href="/b">the minutes</a> and <a href="/c">the vote</a>.</p>
              <p>\(Self.prose("Foxtrot"))</p>
            </div>
            """)
        for word in ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"] { #expect(article.text.contains(word), "\(word)") }
        #expect(article.text.contains("1.4 million"))
        #expect(article.text.contains("let budget"))
        #expect(article.text.contains("The money the council may spend"))
        #expect(article.text.contains("the minutes"))
    }

    @Test func longDocumentationPageKeepsEverySection() throws {
        var sections = ""
        for i in 1...12 {
            sections += "<section id=\"s\(i)\"><h2>Option \(i)</h2><p>Option \(i) sets how the tool behaves, with a short note.</p>"
            sections += "<ul><li>Default: off</li><li>Type: boolean flag</li></ul><pre>tool --option-\(i)</pre></section>"
        }
        let article = try extract("""
            <div class="layout"><nav class="toc"><ul><li><a href="#s1">Option 1</a></li><li><a href="#s2">Option 2</a></li></ul></nav>
            <main><h1>Configuration reference</h1>\(sections)</main></div>
            """)
        for i in [1, 6, 12] {
            #expect(article.text.contains("Option \(i) sets how the tool behaves"), "section \(i)")
            #expect(article.text.contains("tool --option-\(i)"), "code \(i)")
        }
    }

    @Test func tableLayoutWithAPartPerRow() throws {
        // Old table layouts: each part of the page's text in a cell of its own row, the cells
        // named alike; a cell of another name in another row is something else.
        let article = try extract("""
            <table class="layout">
              <tr><td class="content"><h2>Tour dates</h2><p>\(Self.prose("Alpha"))</p><p>\(Self.prose("Bravo"))</p>\
            <p>\(Self.prose("Charlie"))</p><p>\(Self.prose("Golf"))</p><p>\(Self.prose("Hotel"))</p></td></tr>
              <tr><td class="content"><h2>The new album</h2><p>\(Self.prose("Delta"))</p></td></tr>
              <tr><td class="note"><p>\(Self.prose("Sponsor"))</p></td></tr>
              <tr><td class="content"><h2>Old demos</h2><p>\(Self.prose("Echo"))</p></td></tr>
            </table>
            """)
        for word in ["Alpha", "Hotel", "Delta", "Echo", "Old demos"] { #expect(article.text.contains(word), "\(word)") }
        #expect(!article.text.contains("Sponsor"))
        // In page order.
        let text = article.text
        #expect(text.range(of: "Hotel")!.lowerBound < text.range(of: "Delta")!.lowerBound)
        #expect(text.range(of: "Delta")!.lowerBound < text.range(of: "Echo")!.lowerBound)
    }
}
