import Foundation
import Gleaner
import GleanerNormalize
import Testing

/// Dates in many languages, placeholders, visible and URL dates, language detection, Unicode
/// word counts and the page types beyond article/index.
@Suite struct TextKnowledgeTests {
    @Test(arguments: [
        ("19 de octubre de 2012", "2012-10-19"),
        ("19 ottobre 2012", "2012-10-19"),
        ("19 de outubro de 2012", "2012-10-19"),
        ("19 октября 2012 г.", "2012-10-19"),
        ("2018年8月25日 15:24", "2018-08-25"),
        ("2018년 8월 25일 오후 3:24", "2018-08-25"),
        ("기사입력 :[ 2018-08-25 15:24 ]", "2018-08-25"),
        ("1er janvier 2020", "2020-01-01"),
        ("Wed, Oct 24, 2012", "2012-10-24"),
        ("27th of October 2012", "2012-10-27"),
        ("10.29.2012", "2012-10-29"),
        ("19 oktober 2012", "2012-10-19"),
        ("2018年8月25日午後3時", "2018-08-25"),
    ])
    func readsDatesOfManyLanguages(input: String, expected: String) {
        #expect(DateNormalizer.normalize(input) == expected)
    }

    @Test func afternoonBeforeTimeCountsInKorean() throws {
        let parsed = try #require(DateNormalizer.parse("2018년 8월 25일 오후 3:24 KST"))
        #expect(parsed.iso8601 == "2018-08-25T15:24:00+09:00")
    }

