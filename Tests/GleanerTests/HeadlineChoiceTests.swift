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
}
