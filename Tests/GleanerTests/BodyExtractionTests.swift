import Testing
@testable import GleanerExtract
import GleanerHTML
import GleanerModel

/// Body extraction on small hand-written pages: what must be kept, what must be left out.
struct BodyExtractionTests {
    static let sentence = "This sentence is part of the article body, and it is long enough to count as prose."

    static func paragraphs(_ count: Int, _ tag: String = "p") -> String {
        (1...count).map { "<\(tag)>Paragraph \($0). \(sentence) \(sentence)</\(tag)>" }.joined()
    }

    func extract(_ body: String) throws -> Article {
        let html = "<html><head><title>T</title></head><body>\(body)</body></html>"
        return try ArticleExtractor().extract(html: Array(html.utf8), source: "test")
    }

    @Test func sentenceStartingLikeADiscussionHeadingKeepsTheRestOfThePage() throws {
        let article = try extract("""
            <div class="post"><h1>After the weekend</h1>\(Self.paragraphs(3))
            <p>Comments on the draft plan are welcome until Friday, the council said.</p>
            <p>The final paragraph. \(Self.sentence) \(Self.sentence)</p></div>
            """)
        #expect(article.text.contains("The final paragraph."))
    }

    /// A paper's "Discussion" section (IMRaD) is part of the article: the text after it,
    /// conclusions included, stays; a comment heading below the paper still ends the body.
    @Test func discussionSectionOfAPaperIsKept() throws {
        let article = try extract("""
            <div class="paper"><h1>Effects of shade on seedling growth</h1>
            <h2>Results</h2>\(Self.paragraphs(3))
            <h2>Discussion</h2><p>Shade slowed growth in every plot, which agrees with the earlier field studies we cited above.</p>
            <h2>Conclusions</h2><p>Seedlings need open ground in their first season, and planting plans should allow for it.</p>
            <h3>3 Comments</h3><p>Great paper, thanks for sharing it with all of us here today!</p></div>
            """)
        #expect(article.text.contains("Shade slowed growth in every plot"))
        #expect(article.text.contains("Seedlings need open ground"))
        #expect(!article.text.contains("Great paper"))
    }

    /// The headings just before the text's container (a title box, then a subheading) are the
    /// text's own; a heading that is a link (a box heading for the links after it) is not.
    @Test func headingsJustBeforeTheTextAreKept() throws {
        let article = try extract("""
            <div class="page"><h1>The Riverside Journal</h1>
            <div class="post"><div class="post-title"><h2>Where the river bends</h2></div>
            <h3>A walk along the old towpath</h3><div class="entry">\(Self.paragraphs(3))</div></div>
            <div class="box"><h3><a href="/more">Elsewhere on the site</a></h3><div class="box-body">\(Self.paragraphs(1))</div></div></div>
            """)
        #expect(article.text.contains("Where the river bends"))
        #expect(article.text.contains("A walk along the old towpath"))
        #expect(article.text.contains("Paragraph 3."))
        #expect(!article.text.contains("Elsewhere on the site"))
    }

    /// The text opens a wrapper (`div.post > div.entry`): the heading before the wrapper is
    /// still the text's own.
    @Test func headingBeforeTheTextsWrapperIsKept() throws {
        let article = try extract("""
            <div class="page"><h1>The Riverside Journal</h1>
            <h2>Notes from the harbour</h2><div class="post"><div class="entry">\(Self.paragraphs(3))</div>
            <div class="meta"><a href="/notes">Notes</a></div></div></div>
            """)
        #expect(article.text.contains("Notes from the harbour"))
        #expect(article.text.contains("Paragraph 3."))
    }

    /// A page written before CSS titles its text with a bold line (`<p><b>…</b></p>`) just
    /// before it: the title is kept with the text.
    @Test func boldTitleLineBeforeTheTextIsKept() throws {
        let article = try extract("""
            <table><tr><td><a href="/">Home</a> <a href="/films">Films</a></td><td>
            <p><font size="5"><b>The Lighthouse Keepers</b></font></p>
            <div>\(Self.paragraphs(3))</div></td></tr></table>
            """)
        #expect(article.text.contains("The Lighthouse Keepers"))
        #expect(article.text.contains("Paragraph 3."))
    }

