import GleanerTestSupport
import Testing
@testable import GleanerWARC

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
