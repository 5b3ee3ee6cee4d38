import Testing
@testable import GleanerExtract
import GleanerModel

/// Headline candidates (JSON-LD, og:title, `<title>`, the visible h1) are weighed by how much
/// the others agree with them: a description in JSON-LD, a section-name h1, a site name in
/// `<title>` or a promotional og:title must not win against what the page shows.
struct HeadlineChoiceTests {
    static let prose = "<p>" + String(repeating: "The council met on Tuesday and agreed on the new budget for the school. ", count: 6) + "</p>"

    func headline(head: String, body: String) throws -> String? {
        let html = "<html><head>\(head)</head><body>\(body)</body></html>"
        return try ArticleExtractor().extract(html: Array(html.utf8), source: "t").headline
    }

    @Test func jsonLDDescriptionLosesToAgreeingTitles() throws {
        let jsonLD = #"<script type="application/ld+json">{"@type":"Article","headline":"An overview of the options of the tool, with examples for every one of them and links"}</script>"#
        let result = try headline(
            head: "<title>Configuration options - Example Docs</title><meta property=\"og:title\" content=\"Configuration options\">\(jsonLD)",
            body: "<div><h2>Configuration options</h2>\(Self.prose)</div>")
        #expect(result == "Configuration options")
    }

    @Test func visibleH1BeatsPromotionalOgTitle() throws {
        let result = try headline(
            head: "<title>Council agrees on the new school budget | Example News</title><meta property=\"og:title\" content=\"You won't believe what the council just did\">",
            body: "<article><h1>Council agrees on the new school budget</h1>\(Self.prose)</article>")
        #expect(result == "Council agrees on the new school budget")
    }

    @Test func curlyQuotedMetadataTitleGivesWayToTheH1() throws {
        let result = try headline(
            head: "<meta property=\"og:title\" content=\"Mayor: “We will build the bridge”\">",
            body: "<h1>Mayor: \"We will build the bridge\"</h1>\(Self.prose)")
        #expect(result == "Mayor: \"We will build the bridge\"")
    }

    @Test func sectionNameH1IsNotTheHeadline() throws {
        let result = try headline(
            head: "<title>Council agrees on the new school budget – Example News</title><meta property=\"og:title\" content=\"Council agrees on the new school budget\">",
            body: "<h1>Politics</h1><div class=\"story\"><h2>Council agrees on the new school budget</h2>\(Self.prose)</div>")
        #expect(result == "Council agrees on the new school budget")
    }

    @Test func siteNameIsStrippedFromTheTitleOnlyWhenItIsTheSite() throws {
        let named = try headline(
            head: "<title>Council agrees on the new school budget | Example News</title><meta property=\"og:site_name\" content=\"Example News\">",
            body: Self.prose)
        #expect(named == "Council agrees on the new school budget")
    }

    @Test func storyLengthH1WinsWhenNoMetadataAgrees() throws {
        let result = try headline(
            head: "<title>Example News – your daily paper</title><meta property=\"og:title\" content=\"Read this now\">",
            body: "<h1>Council agrees on the new school budget after a long night</h1>\(Self.prose)")
        #expect(result == "Council agrees on the new school budget after a long night")
    }

    @Test func openingH1BeatsMetadataThatOnlyAgreesWithItself() throws {
        // JSON-LD, og:title and <title> all carry the promotional wording; the reader sees the h1.
        let promo = "You won't believe what the council just did"
        let jsonLD = #"<script type="application/ld+json">{"@type":"NewsArticle","headline":"\#(promo)"}</script>"#
        let result = try headline(
            head: "<title>\(promo) | Example News</title><meta property=\"og:title\" content=\"\(promo)\">\(jsonLD)",
            body: "<header><a href=\"/\">Example News</a></header><div class=\"main\"><h1>Council agrees on the new school budget</h1>\(Self.prose)</div>")
        #expect(result == "Council agrees on the new school budget")
    }