    /// A data table's linked cells are data (job titles in their column), and a "Comments"
    /// column heading is no discussion heading: the rows and the text after the table stay.
    @Test func linkedCellsOfADataTableAreKept() throws {
        let rows = [("Administrative Assistant", "Full time, starts in May", "Springfield"),
                    ("Front Desk Clerk", "Part time, evenings", "Shelbyville"),
                    ("Customer Service Specialist", "Full time, remote possible", "Capital City")]
        let cells = rows.enumerated().map { index, row in
            "<tr><td><a href=\"/jobs/\(index)\">\(row.0)</a></td><td>\(row.1)</td><td>\(row.2)</td></tr>"
        }.joined()
        let article = try extract("""
            <div class="main"><h1>Open positions this month</h1>\(Self.paragraphs(2))
            <table><tr><th>Job title</th><th>Comments</th><th>Location</th></tr>\(cells)</table>
            <p>The closing paragraph. \(Self.sentence) \(Self.sentence)</p></div>
            """)
        for row in rows {
            #expect(article.text.contains(row.0))
            #expect(article.text.contains(row.1))
        }
        #expect(article.text.contains("The closing paragraph."))
    }

    @Test func bestScoredListIsPartOfTheText() throws {
        // The list of long items scores best; the notice's own short paragraphs around it
        // (in the list's grandparent) are the rest of the text.
        let item = "you may find it by using the search box at the top of every page, or browse the full list of publications by year and by subject."
        let article = try extract("""
            <ul class="nav"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul>
            <div class="main"><h1>Page not found</h1>
              <p>The page you are looking for has not been found on this server.</p>
              <p>We have recently rebuilt our site, so the page may have moved.</p>
              <div class="text"><ul><li>If you want a report, \(item)</li><li>If you want a form, \(item)</li>
                <li>If you want a speech, \(item)</li></ul></div>
              <p>Please update your bookmarks with the new address.</p></div>
            """)
        let text = article.text
        #expect(text.contains("has not been found"))
        #expect(text.contains("If you want a speech"))
        #expect(text.contains("update your bookmarks"))
        #expect(!text.contains("Home"))
    }

    @Test func minutesWithADiscussionLabelAreKeptWhole() throws {
        let article = try extract("""
            <div class="minutes"><h1>Minutes of the task group meeting</h1>\(Self.paragraphs(3))
            <p>Discussion:</p>
            <ul><li>The availability of helmets that meet the new standard in the shops this year.</li>
              <li>Why the old standard is not included in the list of accepted ones.</li></ul>
            <p>The motion was amended to read as follows. \(Self.sentence)</p></div>
            """)
        #expect(article.text.contains("The availability of helmets"))
        #expect(article.text.contains("The motion was amended"))
    }

    @Test func unnamedPartsOfOneTextAroundABoxJoin() throws {
        // The story's first part is short next to the second (less than a fifth of its
        // score) and they share no class: the two unnamed siblings still make one text.
        let article = try extract("""
            <div id="page"><div><a href="/">Front page</a> <a href="/archive">Archive</a></div>
              <div><h2>Homes for active adults</h2><p>By A. Writer</p>\(Self.paragraphs(3))</div>
              <div>Find out how our loans can help you. <a href="/ad">Learn more</a><h4>Sponsored by: A Bank</h4></div>
              <div>\(Self.paragraphs(24).replacingOccurrences(of: "Paragraph", with: "Part two"))</div>
            </div>
            """)
        let text = article.text
        #expect(text.contains("Paragraph 1."))
        #expect(text.contains("Part two 24."))
        #expect(!text.contains("Front page"))
        #expect(!text.contains("Find out how"))
    }

