import Testing
@testable import GleanerExtract
import GleanerModel

/// Very short pages — one or a few paragraphs, even bare text in `<body>` — must never give
/// an empty body; listing pages stay `index`, with the prose they show as text.
struct ShortPageTests {
    func extract(_ html: String) throws -> Article {
        try ArticleExtractor().extract(html: Array(html.utf8), source: "test")
    }

    @Test func bareTextInBody() throws {
        let article = try extract("<html><head><title>Note</title></head><body>The office is closed on Friday.</body></html>")
        #expect(article.text == "The office is closed on Friday.")
    }

    @Test func oneShortParagraph() throws {
        let article = try extract("<html><body><h1>Closed</h1><p>Back on Monday.</p></body></html>")
        #expect(article.text.contains("Back on Monday."))
    }

    @Test func aFewShortParagraphsBesideANavigation() throws {
        let article = try extract("""
            <html><body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
            <div class="page"><p>We moved.</p><p>Our new address is 5 Main Street.</p><p>See you there!</p></div>
            <footer>© Example</footer></body></html>
            """)
        #expect(article.text.contains("We moved."))
        #expect(article.text.contains("Our new address is 5 Main Street."))
        #expect(!article.text.contains("Home"))
    }

    @Test func bareTextWithLineBreaks() throws {
        let article = try extract("<html><body>First line of a plain page.<br>Second line, with more words.<br><br>Signed, the editor</body></html>")
        #expect(article.text.contains("First line of a plain page."))
        #expect(article.text.contains("Signed, the editor"))
    }

    @Test func listingPageStaysIndex() throws {
        var teasers = ""
        for i in 1...14 {
            teasers += "<div class=\"item\"><h3><a href=\"/a\(i)\">Teaser headline number \(i) for the list</a></h3><p>Summary of story \(i).</p></div>"
        }
        let article = try extract("<html><head><title>Region</title></head><body><h1>Region</h1>\(teasers)</body></html>")
        #expect(article.pageType == .index)
        #expect(article.comments.isEmpty)
        #expect(article.lead == nil)
    }

    /// A section front with an introduction: the page stays an index, but the prose it
    /// shows is its text (a page with visible prose never gives an empty body).
    @Test func indexPageKeepsItsProse() throws {
        var teasers = ""
        for i in 1...14 {
            teasers += "<li><h3><a href=\"/a\(i)\">Teaser headline number \(i) for the list</a></h3></li>"
        }
        let intro = "<div class=\"intro\"><p>This section collects our reporting on the region's rivers, "
            + "from the spring floods to the long summer droughts.</p><p>New stories appear here every "
            + "morning; older ones stay in the archive below.</p></div>"
        let article = try extract("<html><head><title>Rivers</title></head><body><h1>Rivers</h1>\(intro)<ul>\(teasers)</ul></body></html>")
        #expect(article.pageType == .index)
        #expect(article.text.contains("spring floods"))
        #expect(article.text.contains("older ones stay in the archive"))
        #expect(!article.text.hasPrefix("Rivers"))  // the headline is not repeated in the text
    }

    /// A section front whose teasers are all links (headline and summary): the teasers are
    /// its prose (`indexMaximumLinkDensity`), not link-dense widgets to leave out.
    @Test func indexPageKeepsItsLinkedTeasers() throws {
        let places = ["bridge", "library", "harbour", "school", "market", "station", "park", "museum", "stadium", "hospital", "tunnel", "pool"]
        var teasers = ""
        for (i, place) in places.enumerated() {
            teasers += "<div class=\"row\"><h3><a href=\"/s\(i)\">Teaser headline number \(i) for the list</a></h3>"
                + "<p><a href=\"/s\(i)\">The council votes tonight on the plans for the new \(place).</a> 4 min read</p></div>"
        }
        let intro = "<p>Every story from the city desk, newest first, with the council's decisions and the courts.</p>"
        let article = try extract("<html><head><title>City</title></head><body><h1>City</h1><div class=\"section\">\(intro)\(teasers)</div></body></html>")
        #expect(article.pageType == .index)
        #expect(article.text.contains("Every story from the city desk"))
        #expect(article.text.contains("The council votes tonight on the plans for the new museum."))
    }
}
