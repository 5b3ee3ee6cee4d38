import Foundation
import GleanerTestSupport
import Testing

/// `scrape --warc` from a loopback server archives every exchange (robots.txt, each redirect
/// hop, the pages, an error answer); `extract` of that WARC gives the same article fields as
/// the scrape did; warcio and FastWARC read the file and accept its digests.
@Suite struct WARCRoundTripTests {
    @Test func scrapeToWARCThenExtractGivesTheSameArticles() throws {
        let server = try LoopbackServer(script: "fault_server.py")
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let paths = ["/article", "/gzip", "/redirect/2", "/charset", "/status/404"]
        let folder = try TemporaryDirectory()
        let warc = folder.path("crawl.warc.gz")
        let scrape = try GleanerBinary.run(
            ["scrape", "--warc", warc, "--delay", "0", "--retries", "0", "--jobs", "2"] + paths.map { base + $0 })
        #expect(scrape.records.count == paths.count, "\(scrape.stderr)")
        let extract = try GleanerBinary.run(["extract", "--jobs", "2", warc])
        let scraped = scrape.records.filter { $0.errorCode == nil }
        let extracted = extract.records
        #expect(scraped.count == 4)
        // Extraction of the archive finds the same pages (the 404 is not 2xx), in fetch order,
        // which may differ from input order: match by URL.
        let byURL = Dictionary(extracted.map { (($0["url"] as? String) ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        // /article twice (fetched directly and at the end of the redirect chain), /gzip, /charset.
        #expect(extracted.count == 4)
        for record in scraped {
            let url = record["url"] as? String ?? ""
            let twin = try #require(byURL[url], "\(url) extracted from the WARC")
            for key in ["url", "headline", "lead", "site_name", "language", "authors", "published", "text", "word_count", "content_hash", "page_type", "tags", "image"] {
                #expect(String(describing: twin[key]) == String(describing: record[key]), "\(url) \(key)")
            }
            #expect((twin["warc"] as? [String: Any])?["status"] as? Int == 200)
        }
        // Everything that went over the wire is archived.
        let report = try JSONSerialization.jsonObject(with: Data(try interop(["validate", warc]).utf8)) as! [String: [String: [String]]]
        let entry = try #require(report[warc])
        #expect(entry["failures"] == [])
        let types = entry["warcio"] ?? []
        #expect(types.first == "warcinfo")
        #expect(types.filter { $0 == "response" }.count == types.filter { $0 == "request" }.count)
        let responses = Set(entry["responses"] ?? [])
        for expected in ["404 \(base)/robots.txt", "302 \(base)/redirect/2", "302 \(base)/redirect/1", "200 \(base)/article",
                         "200 \(base)/gzip", "200 \(base)/charset", "404 \(base)/status/404"] {
            #expect(responses.contains(expected), "\(expected) archived: \(responses.sorted())")
        }
    }
}