    @Test func furnitureIsLeftOut() throws {
        let article = try extract("""
            <nav><a href="/">Home</a> <a href="/world">World news and more sections</a></nav>
            <div class="main"><h1>Headline</h1>
              <div class="share-bar"><a href="#">Share on Facebook and on other networks</a></div>
              <div class="content">\(Self.paragraphs(4))</div>
              <div class="newsletter-signup"><p>Sign up for our daily newsletter, delivered to your inbox every morning.</p></div>
              <div class="related-articles"><ul><li><a href="/a">Another story that you might want to read</a></li>
                <li><a href="/b">Yet another story that you might want to read</a></li></ul></div>
              <div id="comments"><p>Great article, I really enjoyed reading it, thanks for writing it all up!</p></div>
            </div>
            <footer><p>Copyright by the publisher of this site, all rights reserved, since forever.</p></footer>
            """)
        let text = article.text
        #expect(text.contains("Paragraph 1."))
        #expect(text.contains("Paragraph 4."))
        #expect(!text.contains("Headline"))
        #expect(!text.contains("Share on Facebook"))
        #expect(!text.contains("newsletter"))
        #expect(!text.contains("Another story"))
        #expect(!text.contains("Great article"))
        #expect(!text.contains("Copyright"))
        #expect(!text.contains("World news"))
    }

    /// A promo box after the article's paragraphs stays furniture even when it holds more
    /// text than the article (a slideshow of long captions): it follows article text, so it
    /// is not a layout wrapper around the article.
    @Test func longPromoBoxAfterTheArticleIsLeftOut() throws {
        let slides = (1...8).map { "<li><h4>Slide \($0)</h4><p>Caption \($0). \(Self.sentence) \(Self.sentence) \(Self.sentence)</p></li>" }
        let article = try extract("""
            <div class="articleBody">\(Self.paragraphs(3))
              <div class="promo_holder"><ul class="slideshow">\(slides.joined())</ul></div>
            </div>
            """)
        #expect(article.text.contains("Paragraph 3."))
        #expect(!article.text.contains("Caption"))
    }

    /// Movable Type / TypePad put the rest of a post after the "continue reading" anchor in
    /// `div.entry-more`: it is article text, not a "more stories" box.
    @Test func extendedEntryAfterMoreAnchorIsKept() throws {
        let article = try extract("""
            <div class="entry"><div class="entry-body">\(Self.paragraphs(2))</div>
              <a id="more"></a>
              <div class="entry-more"><p>Continued. \(Self.sentence) \(Self.sentence)</p>\(Self.paragraphs(4))</div>
            </div>
            """)
        #expect(article.text.contains("Paragraph 1."))
        #expect(article.text.contains("Continued."))
    }

    @Test func lineBreakSeparatedTextInDivIsContent() throws {
        let lines = (1...5).map { "Line \($0): \(Self.sentence)" }.joined(separator: "<br><br>")
        let article = try extract("""
            <div class="menu"><a href="/">Home</a> | <a href="/b">Blog</a></div>
            <div class="story-text">\(lines)</div>
            <div class="sidebar"><p>\(Self.sentence)</p></div>
            """)
        #expect(article.blocks.count == 5)
        #expect(article.blocks.first?.text.hasPrefix("Line 1:") == true)
        #expect(!article.text.contains("Home"))
    }

    @Test func headingsListsAndQuotesBecomeTypedBlocks() throws {
        let article = try extract("""
            <article>\(Self.paragraphs(3))
              <h2>A subheading</h2>
              <ul><li>First point of the list</li><li>Second point of the list</li></ul>
              <blockquote><p>A quoted statement from somebody important.</p></blockquote>
              \(Self.paragraphs(2))</article>
            """)
        let kinds = article.blocks.map(\.type)
        #expect(article.blocks.contains { $0.type == .heading && $0.text == "A subheading" && $0.level == 2 })
        #expect(kinds.filter { $0 == .listItem }.count == 2)
        #expect(article.blocks.contains { $0.type == .quote && $0.text.hasPrefix("A quoted statement") })
        #expect(kinds.filter { $0 == .paragraph }.count == 5)
    }

    @Test func formWrappingThePageIsNotFurniture() throws {
        // ASP.NET pages wrap the whole page in one <form>.
        let article = try extract("""
            <form id="aspnetForm"><div class="header"><a href="/">Home</a></div>
            <div class="article-wrapper">\(Self.paragraphs(5))</div></form>
            """)
        #expect(article.text.contains("Paragraph 5."))
    }

