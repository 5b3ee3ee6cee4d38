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
}
