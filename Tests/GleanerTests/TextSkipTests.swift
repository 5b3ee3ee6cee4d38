import CLibXML2
import Foundation
@testable import GleanerHTML
import Testing

/// `gleaner_skip_text` (text right after a tag reported by Gleaner's C shim instead of read
/// by libxml2 one character at a time) must leave the tree exactly as libxml2's own reading
/// does: same nodes, same text, same places, on ordinary and on awkward markup.
struct TextSkipTests {
    static func page(_ body: String) -> [UInt8] { RawTextSkipTests.page(body) }

    @Test(arguments: [
        "<p>plain words</p>",
        "<p>Tom &amp; Jerry &copy 2026 &notanentity; AT&T</p>",
        "<p>line one<br>line two<br/>line three<img src=x>after image</p>",
        "<div>one<p>two</div>three<span>four</SPAN>five</DIV>six",
        "<b><i>misnested</b>after b</i>after i",
        "<p><div>block in p</p>after ignored end tag</div>after div",
        "<ul><li>one<li>two<li>three</ul>after list",
        "<table><tr><td>cell<td>cell two</table>after table",
        "<p>caf\u{E9} \u{2603} \u{1D11E} \u{4E2D}\u{6587} \u{5E}</p>",
        "<p>tab\there\r\nand crlf\rand cr</p>",
        "<p>   </p>\n\n   <p>\n</p>",
        "<p>a</p>b<p>c</p>",
        "<div/>after self-closed div<span/>after span",
        "<p>a < b and c > d</p><p>x<y</p>",
        "<textarea>some <b>text</b> &amp; more</textarea><title>second title</title>",
        "<p>text before a comment<!-- comment -->after the comment</p>",
        "<p>before a PI<?php echo 1; ?>after</p>",
        "<P>UPPER CASE TAGS</P><Div>mixed</dIV>",
        "<p>end tag with space</p >after",
        "<p>end tag with junk</p junk>after",
        "<custom-element>custom</custom-element>after custom",
        "<svg><text>in svg</text></svg>after svg",
        "<noscript>no script text</noscript><template>template text</template>",
        // Start tags whose attributes the shim reads (`gleaner_take_attributes`), and ones it leaves to libxml2.
        "<p>x</p><div id=\"main\" class='story wide' data-x=bare hidden>a</div><span CLASS=\"Up\" Id=mixed>b</span>",
        "<div class=\"a\"class=\"b\" id=\"x\"id=\"y\">dup</div><a href=\"/x?a=1&amp;b=2\" title=\"Tom &amp; Jerry\">amp</a>",
        "<img src=\"a.png\" alt=\"a > b < c\"><img src=a.png alt=x/><img src=\"b.png\" />tail<br class=x/>after",
        "<div\nclass=\"multi\nline\"\r\n  id = \"spaced\" >nl</div><p title=\"caf\u{E9} \u{2603}\">utf</p>",
        "<div @click=\"go\" :bind=\"x\" v-on:click=\"y\">vue</div><div 1bad=\"x\">digit</div><div a / b>slash</div>",
        "<div title=\"unterminated>never closed</div><p>x</p>",
        "<div data-empty=\"\" data-bare= data-eq=>empties</div><input value=\"\u{1}\">ctrl</input>",
        "<html lang=\"en\"><head><meta charset=\"utf-8\" name=x></head><body class=\"b\"><p>in</p></body></html>",
        "<script type=\"application/ld+json\"><div class=\"in-json\">x</div></script><script><b id=\"in-js\"></b></script>",
        "<textarea><b class=\"in-textarea\">t</b></textarea><title><i class=\"in-title\">t</i></title>",
        "<p><a href=\"https://example.com/a-long-url-that-the-pre-scan-stashes\" class=\"a-long-class-list here\">s</a></p>",
    ])
    func tricky(_ body: String) throws {
        try RawTextSkipTests.expectSameTree(Self.page(body), "\(body)")
    }

    /// Text where libxml2's reading has side effects: in `html` and `head` (an implied `p`,
    /// or `body`), before any element, after `</body>` and `</html>`.
    @Test(arguments: [
        "<html>text in html<head>text in head<title>t</title>after title</head>after head<body><p>x</p></body>after body</html>after html",
        "leading text<html><body><p>x</p></body></html>",
        "<head><meta charset=utf-8>after meta<link rel=x>after link</head><p>x</p>",
        "<p>x</p></body></html>trailing text after the end",
        "<html><head></head><body>direct body text</body></html>",
    ])
    func sideEffects(_ html: String) throws {
        let padded = html + String(repeating: "<p>tail paragraph with some words</p>\n", count: 40)
        try RawTextSkipTests.expectSameTree(Array(padded.utf8), "\(html)")
    }

