import Testing
import GleanerHTML

@Suite struct HTMLDocumentTests {
    static let page = Array("""
        <html><body><div id="main"><p class="x">One</p><p>Two <b>bold</b></p></div>
        <ul><li><a href="/a">A</a></li></ul></body></html>
        """.utf8)

    @Test func xpathFindsElementsAndTheyOutliveTheirQuery() throws {
        var kept: [HTMLElement] = []
        do {
            let document = try HTMLDocument.parse(html: Self.page)
            kept = try document.xpath("//div[@id='main']/p")
        }
        // The document variable is gone; the elements still keep it alive.
        #expect(kept.map(\.textContent) == ["One", "Two bold"])
        #expect(kept.first?.attribute("class") == "x")
        #expect(kept.first?.attribute("missing") == nil)
        #expect(kept.first?.document.root?.name == "html")
    }

    @Test func invalidXPathIsAnErrorWithLibxml2sMessage() throws {
        let document = try HTMLDocument.parse(html: Self.page)
        #expect(throws: HTMLParseError.self) { try document.xpath("//p[") }
    }

    @Test func emptyInputIsRefused() {
        #expect(throws: HTMLParseError.self) { try HTMLDocument.parse(html: []) }
    }
}