    @Test func openingH1InAHeaderWrapperBeatsAQuoteAsTitle() throws {
        let result = try headline(
            head: "<title>“We will not back down”: mayor on the cuts | Example News</title><meta property=\"og:title\" content=\"“We will not back down”: mayor on the cuts\">",
            body: "<div><header><h1>Mayor vows to fight the cuts to city transit</h1></header>\(Self.prose)</div>")
        #expect(result == "Mayor vows to fight the cuts to city transit")
    }

    @Test func h1sHeadingSeveralPartsAreSectionHeadings() throws {
        // Old pages use h1 for every section: no single h1 is the story's title.
        let result = try headline(
            head: "<meta property=\"og:title\" content=\"A guide to the school budget\"><title>A guide to the school budget</title>",
            body: "<div><h1>How the school budget is made</h1>\(Self.prose)<h1>Who decides on the school budget</h1>\(Self.prose)</div>")
        #expect(result == "A guide to the school budget")
    }

    @Test func linkedTeaserH1DoesNotOpenTheProse() throws {
        let result = try headline(
            head: "<meta property=\"og:title\" content=\"A guide to the school budget\"><title>A guide to the school budget</title>",
            body: "<div><h1><a href=\"/story\">Council agrees on the new school budget</a></h1>\(Self.prose)</div>")
        #expect(result == "A guide to the school budget")
    }

    @Test func shortH1AgreeingWithTheTitleBeatsAJSONLDDescription() throws {
        let jsonLD = #"<script type="application/ld+json">{"@type":"Article","headline":"A budget is a plan for the money of a defined period, often one year"}</script>"#
        let result = try headline(
            head: "<title>Budget - Example Wiki</title>\(jsonLD)",
            body: "<div><h1>Budget</h1>\(Self.prose)</div>")
        #expect(result == "Budget")
    }

    @Test func openingH1InNestedHeadlineDivsBeatsAPromotionalOgTitle() throws {
        // News templates: the headline, a subhead and a byline in divs of their own, a row of
        // tabs, then the story in the next div. The og:title and <title> agree on other wording.
        let promo = "What the council's budget means for you"
        let result = try headline(
            head: "<title>\(promo) - Example News</title><meta property=\"og:title\" content=\"\(promo)\">",
            body: """
                <div class="page"><div class="wrap"><div class="headline-box">\
                <h1>Council agrees on the new school budget after a long night</h1>\
                <h2 class="subhead">Teachers get a raise, the pool stays closed</h2>\
                <p class="byline">By A. Writer</p></div></div>\
                <ul class="tabs"><li><a href="#story">Story</a></li><li><a href="#comments">Comments</a></li></ul>\
                <div class="story">\(Self.prose)\(Self.prose)</div></div>
                """)
        #expect(result == "Council agrees on the new school budget after a long night")
    }

    @Test func duplicatedOpeningH1IsOneHeading() throws {
        // The same h1 twice (a copy for another layout): still the one headline the reader sees.
        let promo = "What the council's budget means for you"
        let story = "<div><div class=\"head\"><h1>Council agrees on the new school budget after a long night</h1></div>\(Self.prose)</div>"
        let result = try headline(
            head: "<title>\(promo) - Example News</title><meta property=\"og:title\" content=\"\(promo)\">",
            body: story + story.replacingOccurrences(of: "<div>", with: "<div class=\"print-copy\">"))
        #expect(result == "Council agrees on the new school budget after a long night")
    }

    @Test func siteNameH1InAHeaderWithAMenuDoesNotOpenTheProse() throws {
        // The site's name as a long h1 in a header that also holds a menu: the header holds
        // more than a headline's wrapper, so the h1 is not the story's title.
        let menu = (1...12).map { "<li><a href=\"/section/\($0)\">Section number \($0)</a></li>" }.joined()
        let result = try headline(
            head: "<title>Council agrees on the new school budget - Example News</title><meta property=\"og:title\" content=\"Council agrees on the new school budget\">",
            body: "<div id=\"top\"><h1>The Example News of the Valley Towns</h1><ul>\(menu)</ul></div><div class=\"story\">\(Self.prose)</div>")
        #expect(result == "Council agrees on the new school budget")
    }
}
