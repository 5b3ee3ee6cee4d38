import GleanerTestSupport
import Testing
@testable import GleanerWARC

/// Chunked framing as crawlers store it, including sizes no real body has.
@Suite struct ContentDecoderTests {
    @Test func joinsChunks() {
        let body = Array("4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n".utf8)
        #expect(ContentDecoder.dechunk(body[...]) == Array("Wikipedia".utf8))
    }

    /// A chunk size of sixteen `F`s overflowed `Int` and trapped (found by a hand-made
    /// hostile WARC record); any size past the record's end keeps what is there.
    @Test func sizesPastTheEndKeepTheRest() {
        for size in ["FFFFFFFFFFFFFFFF", "7FFFFFFFFFFFFFFF", "0000000000000100", "100"] {
            let body = Array("\(size)\r\n<html>x</html>\r\n0\r\n\r\n".utf8)
            #expect(ContentDecoder.dechunk(body[...]) == Array("<html>x</html>\r\n0\r\n\r\n".utf8), "\(size)")
        }
    }
}

/// A record whose headers were read but whose payload cannot be used still says which
/// record it was: the error line carries the `warc` block (target URI, record id, date).
@Suite struct WARCRecordFailureTests {
    @Test func undecodablePayloadKeepsTheRecordsProvenance() throws {
        let payload = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all"
        let record = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.com/broken\r\n"
            + "WARC-Date: 2020-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789012>\r\n"
            + "Content-Type: application/http; msgtype=response\r\nContent-Length: \(payload.utf8.count)\r\n\r\n\(payload)\r\n\r\n"
        let folder = try TemporaryDirectory()
        let path = try folder.write("broken.warc", record)
        let stream = WARCPageStream(path: path)
        guard case .failure(let error) = stream.next() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "bad_encoding")
        #expect(error.source == "\(path)#0")
        #expect(error.warc?.targetURI == "http://example.com/broken")
        #expect(error.warc?.recordID == "<urn:uuid:12345678-1234-1234-1234-123456789012>")
        #expect(error.warc?.status == 200)
    }
}
