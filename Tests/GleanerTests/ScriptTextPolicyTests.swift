import Testing
import GleanerHTML

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
