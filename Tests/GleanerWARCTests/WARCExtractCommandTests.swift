import Foundation
import GleanerTestSupport
import Testing

/// `gleaner extract` on web archives written by warcio: one line per qualifying record, one
/// error line per broken record, in file order, never stopping early.
@Suite struct WARCExtractCommandTests {
    @Test func oneLinePerQualifyingRecordAndOneErrorPerBrokenOne() throws {
        let folder = try TemporaryDirectory()
        _ = try interop(["make-edge", folder.url.path])
        let files = ["edge.warc.gz", "corrupt-member.warc.gz", "cut.warc.gz", "plain.warc", "whole.warc.gz", "bad-headers.warc", "not-a-warc.warc.gz"].map(folder.path)
        let run = try GleanerBinary.run(["extract", "--jobs", "2"] + files)
        #expect(run.status == 1)
        let records = run.records
        #expect(records.count == run.lines.count)
        func lines(_ name: String) -> [[String: Any]] {
            records.filter { ($0["source"] as? String)?.hasPrefix(folder.path(name) + "#") == true }
        }
        let edge = lines("edge.warc.gz")
        #expect(edge.map { $0["url"] as? String } == [
            "http://example.com/plain", "http://example.com/chunked", "http://example.com/with%20space/page%20one",
            "http://example.com/truncated", "http://example.com/resource", "http://example.com/untyped", "http://example.com/brotli",
        ])
        #expect(edge.map { $0["headline"] as? String } == ["Plain", "Chunked", "Spaces", "Truncated", "Resource", "Untyped", "Brotli"])
        let warc = try #require(edge.first?["warc"] as? [String: Any])
        #expect(warc["file"] as? String == folder.path("edge.warc.gz"))
        #expect(warc["status"] as? Int == 200)
        #expect(warc["target_uri"] as? String == "http://example.com/plain")
        #expect((warc["record_id"] as? String)?.hasPrefix("<urn:uuid:") == true)
        #expect(edge.first?["source"] as? String == "\(folder.path("edge.warc.gz"))#\(warc["offset"] as! Int)")
        #expect((edge[3]["warc"] as? [String: Any])?["truncated"] as? String == "length")
        #expect(lines("corrupt-member.warc.gz").compactMap(\.errorCode) == ["bad_gzip"])
        #expect(lines("corrupt-member.warc.gz").count == 7)
        #expect(lines("cut.warc.gz").compactMap(\.errorCode) == ["bad_gzip"])
        #expect(lines("plain.warc").count == 2)
        #expect(lines("whole.warc.gz").count == 2)
        #expect(lines("bad-headers.warc").compactMap(\.errorCode) == ["bad_header", "missing_length", "truncated_record"])
        #expect(lines("bad-headers.warc").count == 5)
        #expect(lines("not-a-warc.warc.gz").compactMap(\.errorCode) == ["not_warc"])
        #expect(run.stderr.contains("revisit: 3"), "one revisit in each of the three copies of the edge file")
        // Options: statuses and non-HTML payloads.
        let only404 = try GleanerBinary.run(["extract", "--warc-status", "404", folder.path("edge.warc.gz")])
        #expect(only404.records.compactMap { $0["url"] as? String } == ["http://example.com/missing"])
        let all = try GleanerBinary.run(["extract", "--warc-include-non-html", folder.path("edge.warc.gz")])
        #expect(all.records.count == edge.count + 1)
    }
}
