import Testing
@testable import GleanerExtract

/// url, language, headline, lead and page type precedence.
@Suite struct MetadataPageTests {
    // MARK: url

    @Test func canonicalBeatsOgURLAndIsMadeAbsolute() throws {
        let html = page(head: "<link rel=\"canonical\" href=\"/news/story-1\"><meta property=\"og:url\" content=\"https://example.org/og\">", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html, url: "https://example.org/news/story-1?utm=x"))
        #expect(metadata.url == "https://example.org/news/story-1")
    }

    @Test func ogURLWhenNoCanonical() throws {
        let html = page(head: "<meta property=\"og:url\" content=\"https://example.org/og\">", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html, url: "https://example.org/page"))
        #expect(metadata.url == "https://example.org/og")
    }

    @Test func pageURLWhenNothingDeclared() throws {
        let (metadata, _) = try #require(extractMetadata(page(body: longParagraph), url: "https://example.org/page"))
        #expect(metadata.url == "https://example.org/page")
        let (withoutURL, _) = try #require(extractMetadata(page(body: longParagraph)))
        #expect(withoutURL.url == nil)
    }

    @Test func relativeCanonicalWithoutBaseFallsThrough() throws {
        let html = page(head: "<link rel=\"canonical\" href=\"/news/story-1\"><meta property=\"og:url\" content=\"https://example.org/og\">", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.url == "https://example.org/og")
    }

    @Test func baseHrefAppliesToImage() throws {
        let html = page(head: "<base href=\"https://cdn.example.org/site/\"><meta property=\"og:image\" content=\"img/a.jpg\">", body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html, url: "https://example.org/page"))
        #expect(metadata.image == "https://cdn.example.org/site/img/a.jpg")
    }

    // MARK: language

    @Test(arguments: [
        (page(body: longParagraph, lang: "de-ch"), "de-CH"),
        (page(body: longParagraph, lang: "EN_us"), "en-US"),
        (page(head: "<meta http-equiv=\"content-language\" content=\"fr-CH, de\">", body: longParagraph), "fr-CH"),
        (page(head: "<meta property=\"og:locale\" content=\"de_DE\">", body: longParagraph), "de-DE"),
        (page(head: "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"x\",\"inLanguage\":\"it\"}</script>", body: longParagraph), "it"),
        (page(head: "<meta property=\"og:locale\" content=\"de_DE\">", body: longParagraph, lang: "{{lang}}"), "de-DE"),
        (page(body: longParagraph, lang: "zh-hans-cn"), "zh-Hans-CN"),
    ])
    func language(html: String, expected: String) throws {
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.language == expected)
    }

    @Test func noLanguageIsNil() throws {
        let (metadata, _) = try #require(extractMetadata(page(body: longParagraph)))
        #expect(metadata.language == nil)
    }

    // MARK: headline

    @Test func ogTitleWithSiteSuffixGivesWayToH1() throws {
        let html = page(
            head: "<meta property=\"og:title\" content=\"Schulhaus wird später saniert | Example\"><meta property=\"og:site_name\" content=\"Example\">",
            body: "<header><h1 class=\"logo\">Example</h1></header><h1>Schulhaus wird später saniert</h1>" + longParagraph)
        let (metadata, tree) = try #require(extractMetadata(html))
        #expect(metadata.headline == "Schulhaus wird später saniert")
        let node = try #require(metadata.headlineNode)
        #expect(tree.rawText(of: node) == "Schulhaus wird später saniert")
    }

    @Test func titleWithoutSiteWhenNothingElse() throws {
        let html = "<html><head><title>Schulhaus wird später saniert - Example News</title></head><body>\(longParagraph)</body></html>"
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.headline == "Schulhaus wird später saniert")
        #expect(metadata.headlineNode == nil)
    }

    @Test func blogNameInH1PostTitleInH3() throws {
        let html = "<html><head><title>Seth's Blog: The importance of going first</title></head><body>"
            + "<div id=\"banner\"><h1><a href=\"/\">Seth's Blog</a></h1></div>"
            + "<div class=\"entry\"><h3 class=\"entry-header\">The importance of going first</h3>\(longParagraph)</div></body></html>"
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.headline == "The importance of going first")
        #expect(metadata.headlineNode == nil)  // the h1 is the blog's name: not left out of anything
        #expect(metadata.siteName == "Seth's Blog")
    }

    @Test func headlineH1WithLongTitleSuffixStaysHeadline() throws {
        let html = "<html><head><title>Lancia Delta Review | Auto cars 123 | Car Reviews</title></head><body>"
            + "<h2>Auto cars 123 | Car Reviews</h2><h1>Lancia Delta Review</h1>\(longParagraph)</body></html>"
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.headline == "Lancia Delta Review")
    }

    // MARK: dates

    @Test func offsetFreeDateUpgradedByLaterFullTimestamp() throws {
        let html = page(
            head: "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"x\",\"datePublished\":\"2023-09-11T14:05:00\"}</script>"
                + "<meta property=\"article:published_time\" content=\"2023-09-11T14:05:00+02:00\">",
            body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.published == "2023-09-11T14:05:00+02:00")
    }

    @Test func placeholderDateLosesToRealOne() throws {
        let html = page(
            head: "<meta property=\"article:published_time\" content=\"2001-01-01T00:00:00Z\"><meta name=\"date\" content=\"2019-11-19\">",
            body: longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.published == "2019-11-19")
    }

    @Test func sidebarDateFarFromHeadlineIsIgnored() throws {
        var filler = ""
        for i in 0..<400 { filler += "<p>Paragraph \(i)</p>" }
        let html = page(body: "<h1>Schulhaus wird später saniert</h1>\(longParagraph)\(filler)<div class=\"list\"><span class=\"date\">11.12.12</span></div>")
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.published == nil)
    }

    // MARK: lead

    @Test func leadByClass() throws {
        let html = page(body: """
            <article><h1>Schulhaus wird später saniert</h1><p class="byline">Von Anna Muster</p>
            <p class="article__lead">Die Sanierung des Schulhauses verzögert sich um ein Jahr.</p>\(longParagraph)</article>
            """)
        let (metadata, tree) = try #require(extractMetadata(html))
        #expect(metadata.lead == "Die Sanierung des Schulhauses verzögert sich um ein Jahr.")
        let node = try #require(metadata.leadNode)
        #expect(tree[node].name == "p")
    }

    @Test func leadMatchingDescription() throws {
        let html = page(
            head: "<meta property=\"og:description\" content=\"Die Sanierung des Schulhauses verzögert sich um ein ganzes Jahr, sagt der Gemeinderat.\">",
            body: "<h1>Schulhaus wird später saniert</h1><p>Die Sanierung des Schulhauses verzögert sich um ein ganzes Jahr, sagt der Gemeinderat.</p>" + longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.lead == "Die Sanierung des Schulhauses verzögert sich um ein ganzes Jahr, sagt der Gemeinderat.")
    }

    @Test func teaserAfterBodyIsNotALead() throws {
        let html = page(body: "<h1>Schulhaus wird später saniert</h1>\(longParagraph)<div class=\"teaser\">Lesen Sie auch: Die Schule in der Nachbargemeinde wird gebaut.</div>")
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.lead == nil)
        #expect(metadata.leadNode == nil)
    }

    // MARK: page type

    @Test func teaserListWithoutDeclarationIsIndex() throws {
        var teasers = ""
        for i in 1...14 {
            teasers += "<div class=\"item\"><h3><a href=\"/a\(i)\">Teaser headline number \(i) for the list</a></h3><p>Summary of story \(i) in a sentence.</p></div>"
        }
        let html = page(head: "<title>Region – Example</title>", body: "<h1>Region</h1>" + teasers)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.pageType == .index)
    }

    @Test func shortArticleWithRelatedLinksStaysArticle() throws {
        var related = ""
        for i in 1...14 {
            related += "<li><h3><a href=\"/a\(i)\">Related headline number \(i) for the list</a></h3></li>"
        }
        let html = page(
            head: "<title>Schulhaus wird später saniert wegen höherer Kosten | Example</title>",
            body: "<h1>Schulhaus wird später saniert wegen höherer Kosten</h1>\(longParagraph)<ul>\(related)</ul>")
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.pageType == .article)
    }

    @Test func ogTypeArticleIsNeverIndex() throws {
        var teasers = ""
        for i in 1...20 { teasers += "<h2><a href=\"/a\(i)\">Teaser headline number \(i) for the list</a></h2>" }
        let html = page(head: "<meta property=\"og:type\" content=\"article\">", body: teasers)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.pageType == .article)
    }
}
