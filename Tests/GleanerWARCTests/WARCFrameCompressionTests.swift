import CLZ4
import CZstd
import Foundation
import GleanerTestSupport
import Testing
@testable import GleanerWARC

/// Web archives compressed frame by frame: `.warc.zst` (the IIPC warc-zstd format Archive
/// Team's tools write: one frame per record, optionally a dictionary frame first) and
/// `.warc.lz4` (FastWARC: one LZ4 frame per record); and `Content-Encoding: zstd` payloads
/// stored as sent.
@Suite struct WARCFrameCompressionTests {
    static func response(_ url: String, headline: String, headers: [String] = ["Content-Type: text/html; charset=utf-8"], body: [UInt8]? = nil, version: String = "WARC/1.1") -> [UInt8] {
        let html = Array("<!DOCTYPE html><html><head><title>\(headline)</title></head><body><article><h1>\(headline)</h1><p>\(String(repeating: "A sentence of the story that is long enough to be prose. ", count: 5))</p></article></body></html>".utf8)
        let payload = body ?? html
        let http = Array((["HTTP/1.1 200 OK"] + headers + ["Content-Length: \(payload.count)", "", ""]).joined(separator: "\r\n").utf8) + payload
        let head = [
            version, "WARC-Type: response", "WARC-Target-URI: \(url)", "WARC-Date: 2024-05-01T00:00:00Z",
            "WARC-Record-ID: <urn:uuid:\(UUID().uuidString.lowercased())>", "Content-Type: application/http; msgtype=response",
            "Content-Length: \(http.count)", "", "",
        ].joined(separator: "\r\n")
        return Array(head.utf8) + http + Array("\r\n\r\n".utf8)
    }

