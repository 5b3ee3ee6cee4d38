import Testing
@testable import GleanerExtract
import GleanerModel

/// Blog platforms' own markup (hand-written pages in their default templates' shape).
struct BlogPlatformTests {
    static func prose(_ label: String) -> String {
        "\(label) opens this paragraph of the post, which goes on for a while with ordinary words, commas, and a full stop."
    }

    func extract(_ body: String) throws -> Article {
        let html = "<html><head><title>A blog</title></head><body>\(body)</body></html>"
        return try ArticleExtractor().extract(html: Array(html.utf8), source: "test")
    }

    /// Serendipity names each entry `serendipity_entry serendipity_entry_author_<name>`:
    /// the `author` part read as furniture and emptied the page; its body classes
    /// (`serendipity_entry_body`, `serendipity_entry_extended`) mark the posts.
    @Test func serendipityEntriesAreTheBody() throws {
        let entries = ["Alpha", "Bravo", "Charlie"].map { word in
            """
            <div class="serendipity_Entry_Date"><h3 class="serendipity_date">Monday, December 11. 2006</h3>
              <h4 class="serendipity_title"><a href="/archives/\(word).html">\(word) news</a></h4>
              <div class="serendipity_entry serendipity_entry_author_Jane-Doe">
                <div class="serendipity_entry_body"><p>\(Self.prose(word))</p><p>\(Self.prose(word + "-two"))</p></div>
                <div class="serendipity_entryFooter">Posted by Jane Doe at 04:16 | Comments (5)</div>
              </div></div>
            """
        }.joined()
        let article = try extract("""
            <table id="mainpane"><tr><td id="content">\(entries)</td>
              <td id="serendipityRightSideBar"><div class="serendipitySideBarItem"><h3>Archives</h3>
                <ul><li><a href="/a">December 2006</a></li><li><a href="/b">November 2006</a></li></ul></div></td></tr></table>
            """)
        for word in ["Alpha", "Bravo", "Charlie"] { #expect(article.text.contains("\(word) opens"), "\(word)") }
        #expect(!article.text.contains("November 2006"))
    }
}
