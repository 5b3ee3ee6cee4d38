import Testing
@testable import GleanerHTML
import GleanerModel

/// Extraction parses with `.dataOnly`: JavaScript and CSS never reach the tree, JSON data does.
@Suite struct ScriptTextPolicyTests {
    static let page = """
        <html><head><style>p { color: red }</style>
        <script>var tracking = "do not keep";</script>
        <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Kept"}</script>
        <script type="Application/JSON">{"state": 1}</script>
        </head><body><p>Body text</p><script>document.write("x")</script><p>More</p></body></html>
        """

    static func texts(_ policy: ScriptTextPolicy) throws -> [String] {
        let bytes = Array(page.utf8)
        let tree = try bytes.withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8", scriptText: policy) }
        return tree.nodes.filter { $0.kind == .text }.map(\.text).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    @Test func dataOnlyKeepsJSONAndDropsCodeAndStyles() throws {
        let texts = try Self.texts(.dataOnly)
        #expect(texts.contains { $0.contains("\"headline\": \"Kept\"") })
        #expect(texts.contains("{\"state\": 1}"))
        #expect(!texts.contains { $0.contains("tracking") || $0.contains("color") || $0.contains("document.write") })
        #expect(texts.contains("Body text") && texts.contains("More"))
    }

    @Test func allKeepsEveryScriptText() throws {
        let texts = try Self.texts(.all)
        #expect(texts.contains { $0.contains("tracking") })
        #expect(texts.contains { $0.contains("color: red") })
        #expect(texts.contains { $0.contains("document.write") })
    }
}

/// Name ids let per-node tag tests be array lookups; they must agree with the names.
@Suite struct DOMTreeNameTests {
    @Test func parsedTreesCarryConsistentNameIDs() throws {
        let bytes = Array("<html><body><DIV><p>One <A href='x'>link</a></p><div><p>Two</p></div></DIV></body></html>".utf8)
        let tree = try bytes.withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8") }
        for node in tree.nodes {
            #expect(tree.names[Int(node.nameID)] == node.name)
        }
        let mask = tree.nameMask(["p", "a"])
        let marked = tree.nodes.filter { mask[Int($0.nameID)] }.map(\.name)
        #expect(marked == ["p", "a", "p"])
        #expect(tree.nameID("div").map { id in tree.nodes.filter { $0.nameID == id }.count } == 2)
        #expect(tree.nameID("table") == nil)
    }

    @Test func handBuiltTreesGetNameIDs() {
        var root = DOMNode(kind: .element, name: "div", text: "", attributes: [], parent: -1, depth: 0)
        root.firstChild = 1
        let child = DOMNode(kind: .text, name: "", text: "hello", attributes: [], parent: 0, depth: 1)
        let tree = DOMTree(nodes: [root, child])
        #expect(tree.names[Int(tree.nodes[0].nameID)] == "div")
        #expect(tree.names[Int(tree.nodes[1].nameID)] == "")
        #expect(tree.nameMask(["div"])[Int(tree.nodes[0].nameID)])
    }
}

/// `<!` that opens neither a comment nor a DOCTYPE is a bogus comment up to the next `>` in
/// every browser (HTML's tokenizer), but libxml2 keeps it as text: Word's exported HTML is
/// full of `<![if !supportLists]>1.<![endif]>`, and hand-written pages of `<!- note -!>`.
@Suite struct BogusCommentTests {
    static func text(_ html: String) throws -> String {
        let tree = try Array(html.utf8).withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8") }
        return tree.nodes.filter { $0.kind == .text }.map(\.text).joined()
    }

    @Test func wordConditionalsAreNotText() throws {
        let text = try Self.text(
            "<html><body><p class=MsoListParagraph><![if !supportLists]>1.<span> </span><![endif]>Prepare the agenda.</p>"
                + "<p><![if !supportEmptyParas]>&nbsp;<![endif]><o:p></o:p></p><p>Close <![if !vml]><img src=a.gif><![endif]>here.</p></body></html>")
        #expect(!text.contains("<!") && !text.contains("supportLists") && !text.contains("endif"))
        #expect(text.contains("1. Prepare the agenda."))
        #expect(text.contains("Close here."))
    }

    @Test func singleDashAndOtherDeclarationsAreNotText() throws {
        let text = try Self.text("<p>Dana<!-/Name-!> wrote: <!-Text-!>the meeting is at noon<!ELEMENT x>.</p>")
        #expect(text == "Dana wrote: the meeting is at noon.")
    }

    @Test func commentsDoctypeAndEscapedTextStay() throws {
        let html = "<!DOCTYPE html><html><body><!-- a > b --><p>Write &lt;![if IE]&gt; in the template.</p></body></html>"
        #expect(try Self.text(html) == "Write <![if IE]> in the template.")
        // Nothing to cut: the pre-scan leaves the bytes alone.
        #expect(Array(html.utf8).withUnsafeBytes { AttributeLimiter.limited($0, maximum: 512) } == nil)
    }
}

/// Named references without their `;` read as browsers read them, in text only.
@Suite struct LegacyEntityTests {
    static func text(_ body: String) throws -> String {
        let bytes = Array("<html><body><p>\(body)</p></body></html>".utf8)
        let tree = try bytes.withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8") }
        return tree.nodes.filter { $0.kind == .text }.map(\.text).joined()
    }

    @Test func legacyNamesWithoutSemicolonAreDecoded() throws {
        #expect(try Self.text("a&nbsp b") == "a\u{A0} b")
        #expect(try Self.text("200&nbsp€") == "200\u{A0}€")
        #expect(try Self.text("Caf&eacute &copy 2024 &lt x") == "Café © 2024 < x")
        #expect(try Self.text("x&nbsp<b>y</b>") == "x\u{A0}y")
    }

    @Test func otherAmpersandsStayAsWritten() throws {
        // Not a legacy name, a name with more after it, a bare ampersand, a proper reference.
        #expect(try Self.text("&foo; &notes R&D A & B") == "&foo; &notes R&D A & B")
        #expect(try Self.text("&amp;nbsp; &nbsp; &hellip") == "&nbsp; \u{A0} &hellip")
    }
}

/// Budgets that keep hostile attribute values and repeated metadata cheap.
@Suite struct HostileValueTests {
    @Test func longClassAndIDValuesAreCutAtASpace() throws {
        let tokens = (0..<2_000).map { "token\($0)" }.joined(separator: " ")
        let bytes = Array("<html><body><div class=\"\(tokens)\" id=\"\(tokens)\" title=\"\(tokens)\">x</div></body></html>".utf8)
        let tree = try bytes.withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8") }
        let div = try #require(tree.nodes.first { $0.name == "div" })
        let kept = try #require(div.attribute("class"))
        #expect(kept.utf8.count <= SAXTreeBuilder.maximumTokenListBytes)
        #expect(tokens.hasPrefix(kept + " "))
        #expect(div.attribute("id") == kept)
        #expect(div.attribute("title") == tokens)
    }

    @Test func caseInsensitiveUniquingKeepsFirstSpellingsInOrder() {
        #expect(["News", "sport", "NEWS", "Sport", "weather", "news"].uniquedIgnoringCase() == ["News", "sport", "weather"])
        #expect([String]().uniquedIgnoringCase() == [])
    }
}
