import Foundation
import Testing
@testable import GleanerPipeline

/// Inputs the `discovery` fuzzer (scripts/fuzz.sh) found, kept so they stay fixed. Each used
/// to kill the process: a feed or sitemap URL answering with these bytes took the whole run
/// down with it.
@Suite struct DiscoveryFuzzRegressionTests {
    /// `<` then bytes that are not UTF-8, no encoding declared (.build/fuzz/findings/
    /// discovery-crash-886bbc56…): libxml2 passed the element name on as is and FoundationXML
    /// trapped force-unwrapping its UTF-8 decode (`_NSXMLParserStartElementNs`).
    @Test func elementNameThatIsNotUTF8() {
        let bytes: [UInt8] = [0x3C, 0xFF, 0xFF, 0xFF, 0xFF, 0xBF, 0xBF, 0x0A, 0x0A]
        #expect(throws: DiscoveryError.self) { try DiscoveryParser.parse(bytes, baseURL: "https://example.org/") }
        let inFeed = Array("<rss version=\"2.0\"><channel><item><link>https://example.org/a</link></item><".utf8) + [0xFF, 0xFE, 0x3E]
        _ = try? DiscoveryParser.parse(inFeed, baseURL: "https://example.org/")
    }

    /// A declared single-byte encoding is still read as declared (the repair is only for
    /// undeclared bytes that are not UTF-8).
    @Test func declaredLatin1FeedKeepsItsLetters() throws {
        let feed = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item><title>Caf".utf8) + [0xE9]
            + Array("</title><link>https://example.org/cafe</link></item></channel></rss>".utf8)
        let discovery = try DiscoveryParser.parse(feed, baseURL: "https://example.org/")
        #expect(discovery.pages.first?.url == "https://example.org/cafe")
        #expect(discovery.pages.first?.title == "Café")
    }

    /// A processing instruction without data (`.build/fuzz/findings/discovery-crash-03d457d4…`,
    /// found by CI's 60-second run): libxml2 passed a NULL data pointer and FoundationXML's
    /// callback ran `strlen` on it — a NULL read that killed the process. Plain `<?a?>` did the
    /// same, in any feed.
    @Test func processingInstructionWithoutData() throws {
        let found: [UInt8] = [0x3C, 0x3F, 0xFF, 0xFF, 0x6C, 0xBB, 0x78, 0x6D, 0x3F, 0x3E, 0xBB, 0xBB]
        #expect(throws: DiscoveryError.self) { try DiscoveryParser.parse(found, baseURL: "https://example.org/") }
        let feed = "<?xml version=\"1.0\"?><?a?><rss version=\"2.0\"><channel><?b?><item>"
            + "<link>https://example.org/a</link></item></channel></rss>"
        let discovery = try DiscoveryParser.parse(Array(feed.utf8), baseURL: "https://example.org/")
        #expect(discovery.pages.map(\.url) == ["https://example.org/a"])
        // The same in UTF-16, both byte orders (libxml2 detects them by the byte-order mark).
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in feed.utf16 {
                let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
                bytes += bigEndian ? pair : pair.reversed()
            }
            let utf16 = try DiscoveryParser.parse(bytes, baseURL: "https://example.org/")
            #expect(utf16.pages.map(\.url) == ["https://example.org/a"])
        }
    }

    /// Entities in attribute values and text are decoded once (an Atom `href` with `&amp;`
    /// is the usual case); a character reference too. An entity the internal subset declares
    /// is never expanded: the read stops there, keeping what came before.
    @Test func entitiesInLinks() throws {
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>A &amp; B &#233;</title>"
            + "<link rel=\"alternate\" href=\"https://example.org/a?x=1&amp;y=2\"/></entry></feed>"
        let discovery = try DiscoveryParser.parse(Array(atom.utf8), baseURL: "https://example.org/")
        #expect(discovery.pages == [DiscoveredPage(url: "https://example.org/a?x=1&y=2", title: "A & B é")])
        let bomb = "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
            + "<rss><channel><item><link>https://example.org/1</link></item><item><title>&b;</title><link>https://example.org/2</link></item></channel></rss>"
        let partial = try DiscoveryParser.parse(Array(bomb.utf8), baseURL: "https://example.org/")
        #expect(partial.pages.map(\.url) == ["https://example.org/1"])
    }

    /// A root element that is not a listing is named in the message; a syntax error says
    /// where and what libxml2 found.
    @Test func messagesSayWhatWasFound() {
        for (bytes, expected) in [
            ("<html><body>hi</body></html>", "the root element <html> is not a feed or sitemap"),
            ("<1rss/>", "XML syntax error at line 1, column"),
            ("", "not RSS, Atom, JSON Feed or a sitemap"),
        ] {
            do {
                _ = try DiscoveryParser.parse(Array(bytes.utf8), baseURL: "https://example.org/")
                Issue.record("no error for \(bytes)")
            } catch {
                #expect(error.code == "not_a_feed")
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
    }

    /// Declarations FoundationXML's callbacks read through NULL pointers (found while fixing
    /// the one above, by feeding it each kind of declaration): a notation without a public id,
    /// an unparsed entity, an attribute without a default. libxml2 is now called directly
    /// and drops them; an external DOCTYPE (RSS 0.91's) is not loaded.
    @Test func internalSubsetDeclarations() throws {
        let item = "<rss version=\"2.0\"><channel><item><link>https://example.org/a</link></item></channel></rss>"
        for subset in [
            "<!NOTATION n SYSTEM \"x\">", "<!NOTATION n PUBLIC \"p\">", "<!ENTITY e SYSTEM \"x\" NDATA n>",
            "<!ATTLIST rss a CDATA #IMPLIED>", "<!-- ] --><!ATTLIST rss a CDATA \"]>\" b CDATA #IMPLIED>",
        ] {
            let discovery = try DiscoveryParser.parse(Array("<!DOCTYPE rss [\(subset)]>\(item)".utf8), baseURL: "https://example.org/")
            #expect(discovery.pages.map(\.url) == ["https://example.org/a"])
        }
        let external = Array("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\(item)".utf8)
        #expect(try DiscoveryParser.parse(external, baseURL: "https://example.org/").pages.count == 1)
    }
}
