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