    @Test func placeholdersAreNotPlausible() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14
        #expect(DateNormalizer.parse("0001-01-01T00:00:00Z") == nil)
        #expect(!DateNormalizer.isPlausible(try #require(DateNormalizer.parse("1970-01-01")), now: now))
        #expect(!DateNormalizer.isPlausible(try #require(DateNormalizer.parse("2099-01-01")), now: now))
        #expect(DateNormalizer.isPlausible(try #require(DateNormalizer.parse("2023-11-15")), now: now))
    }

    @Test func utcUsesTheRecordsOneShape() {
        #expect(DateNormalizer.utc("2024-05-01T10:30:00+02:00") == "2024-05-01T08:30:00+00:00")
    }

    private func extract(_ html: String, url: String? = nil) throws -> Article {
        try ArticleExtractor().extract(html: Array(html.utf8), url: url)
    }

    private let filler = String(repeating: "The council met again on the matter and said it would decide later. ", count: 8)

    @Test func visibleDateBesideTheHeadlineBeatsAPlaceholder() throws {
        let html = """
            <html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Council delays the vote","datePublished":"0001-01-01T00:00:00Z"}</script></head>
            <body><h1>Council delays the vote</h1><div class="meta">jbat - October 19, 2012</div><p>\(filler)</p></body></html>
            """
        #expect(try extract(html).published == "2012-10-19")
    }

    @Test func postedByLineAndBloggerDateHeader() throws {
        let posted = "<html><body><h1>Council delays the vote again</h1><p class=\"x\">Posted by <a href=\"/u\">Mike</a> on Wed, Oct 24, 2012</p><p>\(filler)</p></body></html>"
        #expect(try extract(posted).published == "2012-10-24")
        let blogger = "<html><body><h2 class=\"date-header\"><span>Monday, May 23, 2011</span></h2><div class=\"post\"><h3 class=\"post-title\">Council delays the vote again</h3><p>\(filler)</p></div></body></html>"
        #expect(try extract(blogger).published == "2011-05-23")
    }

    @Test func urlDateIsTheLastResort() throws {
        let html = "<html><body><h1>Council delays the vote again</h1><p>\(filler)</p></body></html>"
        #expect(try extract(html, url: "https://example.org/2019/11/19/council-vote/").published == "2019-11-19")
        #expect(try extract(html, url: "https://example.org/news/council-vote").published == nil)
    }

    /// "11.12.12" reads both ways; the permalink's `/2012/11/` says November. Without that
    /// evidence, or with the month written out, the text's own reading stands.
    @Test func numericDateThatReadsBothWaysFollowsThePermalinkMonth() throws {
        func page(_ dateline: String) -> String {
            "<html><body><h1>Council delays the vote again</h1><ul><li class=\"by\">Ann Lee</li><li class=\"when\">\(dateline)</li></ul><p>\(filler)</p></body></html>"
        }
        #expect(try extract(page("11.12.12"), url: "https://example.org/news/2012/11/council-vote/").published == "2012-11-12")
        #expect(try extract(page("11.12.12"), url: "https://example.org/news/2012/12/council-vote/").published == "2012-12-11")
        #expect(try extract(page("11.12.12"), url: "https://example.org/news/council-vote").published == "2012-12-11")
        #expect(try extract(page("11 Dec 2012"), url: "https://example.org/news/2012/11/council-vote/").published == "2012-12-11")
        // The same in an element classed as the date (a CMS's `entry-date`).
        let classed = "<html><body><h1>Council delays the vote again</h1><span class=\"entry-date\">11.12.12</span><p>\(filler)</p></body></html>"
        #expect(try extract(classed, url: "https://example.org/2012/11/council-vote/").published == "2012-11-12")
        #expect(try extract(classed).published == "2012-12-11")
    }

    /// Old blog themes: no h1, the site's name in an h2 linking home, the post's title in an
    /// h2 with its date inside. The title the metadata agrees with is the headline (without
    /// the date), it is not repeated in the body, and it anchors the visible date (the line
    /// after it, not the teaser list's date before it).
    @Test func postTitleInASubheadingIsTheHeadline() throws {
        let html = """
            <html><head><title>Harbour Notes - Harbour Notes - The ferry timetable changes again</title></head><body>
            <div class="header"><h2><a href="https://harbour.example/">Harbour Notes</a></h2></div>
            <ul class="recent"><li><a href="/2012/10/01/x">Ferry news for October 1, 2012</a></li></ul>
            <div class="post"><h2>The ferry timetable changes again <em>18 October, 2012</em></h2>
            <span class="posted-on">Thursday, October 18, 2012 at 9:15AM</span><p>\(filler)</p></div></body></html>
            """
        let article = try extract(html)
        #expect(article.headline == "The ferry timetable changes again")
        #expect(article.published == "2012-10-18")
        #expect(!article.text.contains("timetable changes again"))
        // A heading that only links home is the site, even when the title ends with it.
        let site = """
            <html><head><title>Lancia Delta Review | Harbour Notes | Car Reviews</title></head><body>
            <h2><a href="/">Harbour Notes | Car Reviews</a></h2><div class="post"><p>\(filler)</p></div></body></html>
            """
        #expect(try extract(site).headline != "Harbour Notes | Car Reviews")
    }

    @Test func detectedLanguageCorrectsAWrongDeclaration() throws {
        let html = "<html lang=\"de\"><body><h1>Council delays the vote again</h1><p>\(filler)</p></body></html>"
        let article = try extract(html)
        #expect(article.languageDetected?.code == "en")
        #expect(article.language == "en")
        let swiss = "<html lang=\"de-CH\"><body><h1>Der Rat vertagt die Abstimmung</h1><p>\(String(repeating: "Der Gemeinderat hat die Abstimmung über das neue Schulhaus erneut verschoben, weil noch Fragen offen sind. ", count: 5))</p></body></html>"
        #expect(try extract(swiss).language == "de-CH")
        let undeclared = "<html><body><h1>Der Rat vertagt die Abstimmung</h1><p>\(String(repeating: "Der Gemeinderat hat die Abstimmung über das neue Schulhaus erneut verschoben, weil noch Fragen offen sind. ", count: 5))</p></body></html>"
        #expect(try extract(undeclared).language == "de")
    }

    @Test func japaneseWordsCountByWordBoundaries() throws {
        let japanese = "東京都は二十五日、新しい感染対策の方針を発表した。都内の飲食店に対して営業時間の短縮を要請する。"
        #expect(Article.countWords(japanese) >= 15)
        #expect(Article.countWords("Hello, world — it's 3.5 degrees.") == 5)
        let article = try extract("<html><body><h1>方針</h1><p>\(japanese)</p></body></html>")
        #expect(article.wordCount >= 15)
        #expect(article.charCount == japanese.count)
    }

    @Test func plainTextErrorAndListingPages() throws {
        let text = try extract("Release notes\n\nThe first paragraph of a plain text file.\nIt goes on.\n\nA second one.\n")
        #expect(text.pageType == .text)
        #expect(text.headline == "Release notes")
        #expect(text.blocks.count == 2)
        let soft404 = try extract("<html><head><title>Page not found – Example News</title></head><body><h1>Sorry, this page does not exist</h1><p>Try the search.</p></body></html>")
        #expect(soft404.pageType == .error)
        let links = (1...12).map { "<li><a href=\"f\($0).zip\">f\($0).zip</a></li>" }.joined()
        let listing = try extract("<html><head><title>Index of /files</title></head><body><h1>Index of /files</h1><ul>\(links)</ul></body></html>")
        #expect(listing.pageType == .listing)
    }
}
