import Foundation
import GleanerTestSupport
import Testing
@testable import GleanerWARC

/// WACZ files (Webrecorder's and Browsertrix's ZIP of WARC files): the web archives stored in
/// them are read in place, in order, with offsets in the WACZ file a reader can seek to.
@Suite struct WACZTests {
    static let urls = ["http://example.com/one", "http://example.com/two", "http://example.com/three"]

    @Test func storedArchivesAreReadInOrderAtSeekableOffsets() throws {
        let folder = try TemporaryDirectory()
        _ = try interop(["make-wacz", folder.url.path])
        for name in ["crawl.wacz", "zip64.wacz"] {
            let path = folder.path(name)
            let items = readAll(path)
            #expect(failures(items).isEmpty, "\(name)")
            let read = records(items).filter { $0.type == "response" }
            #expect(read.compactMap(\.targetURI) == Self.urls, "\(name)")
            #expect(selectAll(path).pages.map(\.url) == Self.urls, "\(name)")
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            for record in read {
                // An offset points at a gzip member (or a plain record) inside the WACZ file.
                #expect(bytes[record.offset...].starts(with: [0x1F, 0x8B]) || bytes[record.offset...].starts(with: Array("WARC/".utf8)))
                guard case .record(let again)? = WARCReader(path: path, offset: record.offset).next() else {
                    Issue.record("\(name)#\(record.offset) does not start a record")
                    continue
                }
                #expect(again.recordID == record.recordID)
            }
        }
        #expect(WARCDetector.isArchive(path: folder.path("crawl.wacz")))
    }

    @Test func compressedEntryIsOneErrorAndTheOthersAreRead() throws {
        let folder = try TemporaryDirectory()
        _ = try interop(["make-wacz", folder.url.path])
        let selected = selectAll(folder.path("deflated.wacz"))
        #expect(selected.failures.map(\.code) == ["unsupported_format"])
        #expect(selected.pages.map(\.url) == ["http://example.com/three"])
    }

    @Test func notAZipIsOneError() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("broken.wacz", "PK\u{3}\u{4} this is not really a zip file at all")
        #expect(failures(readAll(path)).map(\.code) == ["bad_zip"])
        let run = try GleanerBinary.run(["extract", path])
        #expect(run.records.compactMap(\.errorCode) == ["bad_zip"])
    }

    @Test func extractCommandReadsAWACZ() throws {
        let folder = try TemporaryDirectory()
        _ = try interop(["make-wacz", folder.url.path])
        let run = try GleanerBinary.run(["extract", folder.path("crawl.wacz")])
        #expect(run.status == 0)
        #expect(run.records.compactMap { $0["url"] as? String } == Self.urls)
        #expect(run.records.allSatisfy { ($0["source"] as? String)?.hasPrefix(folder.path("crawl.wacz") + "#") == true })
    }

    /// A folder walk picks up every archive kind by its name: `.wacz`, `.warc.zst`, `.warc.lz4`.
    @Test func folderWalkFindsEveryArchiveKind() throws {
        let folder = try TemporaryDirectory()
        _ = try interop(["make-wacz", folder.url.path])
        try FileManager.default.removeItem(atPath: folder.path("deflated.wacz"))
        try FileManager.default.removeItem(atPath: folder.path("zip64.wacz"))
        let frames = WARCFrameCompressionTests.stories.map { WARCFrameCompressionTests.frame($0) }
        try Data(frames.joined()).write(to: URL(fileURLWithPath: folder.path("b.warc.zst")))
        let lz4 = WARCFrameCompressionTests.stories.map { WARCFrameCompressionTests.lz4Frame($0) }
        try Data(lz4.joined()).write(to: URL(fileURLWithPath: folder.path("c.warc.lz4")))
        let run = try GleanerBinary.run(["extract", folder.url.path])
        #expect(run.status == 0)
        #expect(run.records.count == 9)
        #expect(Set(run.records.compactMap { ($0["warc"] as? [String: Any])?["file"] as? String }.map { URL(fileURLWithPath: $0).lastPathComponent })
            == ["crawl.wacz", "b.warc.zst", "c.warc.lz4"])
    }
}
