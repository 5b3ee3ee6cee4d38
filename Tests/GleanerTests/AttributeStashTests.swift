import Foundation
import Gleaner
@testable import GleanerHTML
import Testing

/// Long attribute values are lifted out of libxml2's way by the pre-scan and put back by
/// the tree builder (`AttributeLimiter`, `AttributeStash`): the tree must be the one libxml2
/// gives with the values in place, on ordinary and on awkward markup.
@Suite struct AttributeStashTests {
    static func tree(_ html: String, stashing: Bool, scriptText: ScriptTextPolicy = .dataOnly) throws -> [String] {
        let tree = try Array(html.utf8).withUnsafeBytes {
            try HTMLParser.parse(
                $0, charset: "UTF-8", url: nil, scriptText: scriptText, limits: .default, skippingDroppedText: true,
                stashing: stashing)
        }
        return tree.nodes.map { node in
            "\(node.kind) \(node.name) \(node.text.debugDescription) "
                + node.attributes.map { "\($0.name)=\($0.value.debugDescription)" }.joined(separator: " ")
        }
    }

    static let pages = [
        #"<html><head><meta charset="utf-8"><meta name="description" content="A long description of the story"></head><body class="article-page layout--wide"><a href="https://example.com/news/2026/story?id=1">Story</a></body></html>"#,
        // Entities, non-ASCII, newlines and tabs stay with libxml2; other values are stashed.
        "<p title=\"Tom &amp; Jerry's long title\" data-x='caf\u{E9} au lait, long' class=\"one\ntwo three-long\">x</p>",
        "<div id=\"main-content-area\" id=\"duplicate-id-value\" class='single quoted \"inner\" long'>dup</div>",
        "<img src=\"/images/photo-large.jpg\" alt=\"A photo of the harbour\"/><br/><input value=\"bare-looking\" disabled>",
        // Malformed: unquoted values, missing spaces, stray quotes, an unclosed tag.
        "<a href=https://example.com/unquoted/long title=\"after-unquoted-value\">u</a><b class=\"aaaaaaaaaa\"title=\"bbbbbbbbbb\">v</b>",
        "<div \"strange\"=\"name-that-is-quoted\" class=\"kept-class-name\">w</div><p class=\"unclosed-value-goes-on",
        // Script and style raw text, JSON data, comments and a textarea that look like tags.
        "<script>var s = '<a href=\"not-a-real-tag-value\">';</script><script type=\"application/ld+json\">{\"a\": \"<b class='json-inner-value'>\"}</script><!-- <i class=\"commented-out-value\"> --><textarea><u class=\"inside-textarea-value\"></textarea><p>end</p>",
        "<svg class=\"icon-graphic-name\"><path d=\"M12 2C6.48 2 2 6.48 2 12\"/></svg><p data-long=\"0123456789abcdef\">t</p>",
    ]

    @Test func treesAreTheSameWithAndWithoutStashing() throws {
        for page in Self.pages {
            #expect(try Self.tree(page, stashing: true) == Self.tree(page, stashing: false), "\(page)")
            #expect(try Self.tree(page, stashing: true, scriptText: .all) == Self.tree(page, stashing: false, scriptText: .all))
        }
    }

    @Test func longPlainValuesBecomePlaceholders() throws {
        let html = #"<a href="https://example.com/x" class="ab" title="Tom &amp; Jerry go">x</a>"#
        let prescan = try #require(Array(html.utf8).withUnsafeBytes {
            AttributeLimiter.prescan($0, maximum: 512, emptyingDrawings: true, stashingValues: true)
        })
        #expect(String(decoding: prescan.bytes, as: UTF8.self) == "<a href=\"\u{7F}0\" class=\"ab\" title=\"Tom &amp; Jerry go\">x</a>")
        #expect(prescan.values.map { String(decoding: Array(html.utf8)[$0], as: UTF8.self) } == ["https://example.com/x"])
        for number in [0, 7, 10, 99, 12_345] {
            var bytes: [UInt8] = []
            AttributeLimiter.appendPlaceholder(number, to: &bytes)
            bytes.append(0)
            #expect(bytes.withUnsafeBufferPointer { AttributeLimiter.placeholderNumber($0.baseAddress!) } == number)
        }
    }

    @Test func anInputWithADELByteIsNotStashed() {
        let html = "<a href=\"https://example.com/x\">a\u{7F}b</a>"
        let prescan = Array(html.utf8).withUnsafeBytes {
            AttributeLimiter.prescan($0, maximum: 512, emptyingDrawings: true, stashingValues: true)
        }
        #expect(prescan.map(\.values) == nil)
    }

    @Test func aPlaceholderInTheTextIsCaught() {
        // What a tag the pre-scan read as a tag, and libxml2 as text, would leave.
        let html = Array("<p>\u{7F}0</p>".utf8)
        let source = Array("https://example.com/x".utf8)
        #expect(throws: HTMLParseError.self) {
            try html.withUnsafeBytes { bytes in
                try source.withUnsafeBytes { original in
                    _ = try HTMLParser.parse(
                        bytes, charset: "UTF-8", url: nil, scriptText: .dataOnly, limits: .default, skippingDroppedText: true,
                        prescanned: true, stash: AttributeStash(source: original, values: [0..<source.count]))
                }
            }
        }
    }
}