    /// Bytes libxml2 reports or leaves out (invalid UTF-8, NUL, control characters,
    /// U+FFFE/U+FFFF, surrogates written as UTF-8) are never read here.
    @Test func bytesLibxml2Reports() throws {
        var bytes = Self.page("<p>before X after</p><div>more é text</div>")
        let x = try #require(bytes.firstIndex(of: UInt8(ascii: "X")))
        for bad: [UInt8] in [[0xE9], [0x00], [0xFF], [0xC0, 0x80], [0x01], [0x0B], [0x0C], [0x1F], [0x7F],
                              [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            var page = bytes
            page.replaceSubrange(x...x, with: bad)
            try RawTextSkipTests.expectSameTree(page, "bytes \(bad)")
        }
        bytes[x] = UInt8(ascii: "Y")
        try RawTextSkipTests.expectSameTree(bytes, charset: "ISO-8859-1")
    }

    /// Runs longer than libxml2's 1000-byte reports, with multi-byte characters across the
    /// report boundaries, and runs that reach past the decoded window.
    @Test func longRuns() throws {
        for (unit, count) in [("a", 999), ("a", 1000), ("a", 1001), ("é", 500), ("é", 501), ("\u{2603}", 334), ("ab\u{1D11E}", 400), ("word ", 30_000)] {
            let run = String(repeating: unit, count: count)
            try RawTextSkipTests.expectSameTree(Self.page("<p>\(run)</p><div>\(run)<br>\(run)</div>"), "\(unit) × \(count)")
        }
        for size in [60_000, 65_000, 70_000, 140_000] {
            let text = String(repeating: "some words in a line\n", count: size / 21)
            try RawTextSkipTests.expectSameTree(Self.page("<p>\(text)</p><p>after</p>"), "text of \(size) bytes")
        }
    }

    /// Script text the tree keeps (JSON-LD, page-state JSON), reported by the shim in the
    /// chunks libxml2 would report: long, multi-byte, with `<`, `&` and `</` inside, with
    /// characters libxml2 leaves out, unterminated.
    @Test func keptScriptText() throws {
        let long = String(repeating: "{\"name\": \"caf\u{E9} \u{2603} <b> & </b>\"},\n", count: 120)
        for body in [
            "<script type=\"application/ld+json\">\(long)</script><p>after</p>",
            "<script type=\"application/json\" id=\"state\">\(long)</SCRIPT ><p>after</p>",
            "<script type=\"application/ld+json\">{\"a\": \"\u{1}\"}</script><p>control</p>",
            "<script type=\"application/ld+json\">{\"a\": \"\u{FFFE}\"}</script><p>non-character</p>",
            "<script type=\"application/ld+json\">{\"a\": 1}</scriptx></script><p>longer end name</p>",
            "<script type=\"application/ld+json\">x</script><p>one byte</p>",
            "<script type=\"application/ld+json\">\(long)",
        ] {
            for scriptText in [ScriptTextPolicy.dataOnly, .all] {
                func shape(_ skipping: Bool) throws -> [String] {
                    try Self.page(body).withUnsafeBytes {
                        try HTMLParser.parse($0, charset: "UTF-8", url: nil, scriptText: scriptText, limits: .default, skippingDroppedText: skipping)
                    }.nodes.map { "\($0.kind) \($0.name) \($0.parent) \($0.text)" }
                }
                #expect(try shape(true) == shape(false), "\(body.prefix(80))")
            }
        }
    }

    /// A text node's byte budget (`ParseLimits.maximumTextBytesPerNode`) cuts the same text,
    /// whether libxml2 reports a long run in pieces or the shim reports it at once.
    @Test func textBudgetCutsTheSame() throws {
        var limits = ParseLimits.default
        limits.maximumTextBytesPerNode = 2_500
        let run = String(repeating: "\u{E9}t\u{E9} ", count: 2_000)
        let bytes = Self.page("<p>\(run)</p><p>short</p>")
        func texts(_ skipping: Bool) throws -> [String] {
            try bytes.withUnsafeBytes {
                try HTMLParser.parse($0, charset: "UTF-8", url: nil, scriptText: .dataOnly, limits: limits, skippingDroppedText: skipping)
            }.nodes.map(\.text)
        }
        #expect(try texts(true) == texts(false))
    }

    /// Random pages from text, entity, void-element and tag fragments (seeded, so
    /// reproducible): both parses must agree on every one. (No fragment is a long run of
    /// letters: libxml2 2.9.14 reads `&` and a name of hundreds of non-ASCII letters near
    /// the end of its input differently from one process to the next — with or without the
    /// skip, 90 or 600 of 600 `é` — so such a page would compare libxml2 with itself.)
    @Test func randomPagesAgree() throws {
        let fragments: [[UInt8]] = [
            "<p>", "</p>", "<div>", "</div>", "<span class=\"c\">", "</span>", "<b>", "</b>", "<i>", "</i>", "<br>", "<br/>",
            "<img src=\"x.png\">", "<li>", "</li>", "<ul>", "</ul>", "<td>", "<tr>", "<table>", "</table>", "<head>",
            "</head>", "<html>", "</html>", "<body>", "</body>", "<title>", "</title>", "<textarea>", "</textarea>",
            "<script>var a = '<p>';</script>", "<style>p{}</style>", "<!-- c -->", "<?pi?>", "<!DOCTYPE html>", "<", ">",
            "&", "&amp;", "&nbsp", "&#233;", "&#xZZ;", "</P >", "</DIV>", "<P>", "text ", "more words", " ", "\n", "\r\n",
            "\t", "é", "☃", "𝄞", "<div class=\"a b\" id=x>", "<a href='/p?q=1' target=_blank>", "<img src=i.png alt=\"\">",
            "<br clear=all/>", "<span data-x=\"1\"data-y=\"2\" data-x=3>", "<P CLASS=Up>", "<div\ttitle=\"a > b\">",
            "<input disabled value=\"\">", " class=\"stray\"", "<a href=\"x&amp;y\">", "<div id=\"", "\" id=\"", String(repeating: "yy ", count: 330), String(repeating: "é ", count: 500), "/>", "=",
        ].map { Array($0.utf8) } + [[0xE9], [0x00], [0xFF], [0x01], [0xEF, 0xBF, 0xBF], [0xE2, 0x82]]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for round in 0..<600 {
            var page: [UInt8] = round % 4 == 0 ? [] : Array("<html><body>".utf8)
            for _ in 0..<(5 + next(60)) { page += fragments[next(fragments.count)] }
            page += Array(String(repeating: "<p>padding words here</p>", count: next(3) * 30).utf8)
            let charset = ["UTF-8", "UTF-8", "windows-1252", "ISO-8859-2"][round % 4]
            let skipped = try? RawTextSkipTests.shape(page, charset: charset, skipping: true)
            let read = try? RawTextSkipTests.shape(page, charset: charset, skipping: false)
            #expect(skipped == read, "round \(round) (\(charset)): \(String(decoding: page, as: UTF8.self).debugDescription)")
        }
    }

    /// `gleaner_text_run`'s eight-bytes-at-a-time scan agrees with a byte-by-byte reading of
    /// the same rules on random runs, in both modes (character data up to `<` or `&`; kept
    /// script text to the end): where the run ends (or that it is refused), and the line and
    /// column it leaves.
    @Test(arguments: [true, false])
    func textRunScannerAgreesWithAByteByByteReading(markup: Bool) {
        func reference(_ bytes: [UInt8]) -> (end: Int, line: Int32, column: Int32)? {
            var line: Int32 = 1, column: Int32 = 5, i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if markup && (byte == 0x3C || byte == 0x26) { return (i, line, column) }
                if byte < 0x80 {
                    if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return nil }
                    if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
                    i += 1
                    continue
                }
                let length: Int
                var value: UInt32
                switch byte {
                case 0xC2...0xDF: length = 2; value = UInt32(byte & 0x1F)
                case 0xE0...0xEF: length = 3; value = UInt32(byte & 0x0F)
                case 0xF0...0xF4: length = 4; value = UInt32(byte & 0x07)
                default: return nil
                }
                guard bytes.count - i >= length else { return nil }
                for k in 1..<length {
                    guard bytes[i + k] & 0xC0 == 0x80 else { return nil }
                    value = value << 6 | UInt32(bytes[i + k] & 0x3F)
                }
                if (length == 3 && value < 0x800) || (length == 4 && (value < 0x10000 || value > 0x10FFFF))
                    || (0xD800...0xDFFF).contains(value) || value == 0xFFFE || value == 0xFFFF { return nil }
                column += 1
                i += length
            }
            return markup ? nil : (i, line, column)
        }
        let pieces: [[UInt8]] = [
            [0x61], [0x20], [0x0A], [0x09], [0x0D], [0x3C], [0x26], [0x01], [0x1F], [0x7F], [0x00], [0x0B], [0xC3, 0xA9],
            [0xE2, 0x98, 0x83], [0xF0, 0x9D, 0x84, 0x9E], [0xEF, 0xBF, 0xBE], [0xFF], [0x80], [0xE2, 0x82],
            Array("words and more words".utf8), [0x0A, 0x0A, 0x20, 0x20],
        ]
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var disagreements = 0
        var ended = 0
        for _ in 0..<50_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + next(16)) { bytes += pieces[next(pieces.count)] }
            let expected = reference(bytes)
            var line: Int32 = 1, column: Int32 = 5
            let end: Int? = bytes.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                return gleaner_text_run(base, base + buffer.count, &line, &column, markup ? 1 : 0).map { $0 - base }
            }
            let got = end.map { (end: $0, line: line, column: column) }
            if got?.end != expected?.end || got?.line != expected?.line || got?.column != expected?.column {
                disagreements += 1
            }
            if got != nil { ended += 1 }
        }
        #expect(disagreements == 0)
        // Both outcomes occur: a scanner that refused every run would agree only by chance.
        #expect(ended > 5_000 && ended < 45_000)
    }
}
