import Foundation
import GleanerDigest

/// Builds the bytes of WARC/1.1 records: `warcinfo`, and a `request` + `response` pair for an
/// exchange, with `sha1:` base32 block and payload digests.
///
/// What is archived: the payload as libcurl delivers it — decoded — with the response's
/// original `Content-Encoding`, `Transfer-Encoding` and `Content-Length` headers renamed
/// `X-Crawler-…` (Common Crawl's convention) and a `Content-Length` of the stored payload
/// added, so the stored HTTP message is self-consistent and digests are over what is stored.
/// The reader also undoes chunking and compression for archives that store payloads as sent.
enum WARCRecordBuilder {
    static let version = "WARC/1.1"

    static func recordID() -> String { "<urn:uuid:\(UUID().uuidString.lowercased())>" }

    static func sha1(_ bytes: ArraySlice<UInt8>) -> String {
        "sha1:" + Digest.base32(Digest.hash(.sha1, bytes))
    }

    static func record(_ fields: [(String, String)], block: [UInt8]) -> [UInt8] {
        var head = version + "\r\n"
        for (name, value) in fields { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(block.count)\r\n\r\n"
        var bytes = Array(head.utf8)
        bytes.reserveCapacity(bytes.count + block.count + 4)
        bytes.append(contentsOf: block)
        bytes.append(contentsOf: [13, 10, 13, 10])
        return bytes
    }

    static func warcinfo(filename: String, date: String, software: String, hostname: String) -> [UInt8] {
        let body = "software: \(software)\r\nhostname: \(hostname)\r\nformat: WARC File Format 1.1\r\n"
            + "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
        let block = Array(body.utf8)
        return record([
            ("WARC-Type", "warcinfo"), ("WARC-Record-ID", recordID()), ("WARC-Date", date),
            ("WARC-Filename", filename), ("WARC-Block-Digest", sha1(block[...])),
            ("Content-Type", "application/warc-fields"),
        ], block: block)
    }

    /// The response block: status line and headers (renamed when the payload is decoded),
    /// the empty line, the payload.
    static func responseBlock(_ exchange: HTTPExchange) -> (block: [UInt8], payloadOffset: Int) {
        let head = exchange.responseHead
        let lineEnd = head.firstIndex(of: 10) ?? head.endIndex
        var statusLine = String(decoding: head[..<lineEnd], as: UTF8.self).trimmedWARCWhitespace()
        if statusLine.isEmpty { statusLine = "HTTP/1.1 200 OK" }
        let headers = WARCHeaders.parse(head[lineEnd...])
        var text = statusLine + "\r\n"
        let renames = SelectionRules.shared.headerRenames
        for (name, value) in headers.fields {
            if exchange.payloadIsDecoded, let renamed = renames.first(where: { $0.key.lowercased() == name.lowercased() })?.value {
                text += "\(renamed): \(value)\r\n"
            } else {
                text += "\(name): \(value)\r\n"
            }
        }
        if exchange.payloadIsDecoded { text += "Content-Length: \(exchange.payload.count)\r\n" }
        text += "\r\n"
        var block = Array(text.utf8)
        let payloadOffset = block.count
        block.append(contentsOf: exchange.payload)
        return (block, payloadOffset)
    }

    /// `request` then `response` records of one exchange, each its own bytes.
    static func exchangeRecords(_ exchange: HTTPExchange) -> (request: [UInt8], response: [UInt8]) {
        let responseID = recordID()
        let requestID = recordID()
        let (block, payloadOffset) = responseBlock(exchange)
        var responseFields: [(String, String)] = [
            ("WARC-Type", "response"), ("WARC-Record-ID", responseID), ("WARC-Date", exchange.date),
            ("WARC-Target-URI", exchange.targetURI),
        ]
        if let ip = exchange.ipAddress, !ip.isEmpty { responseFields.append(("WARC-IP-Address", ip)) }
        responseFields += [
            ("WARC-Concurrent-To", requestID),
            ("WARC-Block-Digest", sha1(block[...])),
            ("WARC-Payload-Digest", sha1(block[payloadOffset...])),
            ("Content-Type", "application/http;msgtype=response"),
        ]
        var requestBlock = exchange.requestHead
        if !requestBlock.isEmpty && !requestBlock.suffix(4).elementsEqual([13, 10, 13, 10]) {
            while requestBlock.last == 10 || requestBlock.last == 13 { requestBlock.removeLast() }
            requestBlock += [13, 10, 13, 10]
        }
        var requestFields: [(String, String)] = [
            ("WARC-Type", "request"), ("WARC-Record-ID", requestID), ("WARC-Date", exchange.date),
            ("WARC-Target-URI", exchange.targetURI),
        ]
        if let ip = exchange.ipAddress, !ip.isEmpty { requestFields.append(("WARC-IP-Address", ip)) }
        requestFields += [
            ("WARC-Concurrent-To", responseID),
            ("WARC-Block-Digest", sha1(requestBlock[...])),
            ("Content-Type", "application/http;msgtype=request"),
        ]
        return (record(requestFields, block: requestBlock), record(responseFields, block: block))
    }
}
