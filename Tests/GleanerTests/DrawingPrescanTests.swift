import Foundation
import Gleaner
@testable import GleanerHTML
import Testing

/// Article extraction's parse (`ScriptTextPolicy.dataOnly`) keeps inline `svg` elements but
/// not their inside (`AttributeLimiter`, `emptyingDrawings`); when the markup is not one the
/// pre-scan can follow, it cuts nothing.
@Suite struct DrawingPrescanTests {
    static func emptied(_ html: String) -> String? {
        Array(html.utf8).withUnsafeBytes { AttributeLimiter.limited($0, maximum: 512, emptyingDrawings: true) }
            .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func theInsideOfADrawingIsCutAndTheElementStays() {
        let html = #"<p>Share<svg class="icon" viewBox="0 0 24 24"><g><path d="M12 2C6.48 2 2 6.48 2 12"/></g></svg>this story</p>"#
        #expect(Self.emptied(html) == #"<p>Share<svg class="icon" viewBox="0 0 24 24"></svg>this story</p>"#)
        // Without the option (and under the attribute limit) nothing changes.
        #expect(Array(html.utf8).withUnsafeBytes { AttributeLimiter.limited($0, maximum: 512) } == nil)
    }

    @Test func nestedDrawingsCommentsAndScriptsInsideAreFollowed() {
        let html = "<div><SVG><svg><rect/></svg><!-- </svg> --><script>if (a</svg>b) {}</script><circle r=1 /></SVG><p>After</p></div>"
        #expect(Self.emptied(html) == "<div><SVG></SVG><p>After</p></div>")
    }

    @Test func markupThePrescanCannotFollowIsLeftAlone() {
        // Self-closing: no content to cut.
        #expect(Self.emptied("<p>a<svg/>b</p><svg></svg>") == nil)
        // Never closed: libxml2 ends it at the parent's end tag, and the text after is kept.
        #expect(Self.emptied("<div><svg><path d='M0 0'></div><p>Story text</p>") == nil)
        #expect(Self.emptied("<div><svg><path d='M0 0'></div><p>Story text</p><svg><g></g></svg>")
            == "<div><svg><path d='M0 0'></div><p>Story text</p><svg></svg>")
        // An svg that holds HTML through foreignObject closes what it opened: still cut.
        #expect(Self.emptied("<svg><foreignObject><div>x</div></foreignObject></svg>") == "<svg></svg>")
    }

    @Test func extractionTreesHaveEmptyDrawingsAndFullTreesKeepThem() throws {
        let html = Array("<html><body><p>Text<svg class=logo><title>Logo</title><path d='M1 1'/></svg></p></body></html>".utf8)
        let dataOnly = try html.withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8", scriptText: .dataOnly) }
        let all = try html.withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8") }
        for tree in [dataOnly, all] {
            let svg = try #require(tree.nodes.firstIndex { $0.name == "svg" })
            #expect(tree.nodes[svg].attribute("class") == "logo")
        }
        #expect(!dataOnly.nodes.contains { $0.name == "path" || $0.name == "title" })
        #expect(all.nodes.contains { $0.name == "path" } && all.nodes.contains { $0.name == "title" })
    }
}

extension DrawingPrescanTests {
    /// A run of unclosed `<svg>` tags: each scan would read to the end of the page; the
    /// budget keeps the whole pre-scan linear.
    @Test func unclosedDrawingsStayLinear() {
        let html = String(repeating: "<svg>", count: 200_000) + "<p>x</p>"
        let start = Date()
        #expect(Self.emptied(html) == nil)
        #expect(Date().timeIntervalSince(start) < 2)
    }
}