    @Test func markedArticleBodyInsideWidgetIsKept() throws {
        // Blogger puts the post into a "widget Blog" container.
        let article = try extract("""
            <div class="sidebar"><div class="widget Profile"><p>\(Self.sentence) \(Self.sentence) \(Self.sentence)</p></div></div>
            <div class="widget Blog"><div class="post hentry"><div class="post-body entry-content">\(Self.paragraphs(2))</div></div></div>
            """)
        #expect(article.text.contains("Paragraph 2."))
        #expect(article.blocks.count == 2)
    }

    @Test func articleSplitOverColumnsIsGathered() throws {
        let columns = (1...4).map { "<div class=\"column\"><div class=\"inner-\($0)\">\(Self.paragraphs(2))</div></div>" }.joined()
        let article = try extract("""
            <section class="story">\(columns)</section>
            <div class="more"><p>Unrelated teaser with a little bit of text in it.</p></div>
            """)
        #expect(article.blocks.count == 8)
    }

    @Test func captionsAndCommentListsAreLeftOut() throws {
        let article = try extract("""
            <div class="entry">\(Self.paragraphs(3))
              <figure><img src="a.jpg"><figcaption>The caption under the photo, with credit.</figcaption></figure>
              \(Self.paragraphs(2))
              <ol class="commentlist"><li><p>\(Self.sentence) Commenter wrote this.</p></li></ol>
            </div>
            """)
        #expect(!article.text.contains("caption under the photo"))
        #expect(!article.text.contains("Commenter wrote this"))
        // Five text blocks; the photo is an image block with the caption as its field.
        #expect(article.blocks.filter { $0.type != .image }.count == 5)
        #expect(article.blocks.first { $0.type == .image }?.caption == "The caption under the photo, with credit.")
    }

    @Test func furnitureLinesAreDropped() throws {
        let article = try extract("""
            <div class="text">\(Self.paragraphs(2))<p>Advertisement</p><p>Share this:</p>\(Self.paragraphs(2))
            <p>Related: why the article goes on</p></div>
            """)
        #expect(article.blocks.count == 4)
        #expect(!article.text.contains("Advertisement"))
    }
}

/// The wording filter on its own.
struct BodyBlockFilterTests {
    let filter = BlockFilter(rules: .default)

    @Test func shortFurnitureLinesAreRecognised() {
        #expect(filter.isBoilerplate(Block(type: .paragraph, text: "ADVERTISEMENT")))
        #expect(filter.isBoilerplate(Block(type: .paragraph, text: "Posted in News | 3 comments")))
        #expect(filter.isBoilerplate(Block(type: .paragraph, text: "Jane Doe / Getty Images")))
    }

    @Test func proseIsNeverDropped() {
        let long = "Related developments were reported on Tuesday, when the committee met again to discuss the budget."
        #expect(!filter.isBoilerplate(Block(type: .paragraph, text: long)))
        #expect(!filter.isBoilerplate(Block(type: .paragraph, text: "The vote was close.")))
        #expect(!filter.isBoilerplate(Block(type: .preformatted, text: "share")))
    }

    @Test func discussionBelowThePostIsCut() {
        let post = Block(type: .paragraph, text: String(repeating: "Article text goes on. ", count: 12))
        let blocks = [
            post, Block(type: .heading, text: "12 Comments", level: 2),
            Block(type: .paragraph, text: "Great post, thanks for writing it!"),
        ]
        #expect(filter.filter(blocks) == [post])
        // A "Comments" heading before any article text is not a cut point.
        let early = [Block(type: .heading, text: "Comments", level: 2), post]
        #expect(filter.truncatedAtDiscussion(early) == early)
    }

    @Test func sentenceStartingLikeADiscussionHeadingDoesNotCutThePost() {
        let post = Block(type: .paragraph, text: String(repeating: "Article text goes on. ", count: 12))
        let sentence = Block(type: .paragraph, text: "Thoughts on how the team is shaping up when I return. See you.")
        let rest = Block(type: .paragraph, text: "One more paragraph of the post itself.")
        #expect(filter.filter([post, sentence, rest]) == [post, sentence, rest])
        // The WordPress heading, with or without a question mark in the post's title, still cuts.
        for heading in ["3 thoughts on “Is the season over?”", "12 Responses to “The new season”"] {
            let blocks = [post, Block(type: .paragraph, text: heading), rest]
            #expect(filter.filter(blocks) == [post])
        }
    }