    /// One zstd frame of `bytes` with a content checksum (as the zstd tool writes by
    /// default), compressed with `dictionary` when given.
    static func frame(_ bytes: [UInt8], dictionary: [UInt8]? = nil) -> [UInt8] {
        let context = ZSTD_createCCtx()!
        defer { ZSTD_freeCCtx(context) }
        _ = ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        if let dictionary { _ = dictionary.withUnsafeBytes { ZSTD_CCtx_loadDictionary(context, $0.baseAddress, $0.count) } }
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let written = output.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { ZSTD_compress2(context, out.baseAddress, out.count, $0.baseAddress, $0.count) }
        }
        precondition(ZSTD_isError(written) == 0)
        return Array(output[0..<written])
    }

    /// One LZ4 frame of `bytes`, with a content checksum.
    static func lz4Frame(_ bytes: [UInt8]) -> [UInt8] {
        var preferences = LZ4F_preferences_t()
        preferences.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled
        var output = [UInt8](repeating: 0, count: LZ4F_compressFrameBound(bytes.count, &preferences))
        let written = output.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { LZ4F_compressFrame(out.baseAddress, out.count, $0.baseAddress, $0.count, &preferences) }
        }
        precondition(LZ4F_isError(written) == 0)
        return Array(output[0..<written])
    }

    /// A skippable frame with `magic` 0x184D2A5X holding `payload`.
    static func skippable(_ payload: [UInt8], low: UInt8 = 0x5D) -> [UInt8] {
        let n = UInt32(payload.count)
        return [low, 0x2A, 0x4D, 0x18, UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + payload
    }

    static let stories = [
        response("http://example.org/one", headline: "First story"),
        response("http://example.org/two", headline: "Second story"),
        response("http://example.org/three", headline: "Third story"),
    ]

    /// Writes `bytes` to a file in `folder`; its path.
    static func file(_ folder: TemporaryDirectory, _ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func oneFramePerRecordReadsEveryRecordAtItsFrameOffset() throws {
        let folder = try TemporaryDirectory()
        let frames = Self.stories.map { Self.frame($0) }
        // An extension (skippable) frame between records holds no record and is stepped over.
        let bytes = frames[0] + Self.skippable(Array("note".utf8), low: 0x50) + frames[1] + frames[2]
        let path = try Self.file(folder, "a.warc.zst", bytes)
        let read = records(readAll(path))
        #expect(failures(readAll(path)).isEmpty)
        #expect(read.map(\.targetURI) == ["http://example.org/one", "http://example.org/two", "http://example.org/three"])
        let starts = [0, frames[0].count + 12, frames[0].count + 12 + frames[1].count]
        #expect(read.map(\.offset) == starts)
        #expect(read.map(\.length) == frames.map { Optional($0.count) })
        #expect(WARCReader(path: path).isCompressed)
        for record in read {
            guard case .record(let again)? = WARCReader(path: path, offset: record.offset).next() else {
                Issue.record("offset \(record.offset) does not start a record")
                continue
            }
            #expect(again.block == record.block)
        }
        #expect(selectAll(path).pages.map(\.url) == read.compactMap(\.targetURI))
    }

    /// The dictionary frame serves every frame — as given, or itself compressed — also when
    /// reading starts at a later record's offset.
    @Test(arguments: [false, true]) func dictionaryFrameServesEveryFrame(compressedDictionary: Bool) throws {
        let folder = try TemporaryDirectory()
        let dictionary = Self.stories[0] + Self.stories[1]
        let frames = Self.stories.map { Self.frame($0, dictionary: dictionary) }
        let payload = compressedDictionary ? Self.frame(dictionary) : dictionary
        let path = try Self.file(folder, "d.warc.zst", Self.skippable(payload) + frames.joined())
        let items = readAll(path)
        #expect(failures(items).isEmpty)
        let read = records(items)
        #expect(read.map(\.targetURI) == ["http://example.org/one", "http://example.org/two", "http://example.org/three"])
        #expect(read.first?.offset == 8 + payload.count)
        guard case .record(let last)? = WARCReader(path: path, offset: read[2].offset).next() else {
            Issue.record("seeking to the last record's frame does not read it")
            return
        }
        #expect(last.targetURI == "http://example.org/three")
        #expect(WARCDetector.isArchive(path: path))
    }

    @Test func corruptFrameGivesOneErrorAndReadingGoesOn() throws {
        let folder = try TemporaryDirectory()
        var frames = Self.stories.map { Self.frame($0) }
        frames[1][frames[1].count / 2] ^= 0xFF
        frames[1][frames[1].count / 2 + 1] ^= 0x5A
        let path = try Self.file(folder, "c.warc.zst", frames.joined().map { $0 })
        let items = readAll(path)
        #expect(failures(items).map(\.code) == ["bad_zstd"])
        #expect(failures(items).first?.offset == frames[0].count)
        #expect(records(items).compactMap(\.targetURI) == ["http://example.org/one", "http://example.org/three"])
        // Cut inside the last frame: the first two records, then one error.
        let cut = try Self.file(folder, "cut.warc.zst", Array(Self.stories.map { Self.frame($0) }.joined().dropLast(20)))
        let cutItems = readAll(cut)
        #expect(records(cutItems).count == 2)
        #expect(failures(cutItems).map(\.code) == ["bad_zstd"])
    }

    @Test func detectorTellsAZstdArchiveFromAZstdPage() throws {
        let archive = Self.frame(Self.stories[0])
        #expect(WARCDetector.isArchive(head: archive))
        #expect(WARCDetector.isArchive(head: Self.skippable([1, 2, 3])))
        #expect(!WARCDetector.isArchive(head: Self.frame(Array("<!DOCTYPE html><p>a page</p>".utf8))))
    }

    @Test func zstdContentEncodingIsDecoded() throws {
        let folder = try TemporaryDirectory()
        let html = Array("<!DOCTYPE html><html><body><h1>Encoded</h1><p>Text sent compressed by the server.</p></body></html>".utf8)
        let record = Self.response(
            "http://example.org/zstd", headline: "Encoded", headers: ["Content-Type: text/html", "Content-Encoding: zstd"], body: Self.frame(html))
        let path = try Self.file(folder, "e.warc", record)
        let pages = selectAll(path)
        #expect(pages.failures.isEmpty)
        #expect(pages.pages.first?.body == html)
        #expect(throws: ContentDecoder.Failure.self) { try ContentDecoder.decode(Self.frame(html), encoding: "zstd", limit: 10) }
    }

    /// `WARC/0.17` and `WARC/0.18`, the drafts before the ISO standard, have the same layout.
    @Test func draftVersionsAreRead() throws {
        let folder = try TemporaryDirectory()
        let bytes = Self.response("http://example.org/old", headline: "Old", version: "WARC/0.18")
            + Self.response("http://example.org/older", headline: "Older", version: "WARC/0.17")
        let path = try Self.file(folder, "old.warc", bytes)
        let items = readAll(path)
        #expect(failures(items).isEmpty)
        #expect(records(items).map(\.version) == ["WARC/0.18", "WARC/0.17"])
    }

    @Test func lz4FramePerRecordReadsEveryRecordAtItsFrameOffset() throws {
        let folder = try TemporaryDirectory()
        let frames = Self.stories.map { Self.lz4Frame($0) }
        let path = try Self.file(folder, "a.warc.lz4", frames.joined().map { $0 })
        let items = readAll(path)
        #expect(failures(items).isEmpty)
        let read = records(items)
        #expect(read.map(\.targetURI) == ["http://example.org/one", "http://example.org/two", "http://example.org/three"])
        #expect(read.map(\.offset) == [0, frames[0].count, frames[0].count + frames[1].count])
        #expect(read.map(\.length) == frames.map { Optional($0.count) })
        guard case .record(let second)? = WARCReader(path: path, offset: read[1].offset).next() else {
            Issue.record("seeking to the second record's frame does not read it")
            return
        }
        #expect(second.targetURI == "http://example.org/two")
        #expect(WARCDetector.isArchive(head: frames[0]))
        #expect(!WARCDetector.isArchive(head: Self.lz4Frame(Array("<!DOCTYPE html><p>a page</p>".utf8))))
    }

    @Test func corruptLZ4FrameGivesOneErrorAndReadingGoesOn() throws {
        let folder = try TemporaryDirectory()
        var frames = Self.stories.map { Self.lz4Frame($0) }
        frames[1][frames[1].count / 2] ^= 0xFF
        let path = try Self.file(folder, "c.warc.lz4", frames.joined().map { $0 })
        let items = readAll(path)
        #expect(failures(items).map(\.code) == ["bad_lz4"])
        #expect(failures(items).first?.offset == frames[0].count)
        #expect(records(items).compactMap(\.targetURI) == ["http://example.org/one", "http://example.org/three"])
    }
}
