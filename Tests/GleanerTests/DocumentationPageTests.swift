import Testing
@testable import GleanerExtract
import GleanerModel

/// Old-style documentation and reference pages (hand-written): a table of contents of
/// `#` links, then sections each opened by an `<a name>` jump target that is never closed.
/// libxml2 nests what follows in the open `<a>`, so the pages must not read as lists of links.
struct DocumentationPageTests {
    static let sections = [
        "Installing the software", "Configuring the server", "Running the first job", "Reading the log files",
        "Backing up the data", "Restoring from a backup", "Upgrading to a new version", "Tuning the performance",
        "Securing the installation", "Monitoring the service", "Troubleshooting common errors", "Getting further help",
    ]

    static func prose(_ label: String) -> String {
        "\(label) opens this paragraph of the manual, which goes on for a while with ordinary words, commas, and a full stop."
    }

    func extract(_ body: String) throws -> Article {
        let html = "<html><head><title>Operator manual</title></head><body><h1>Operator manual</h1>\(body)</body></html>"
        return try ArticleExtractor().extract(html: Array(html.utf8), source: "test")
    }

    static var tableOfContents: String {
        sections.enumerated().map { "<p><a href=\"#s\($0.offset)\">\($0.element)</a></p>" }.joined()
    }

    /// Each section's heading and prose sit inside its `<a name>`: read as links, the
    /// headings were teaser headlines and the prose link text, and the page an empty index.
    @Test func namedTargetsAreNotLinks() throws {
        let body = Self.sections.enumerated().map { index, name in
            "<a name=\"s\(index)\">\n<h2>\(name)</h2>\n<p>\(Self.prose("Part\(index)"))</p>\n<p>\(Self.prose("More\(index)"))</p>\n"
        }.joined()
        let article = try extract(Self.tableOfContents + body)
        #expect(article.pageType == .article)
        for index in Self.sections.indices {
            #expect(article.text.contains("Part\(index) opens"), "Part\(index)")
            #expect(article.text.contains("More\(index) opens"), "More\(index)")
        }
    }

    /// With the `<p>`s left open too, each section nests inside the one before; the
    /// container grows one level per section, so it keeps climbing until it holds most of
    /// the text (it used to stop after one step: 3 of 12 sections).
    @Test func nestedSectionsKeepMostOfThePage() throws {
        let body = Self.sections.enumerated().map { index, name in
            "<a name=\"s\(index)\">\n<h2>\(name)</h2>\n<p>\n<font>\(Self.prose("Part\(index)"))</font>\n"
        }.joined()
        let article = try extract(Self.tableOfContents + body)
        #expect(article.pageType == .article)
        let kept = Self.sections.indices.filter { article.text.contains("Part\($0) opens") }
        #expect(kept.count >= 8, "kept \(kept)")
        #expect(kept.last == Self.sections.count - 1)
    }
}
