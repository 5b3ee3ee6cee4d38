import Foundation
import GleanerTestSupport
import Testing
@testable import GleanerWARC

/// Files written by warcio (Tests/Support/warc_interop.py make-edge), including the edge
/// cases other crawlers produce and deliberately broken ones.
@Suite(.serialized) struct WARCReaderTests {
    nonisolated(unsafe) static let folder = try! TemporaryDirectory()
    static let output: String? = try? interop(["make-edge", folder.url.path])
    static var made: Bool { output != nil }

    func path(_ name: String) throws -> String {
        try #require(Self.made, "warc_interop.py make-edge failed: pip install warcio fastwarc brotli")
        return Self.folder.path(name)
    }

    @Test func qualifyingRecordsOfWarcioEdgeCases() throws {
        let (pages, bad, skipped) = selectAll(try path("edge.warc.gz"))
        #expect(bad.isEmpty)
        #expect(pages.map(\.url) == [
            "http://example.com/plain", "http://example.com/chunked", "http://example.com/with space/page one",
            "http://example.com/truncated", "http://example.com/resource", "http://example.com/untyped",
            "http://example.com/brotli",
        ])
        for page in pages {
            let text = String(decoding: page.body, as: UTF8.self)
            #expect(text.hasPrefix("<!DOCTYPE html>"), "\(page.url): \(text.prefix(40))")
        }
        #expect(String(decoding: pages[1].body, as: UTF8.self).contains("<h1>Chunked</h1>"))
        #expect(String(decoding: pages[6].body, as: UTF8.self).contains("<h1>Brotli</h1>"))
        #expect(pages[3].origin.truncated == "length")
        #expect(pages[0].charset == "utf-8")
        #expect(pages[0].origin.status == 200)
        #expect(pages[4].origin.status == nil)
        #expect(skipped.filter { $0 == .revisit }.count == 1)
        #expect(skipped.contains(.status))
        #expect(skipped.contains(.notHTML))
        // Options: any status, any type.
        let all = selectAll(try path("edge.warc.gz"), selector: WARCPageSelector(statuses: [200, 404], includeNonHTML: true)).pages
        #expect(all.map(\.url).contains("http://example.com/missing"))
        #expect(all.map(\.url).contains("http://example.com/data.json"))
        let only404 = selectAll(try path("edge.warc.gz"), selector: WARCPageSelector(statuses: [404])).pages
        #expect(only404.map(\.url) == ["http://example.com/missing"])
    }

    @Test func offsetsAreGzipMemberOffsets() throws {
        let file = try path("edge.warc.gz")
        let report = try JSONSerialization.jsonObject(with: Data(try #require(Self.output).utf8)) as! [String: [Int]]
        let read = records(readAll(file))
        #expect(read.map(\.offset) == report["members"])
    }

    @Test func seekingToAReportedOffsetReadsThatRecord() throws {
        for name in ["edge.warc.gz", "plain.warc"] {
            let file = try path(name)
            for record in records(readAll(file)) {
                guard case .record(let again)? = WARCReader(path: file, offset: record.offset).next() else {
                    Issue.record("\(name)#\(record.offset) does not start a record")
                    continue
                }
                #expect(again.offset == record.offset)
                #expect(again.recordID == record.recordID)
                #expect(again.block == record.block)
            }
        }
    }

    @Test func corruptMemberGivesOneErrorAndReadingGoesOn() throws {
        let items = readAll(try path("corrupt-member.warc.gz"))
        let bad = failures(items)
        #expect(bad.count == 1)
        #expect(bad.first?.code == "bad_gzip")
        #expect(records(items).count == 12)
        let pages = selectAll(try path("corrupt-member.warc.gz")).pages
        #expect(pages.count == 6)
    }

    @Test func fileCutInTheLastMember() throws {
        let items = readAll(try path("cut.warc.gz"))
        #expect(failures(items).map(\.code) == ["bad_gzip"])
        #expect(records(items).count == 12)
    }

    @Test func plainAndWholeFileGzip() throws {
        let plain = selectAll(try path("plain.warc"))
        let whole = selectAll(try path("whole.warc.gz"))
        #expect(plain.pages.map(\.url) == ["http://example.com/a", "http://example.com/b"])
        #expect(whole.pages.map(\.url) == plain.pages.map(\.url))
        #expect(whole.pages.map(\.body) == plain.pages.map(\.body))
        #expect(plain.pages[0].origin.offset == 0)
        #expect(whole.failures.isEmpty && plain.failures.isEmpty)
    }

    @Test func badHeaderMissingLengthAndLengthPastEnd() throws {
        let items = readAll(try path("bad-headers.warc"))
        #expect(failures(items).map(\.code) == ["bad_header", "missing_length", "truncated_record"])
        #expect(records(items).compactMap(\.targetURI) == ["http://example.com/a", "http://example.com/a"])
    }

    @Test func notAWARCNamedWarcGz() throws {
        let items = readAll(try path("not-a-warc.warc.gz"))
        #expect(items.count == 1)
        #expect(failures(items).first?.code == "not_warc")
    }

    @Test func missingFileIsOneError() throws {
        let folder = try TemporaryDirectory()
        #expect(failures(readAll(folder.path("missing.warc"))).map(\.code) == ["not_found"])
    }
}
