/// One HTTP request and its response as they went over the wire, to be archived: the raw
/// request head, the raw response head (status line and headers as received), the payload,
/// and the peer's address. A redirect hop, a robots.txt fetch and a 304 are exchanges too.
public struct HTTPExchange: Sendable {
    public var targetURI: String
    /// When the response was received, ISO 8601 UTC (`2025-01-31T12:00:00.123Z`).
    public var date: String
    public var ipAddress: String?
    /// Request line + headers, CRLF-terminated, with the final empty line.
    public var requestHead: [UInt8]
    /// Status line + headers as received (the final empty line optional).
    public var responseHead: [UInt8]
    /// The body. `payloadIsDecoded`: content and transfer encodings already undone (libcurl
    /// decodes them), so the writer renames those headers the way Common Crawl does.
    public var payload: [UInt8]
    public var payloadIsDecoded: Bool

    public init(targetURI: String, date: String, ipAddress: String?, requestHead: [UInt8], responseHead: [UInt8], payload: [UInt8], payloadIsDecoded: Bool = true) {
        self.targetURI = targetURI
        self.date = date
        self.ipAddress = ipAddress
        self.requestHead = requestHead
        self.responseHead = responseHead
        self.payload = payload
        self.payloadIsDecoded = payloadIsDecoded
    }
}
