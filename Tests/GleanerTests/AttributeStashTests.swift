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
        "<a href=/path/to/the/page/>slash</a><p class=a-bare-class-list\tid=bare-identifier\u{0C}x=1>ff</p><i title=\"tab\there\r\nand crlf\">c</i>",
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
        let error = #expect(throws: HTMLParseError.self) {
            try html.withUnsafeBytes { bytes in
                try source.withUnsafeBytes { original in
                    _ = try HTMLParser.parse(
                        bytes, charset: "UTF-8", url: nil, scriptText: .dataOnly, limits: .default, skippingDroppedText: true,
                        prescanned: true, stash: AttributeStash(source: original, values: [0..<source.count]))
                }
            }
        }
        #expect(error?.code == AttributeStash.leakedCode)
    }
}

extension AttributeStashTests {
    /// The word-at-a-time test agrees with the byte-by-byte definition.
    @Test func plainValueTestAgreesWithItsDefinition() {
        let alphabet: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x25, 0x26, 0x27, 0x41, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...40, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0x28...0x7A, using: &generator) }
            for _ in 0..<Int.random(in: 0...2, using: &generator) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator)!
            }
            let expected = bytes.allSatisfy { ($0 >= 0x20 || $0 == 0x09 || $0 == 0x0A) && $0 <= 0x7E && $0 != 0x26 }
            #expect(bytes.withUnsafeBytes { AttributeLimiter.isPlainASCII($0) } == expected, "\(bytes)")
        }
    }
}
