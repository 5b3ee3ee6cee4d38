import Foundation
import Gleaner
import GleanerFetch
import Testing
@testable import GleanerPipeline

/// "Unchanged" is decided on the raw bytes: a windows-1252 page whose only edit is a
/// non-ASCII letter must be extracted again (a lossy UTF-8 decode made both versions equal).
@Suite struct ChangeDetectionTests {
    static let yaml = "sources: {urls: [http://a.org/p]}\nsinks: [{type: jsonl, path: /tmp/never-written.jsonl}]\n"

    func response(_ body: [UInt8]) -> FetchResponse {
        var response = FetchResponse(
            info: FetchInfo(requestedURL: "http://a.org/p", status: 200, contentType: "text/html; charset=windows-1252", fetchedAt: "2026-01-01T00:00:00.000Z"),
            body: body, charset: "windows-1252")
        response.etag = nil
        return response
    }

    func page(_ letter: UInt8) -> [UInt8] {
        Array("<html><body><article><h1>Caf".utf8) + [letter] + Array(" news</h1><p>A paragraph long enough to be a body, with commas, too.</p></article></body></html>".utf8)
    }

    func bodyHash(_ outcome: Outcome) -> String? {
        switch outcome {
        case .record(_, _, _, let update): update?.bodyHash
        case .unchanged(_, let update): update.bodyHash
        default: nil
        }
    }

    @Test func windows1252EditOfOneNonASCIILetterIsAChange() throws {
        let processor = ItemProcessor(config: try PipelineConfig.parse(yaml: Self.yaml, file: "/tmp/p.yaml"))
        var item = WorkItem(id: 1, url: "http://a.org/p", kind: .page, origin: nil, listing: DiscoveredPage(url: "http://a.org/p"))
        let first = processor.processResponse(item, response(page(0xE9)))  // "Café"
        let hash = try #require(bodyHash(first))
        item.bodyHash = hash
        let same = processor.processResponse(item, response(page(0xE9)))
        if case .unchanged = same {} else { Issue.record("identical bytes must be unchanged") }
        let edited = processor.processResponse(item, response(page(0xE8)))  // "Cafè"
        if case .unchanged = edited { Issue.record("a non-ASCII edit must be re-extracted") }
        #expect(bodyHash(edited) != hash)
    }

    /// A feed's `pubDate` fills an undated page in the record's one date shape; a
    /// placeholder date from a listing never does.
    @Test func listedDatesTakeTheRecordShape() throws {
        let processor = ItemProcessor(config: try PipelineConfig.parse(yaml: Self.yaml, file: "/tmp/p.yaml"))
        func published(_ listed: String) -> String? {
            let item = WorkItem(id: 1, url: "http://a.org/p", kind: .page, origin: nil, listing: DiscoveredPage(url: "http://a.org/p", published: listed))
            guard case .record(_, .article(let article), _, _) = processor.processResponse(item, response(page(0x65))) else { return "no article" }
            return article.published
        }
        #expect(published("Wed, 01 May 2024 08:00:00 GMT") == "2024-05-01T08:00:00+00:00")
        #expect(published("2024-05-01T08:00:00Z") == "2024-05-01T08:00:00+00:00")
        #expect(published("2024-06-06T09:00:00+02:00") == "2024-06-06T09:00:00+02:00")
        #expect(published("0001-01-01T00:00:00Z") == nil)
    }

    @Test func feedTheXMLParserRejectsIsAnErrorWithItsReason() throws {
        let broken = Array("<rss version=\"2.0\"><channel><item><link>http://a.org/1</link><<</item>".utf8)
        do {
            _ = try DiscoveryParser.parse(broken, baseURL: "http://a.org/")
            Issue.record("a feed the XML parser rejects must be an error")
        } catch {
            #expect(error.code == "bad_feed")
            #expect(error.message.contains("rss document is not well-formed XML (line 1)"))
        }
        // Links read before a late error (junk after the last entry) are kept.
        let late = Array("<urlset><url><loc>http://a.org/1</loc></url><<".utf8)
        #expect(try DiscoveryParser.parse(late, baseURL: "http://a.org/").pages.map(\.url) == ["http://a.org/1"])
    }
}
