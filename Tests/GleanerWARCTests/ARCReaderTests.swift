import Foundation
import GleanerTestSupport
import Testing
@testable import GleanerWARC

/// ARC files, the Internet Archive's format before WARC (versions 1 and 2, plain or one gzip
/// member per record): each record is handed on as the WARC record it would be.
@Suite struct ARCReaderTests {
    static func page(_ n: Int) -> [UInt8] {
        let body = "<!DOCTYPE html><html><head><title>Old \(n)</title></head><body><h1>Archived story \(n)</h1><p>\(String(repeating: "Text of an archived page from long ago, long enough to be prose. ", count: 5))</p></body></html>"
        return Array("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    static func record(_ line: String, _ block: [UInt8]) -> [UInt8] {
        Array("\(line) \(block.count)\n".utf8) + block + [10]
    }

    /// A version-1 file: its description, two pages, a DNS lookup.
    static var version1: [[UInt8]] {
        [
            record("filedesc://old.arc 0.0.0.0 20050614070159 text/plain", Array("1 0 Alexa Internet\nURL IP-address Archive-date Content-type Archive-length\n".utf8)),
            record("http://www.example.com/page1.html 192.0.2.1 20050614070100 text/html", page(1)),
            record("http://www.example.com/page2.html 192.0.2.2 20050614070200 text/html", page(2)),
            record("dns:www.example.com 192.0.2.53 20050614070400 text/dns", Array("www.example.com.\t1800\tIN\tA\t192.0.2.1\n".utf8)),
        ]
    }

    @Test func version1PagesAreResponses() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("old.arc")
        try Data(Self.version1.joined()).write(to: URL(fileURLWithPath: path))
        let items = readAll(path)
        #expect(failures(items).isEmpty)
        let read = records(items)
        #expect(read.map(\.type) == ["warcinfo", "response", "response", "resource"])
        #expect(read[1].targetURI == "http://www.example.com/page1.html")
        #expect(read[1].date == "2005-06-14T07:01:00Z")
        #expect(read[1].headers["WARC-IP-Address"] == "192.0.2.1")
        #expect(read[1].offset == Self.version1[0].count)
        #expect(read[1].version == "ARC")
        let selected = selectAll(path)
        #expect(selected.pages.map(\.url) == ["http://www.example.com/page1.html", "http://www.example.com/page2.html"])
        #expect(selected.pages.first?.origin.status == 200)
        #expect(String(decoding: selected.pages[1].body, as: UTF8.self).contains("<h1>Archived story 2</h1>"))
        // Reading from a record's offset (what an index stores) reads that record.
        guard case .record(let again)? = WARCReader(path: path, offset: read[2].offset).next() else {
            Issue.record("seeking to an ARC record's offset does not read it")
            return
        }
        #expect(again.targetURI == "http://www.example.com/page2.html")
        #expect(WARCDetector.isArchive(path: path))
    }

    @Test func version2AndOneGzipMemberPerRecord() throws {
        let folder = try TemporaryDirectory()
        let version2 = [
            Self.record(
                "filedesc://IAH-2007.arc 0.0.0.0 20070101000000 text/plain 200 - - 0 IAH-2007.arc",
                Array("2 0 Heritrix\nURL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length\n".utf8)),
            Self.record("http://www.example.org/story3 192.0.2.9 20070101000300 text/html 200 ABCDEF - 0 IAH-2007.arc", Self.page(3)),
        ]
        let members = version2.map(GzipMember.compress)
        let path = folder.path("new.arc.gz")
        try Data(members.joined()).write(to: URL(fileURLWithPath: path))
        let read = records(readAll(path))
        #expect(read.map(\.type) == ["warcinfo", "response"])
        #expect(read.map(\.offset) == [0, members[0].count])
        #expect(read.map(\.length) == members.map { Optional($0.count) })
        #expect(selectAll(path).pages.map(\.url) == ["http://www.example.org/story3"])
    }

    @Test func damagedLinesAreOneErrorAndReadingGoesOn() throws {
        let folder = try TemporaryDirectory()
        var parts = Self.version1
        parts.insert(Array("this line is garbage\nand this one too\n".utf8), at: 2)
        let path = folder.path("bad.arc")
        try Data(parts.joined()).write(to: URL(fileURLWithPath: path))
        let items = readAll(path)
        #expect(failures(items).map(\.code) == ["bad_header"])
        #expect(failures(items).first?.offset == parts[0].count + parts[1].count)
        #expect(selectAll(path).pages.map(\.url) == ["http://www.example.com/page1.html", "http://www.example.com/page2.html"])
    }
}
