import Foundation
import GleanerTestSupport
import Testing
@testable import GleanerWARC

@Suite struct WARCWriterTests {
    @Test func writtenRecordsReadBackWithOffsetsAndLengths() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("out.warc.gz")
        let writer = try WARCWriter(.init(path: path))
        try writer.write(exchange("http://example.com/a", body: "<html><body><p>Alpha</p></body></html>",
                                  headers: ["Content-Type: text/html", "Content-Encoding: gzip", "Transfer-Encoding: chunked"]))
        try writer.write(exchange("http://example.com/b", body: "<html><body><p>Beta</p></body></html>"))
        writer.close()
        let items = readAll(path)
        #expect(failures(items).isEmpty)
        let read = records(items)
        #expect(read.map(\.type) == ["warcinfo", "request", "response", "request", "response"])
        #expect(read.allSatisfy { $0.version == "WARC/1.1" })
        // Members tile the file: each record's offset + length is the next one's offset.
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        for (record, next) in zip(read, read.dropFirst()) { #expect(record.offset + record.length! == next.offset) }
        #expect(read.last!.offset + read.last!.length! == size)
        // The request and response point at each other.
        #expect(read[1].headers["WARC-Concurrent-To"] == read[2].recordID)
        #expect(read[2].headers["WARC-Concurrent-To"] == read[1].recordID)
        // The decoded payload is stored with the transfer headers renamed, as Common Crawl does.
        let http = try #require(HTTPMessage.parse(read[2].block))
        #expect(http.headers["Content-Encoding"] == nil)
        #expect(http.headers["X-Crawler-Content-Encoding"] == "gzip")
        #expect(http.headers["X-Crawler-Transfer-Encoding"] == "chunked")
        let pages = selectAll(path).pages
        #expect(pages.map(\.url) == ["http://example.com/a", "http://example.com/b"])
        #expect(String(decoding: pages[0].body, as: UTF8.self) == "<html><body><p>Alpha</p></body></html>")
        #expect(pages[1].charset == "utf-8")
        #expect(pages[0].origin.source == "\(path)#\(read[2].offset)")
    }

    @Test func newFileWhenMaxSizeIsReached() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("crawl.warc.gz")
        let writer = try WARCWriter(.init(path: path, maxSize: 1500))
        for index in 0..<6 {
            try writer.write(exchange("http://example.com/\(index)", body: String(repeating: "<p>page \(index) words</p>", count: 40)))
        }
        writer.close()
        #expect(writer.files.count > 1)
        #expect(writer.files[1] == folder.path("crawl-00001.warc.gz"))
        var responses = 0
        for file in writer.files {
            let read = records(readAll(file))
            #expect(read.first?.type == "warcinfo")
            responses += read.filter { $0.type == "response" }.count
        }
        #expect(responses == 6)
    }

    @Test func appendCutsOffAHalfWrittenMember() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("resume.warc.gz")
        var writer = try WARCWriter(.init(path: path))
        try writer.write(exchange("http://example.com/1", body: "<p>one</p>"))
        try writer.write(exchange("http://example.com/2", body: "<p>two</p>"))
        writer.close()
        // A run killed in the middle of writing the second exchange's response member.
        let full = try Data(contentsOf: URL(fileURLWithPath: path))
        let intact = records(readAll(path))
        let cut = intact[4].offset + 25
        try full.prefix(cut).write(to: URL(fileURLWithPath: path))
        let damaged = readAll(path)
        #expect(records(damaged).count == 4)
        #expect(failures(damaged).map(\.code) == ["bad_gzip"])
        #expect(failures(damaged).first?.offset == intact[4].offset)
        // Restart: the half member is cut off and writing continues after the last good one.
        writer = try WARCWriter(.init(path: path, append: true))
        try writer.write(exchange("http://example.com/3", body: "<p>three</p>"))
        writer.close()
        let resumed = readAll(path)
        #expect(failures(resumed).isEmpty)
        #expect(records(resumed).compactMap(\.targetURI) == ["http://example.com/1", "http://example.com/1", "http://example.com/2", "http://example.com/3", "http://example.com/3"])
    }

    @Test func warcioAndFastWARCValidateWhatGleanerWrites() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("interop.warc.gz")
        let writer = try WARCWriter(.init(path: path))
        try writer.write(exchange("http://example.com/page", body: "<html><body><p>Interop é</p></body></html>"))
        try writer.write(exchange("http://example.com/old", body: "", headers: ["Location: /new"], status: "HTTP/1.1 301 Moved Permanently"))
        try writer.write(exchange("http://example.com/robots.txt", body: "User-agent: *\nDisallow:\n", headers: ["Content-Type: text/plain"]))
        writer.close()
        let report = try JSONSerialization.jsonObject(with: Data(try interop(["validate", path]).utf8)) as! [String: [String: [String]]]
        let entry = try #require(report[path])
        #expect(entry["failures"] == [])
        #expect(entry["warcio"] == ["warcinfo", "request", "response", "request", "response", "request", "response"])
        #expect(entry["fastwarc"] == ["warcinfo", "request", "response", "request", "response", "request", "response"])
        // The check can fail: a payload changed after the digest was computed is caught.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let plain = folder.path("tampered.warc")
        var decoded: [UInt8] = []
        for record in records(readAll(path)) {
            var header = "\(record.version)\r\n"
            for (name, value) in record.headers.fields { header += "\(name): \(value)\r\n" }
            var block = record.block
            if record.type == "response", let index = block.lastIndex(of: UInt8(ascii: "p")) { block[index] = UInt8(ascii: "q") }
            decoded += Array((header + "\r\n").utf8) + block + [13, 10, 13, 10]
        }
        bytes = decoded
        try Data(bytes).write(to: URL(fileURLWithPath: plain))
        let tampered = try JSONSerialization.jsonObject(with: Data(try interop(["validate", plain]).utf8)) as! [String: [String: [String]]]
        #expect(tampered[plain]?["failures"]?.isEmpty == false)
    }
}
