import Foundation
@testable import GleanerHTML
import Testing

/// `gleaner_skip_raw_text` (libxml2 jumping over script and style text that
/// `ScriptTextPolicy.dataOnly` drops) must leave the tree exactly as a full read does.
struct RawTextSkipTests {
    static let samplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples")

    /// The tree as a comparable description: every node's links, name, text and attributes.
    static func shape(_ bytes: [UInt8], charset: String, skipping: Bool) throws -> [String] {
        let tree = try bytes.withUnsafeBytes {
            try HTMLParser.parse(
                $0, charset: charset, url: nil, scriptText: .dataOnly, limits: .default, skippingDroppedText: skipping)
        }
        return tree.nodes.map { node in
            let attributes = node.attributes.map { "\($0.name)=\($0.value)" }.joined(separator: "|")
            return "\(node.kind) \(node.name) \(node.parent) \(node.firstChild) \(node.nextSibling) \(node.subtreeEnd) \(node.depth) [\(attributes)] \(node.text)"
        }
    }

    static func expectSameTree(_ html: [UInt8], charset: String = "UTF-8", _ comment: Comment? = nil) throws {
        let skipped = try shape(html, charset: charset, skipping: true)
        let read = try shape(html, charset: charset, skipping: false)
        #expect(skipped == read, comment)
    }

    /// Pads a page so that its scripts lie well inside libxml2's decoded window, where the
    /// skip applies (it keeps 500 bytes away from the decoded end).
    static func page(_ body: String) -> [UInt8] {
        let tail = String(repeating: "<p>tail paragraph with some words</p>\n", count: 40)
        return Array("<html><head><title>t</title></head><body>\(body)\(tail)</body></html>".utf8)
    }

    @Test(arguments: [
        "<script>var a = 1;</script><p>after</p>",
        "<SCRIPT type=\"text/javascript\">var s = '</div>'; if (a < b) {}</ScRiPt><p>after</p>",
        "<script>document.write('<p>x</p>')</script><p>after</p>",
        "<script>a</script><p>one-byte script</p>",
        "<script></script><p>empty</p>",
        "<script/><p>self-closed</p>",
        "<script><p>starts with a tag</p></script><p>after</p>",
        "<script>line one\nline two\r\nline three</script><p>after</p>",
        "<script>var s = \"héllo wörld ☃ 𝄞\";</script><p>after</p>",
        "<style>p { color: red } a:before { content: '</p>' }</style><p>styled</p>",
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\"}</script><p>kept</p>",
        "<script>var a = '</scripts>';</script><p>longer end name</p>",
        "<script>unterminated script to the end",
        "<div><script>var x;</script>text<script>var y;</script></div>",
        "<script >var spaced = 1;</script ><p>after</p>",
        "<script src=\"x.js\" async></script><p>after</p>",
    ])
    func tricky(_ body: String) throws {
        try Self.expectSameTree(Self.page(body), "\(body)")
    }

    /// Bytes libxml2 reports (invalid UTF-8, NUL) are never skipped over: the full read,
    /// and whatever it decides about them, stays.
    @Test func invalidBytesInAScript() throws {
        var bytes = Self.page("<script>var a = 'X';</script><p>after é</p>")
        let x = try #require(bytes.firstIndex(of: UInt8(ascii: "X")))
        for bad: UInt8 in [0xE9, 0x00, 0xFF, 0xC0] {
            bytes[x] = bad
            try Self.expectSameTree(bytes, "byte \(bad)")
        }
    }

    /// Scripts longer than libxml2's 64 KB decoding step: the skip stops short of the decoded
    /// end and the parser reads the rest.
    @Test func scriptsLongerThanTheDecodedWindow() throws {
        for size in [60_000, 65_000, 70_000, 140_000, 300_000] {
            let script = String(repeating: "var a = 1; // </b> comment\n", count: size / 28)
            let body = "<p>before</p><script>\(script)</script><p>after</p><style>\(script)</style><p>end</p>"
            try Self.expectSameTree(Self.page(body), "script of \(size) bytes")
        }
    }

    @Test func otherEncodingsAndSamples() throws {
        let latin = Self.page("<script>var s = 'caf\u{E9}';</script><p>caf\u{E9}</p>")
        try Self.expectSameTree(Array(String(decoding: latin, as: UTF8.self).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }), charset: "ISO-8859-1")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.samplesDirectory.path).filter { $0.hasSuffix(".html") }
        #expect(!files.isEmpty)
        for file in files {
            let bytes = try Array(Data(contentsOf: Self.samplesDirectory.appendingPathComponent(file)))
            try Self.expectSameTree(bytes, "\(file)")
        }
    }

    /// Random pages from fragments around script and style tags (seeded, so reproducible):
    /// both parses must agree on every one, in three encodings.
    @Test func randomPagesAgree() throws {
        let fragments: [[UInt8]] = [
            "<script>", "<SCRIPT type=\"text/javascript\">", "<script type=\"application/ld+json\">", "<style>",
            "</script>", "</SCRIPT >", "</style>", "</scr", "</", "<", ">", "/>", "<script/>", "<p>", "</p>",
            "<div class=\"a\">", "</div>", "<!-- c -->", "<!--", "-->", "'", "\"", "var a = 1;", "if (a < b) {}",
            "\n", "\r\n", "&amp;", "é", "☃", "𝄞", "<title>", "</title>", "<textarea>", "</textarea>",
            "<![CDATA[", "]]>", "<?x?>", "<br>", "text ", String(repeating: "x", count: 700),
            String(repeating: "var long = '</b>';\n", count: 60),
        ].map { Array($0.utf8) } + [[0xE9], [0x00], [0xFF], [0xC3], [0xE2, 0x82]]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for round in 0..<600 {
            var page: [UInt8] = Array("<html><body>".utf8)
            for _ in 0..<(5 + next(40)) { page += fragments[next(fragments.count)] }
            page += Array(String(repeating: "<p>padding words here</p>", count: next(3) * 30).utf8)
            let charset = ["UTF-8", "ISO-8859-2", "windows-1252"][round % 3]
            let skipped = try? Self.shape(page, charset: charset, skipping: true)
            let read = try? Self.shape(page, charset: charset, skipping: false)
            #expect(skipped == read, "round \(round) (\(charset)): \(String(decoding: page, as: UTF8.self).debugDescription)")
        }
    }

    /// The skip reaches into libxml2's parser state, so it is on only with the libxml2 it was
    /// written for (2.9.14, Debian 12's); elsewhere libxml2 reads the text itself.
    @Test func skipRunsOnlyWithTheLibxml2ItWasWrittenFor() {
        #expect(HTMLParser.skipsDroppedRawText == (HTMLParser.libxml2Version == "20914"))
    }
}
