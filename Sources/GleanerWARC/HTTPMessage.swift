/// An HTTP response (or request) stored in a WARC block: status line, headers, and the
/// payload as stored (still chunked or compressed if the crawler kept it as sent).
public struct HTTPMessage: Sendable {
    /// The first line, e.g. `HTTP/1.1 200 OK`.
    public var startLine: String
    /// The status code of a response; nil for a request or an unparsable line.
    public var status: Int?
    public var headers: WARCHeaders
    /// Offset of the payload within the block.
    public var payloadOffset: Int

    /// Parses the head of `block`; nil when it is not an HTTP message (no `HTTP/` line or
    /// no end of headers).
    public static func parse(_ block: [UInt8]) -> HTTPMessage? {
        var start = 0
        while start < block.count && (block[start] == 13 || block[start] == 10) { start += 1 }
        guard let end = WARCReader.headerEnd(block, from: start, to: block.count)
                ?? (block.count - start < 65536 ? block.count : nil) else { return nil }
        let head = block[start..<end]
        let lineEnd = head.firstIndex(of: 10) ?? head.endIndex
        let startLine = String(decoding: head[head.startIndex..<lineEnd], as: UTF8.self).trimmedWARCWhitespace()
        var status: Int? = nil
        if startLine.hasPrefix("HTTP/") {
            let parts = startLine.split(separator: " ", maxSplits: 2)
            if parts.count >= 2 { status = Int(parts[1]) }
        } else if !startLine.contains(" HTTP/") {
            return nil
        }
        return HTTPMessage(startLine: startLine, status: status, headers: WARCHeaders.parse(head[lineEnd...]), payloadOffset: end)
    }
}