    @Test func labelIntroducingWhatFollowsIsNoDiscussionHeading() {
        let post = Block(type: .paragraph, text: String(repeating: "Article text goes on. ", count: 12))
        let rest = Block(type: .paragraph, text: "The first point raised was the cost of the new helmets.")
        for label in ["Discussion:", "Comments:", "Comments --", "Comments—"] {
            // The label may go as a furniture line ("Comments:"); what follows stays.
            let kept = filter.filter([post, Block(type: .paragraph, text: label), rest])
            #expect(kept.first == post && kept.last == rest)
        }
        // As a heading element it still ends the post.
        let heading = [post, Block(type: .heading, text: "Comments:", level: 4), rest]
        #expect(filter.filter(heading) == [post])
    }

    @Test func normalizationIgnoresPunctuation() {
        #expect(BlockFilter.normalize("  Share   this » ") == "share this")
    }
}

/// Paragraph units: text attributed to its nearest block.
struct BodyParagraphUnitTests {
    @Test func textIsOwnedByNearestBlock() throws {
        let html = "<html><body><div>Own text <b>bold <a href='#'>link</a></b><br>more<p>para text</p></div></body></html>"
        let tree = try ArticleExtractor.parse(bytes: html)
        let analysis = PageAnalysis(tree: tree)
        let units = ParagraphUnits(analysis: analysis, blockElements: ElementNameSet(ExtractionRules.default.blockElements))
        let div = try #require(tree.firstElement(named: "div"))
        let p = try #require(tree.firstElement(named: "p"))
        #expect(units.ownText[div] == Int32("Owntextboldlinkmore".count))
        #expect(units.ownLinkText[div] == 4)
        #expect(units.ownBreaks[div] == 1)
        #expect(units.hasBlockChild[div])
        #expect(units.ownText[p] == 8)
    }

    @Test func commasIncludeCJK() {
        #expect(ParagraphUnits.commas(in: "a, b，c、d") == 3)
    }
}

extension ArticleExtractor {
    /// Parses a UTF-8 test page into a tree.
    static func parse(bytes html: String) throws -> DOMTree {
        let bytes = Array(html.utf8)
        return try bytes.withUnsafeBytes { buffer in
            try parse(buffer, source: "test", charset: "UTF-8", url: nil)
        }
    }
}

@Suite struct LinkOnlyBlockTests {
    /// Table-layout pages put print/recommend links, breadcrumbs and related-link tables
    /// right in the content cell; none of it is body text.
    @Test func linkOnlyLinesAndRelatedTablesLeaveTheBody() throws {
        let paragraph = "<p>Der Christkindlmarkt öffnet am Freitag wieder seine Hütten, und die Standler bieten bis Weihnachten Kunsthandwerk, Lebkuchen und Glühwein an.</p>"
        let html = """
            <html><body><table><tr><td class="inhalt">
            <span class="rubrik">Lokales &gt; Stadt</span><br><h1>Punsch wird teurer</h1>
            \(paragraph)\(paragraph)\(paragraph)
            <br><a href="javascript:window.print()">Artikel drucken</a> | <a href="/empfehlen/">Artikel weiterempfehlen</a><br>
            <table class="weitere"><tr><td><b>Weitere Artikel aus Lokales</b></td></tr>
            <tr><td>&raquo; <a href="/a.html">Neue Ampel bei der Volksschule</a></td></tr>
            <tr><td>&raquo; <a href="/b.html">Stadtbücherei verlängert Öffnungszeiten</a></td></tr></table>
            </td></tr></table></body></html>
            """
        let article = try ArticleExtractor().extract(html: Array(html.utf8), source: "t")
        #expect(article.blocks.count == 3)
        #expect(!article.text.contains("drucken"))
        #expect(!article.text.contains("Volksschule"))
        #expect(!article.text.contains("Lokales"))
    }
}
