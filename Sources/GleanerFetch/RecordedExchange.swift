/// One request and its response as they went over the wire, for archiving (WARC): the request
/// head libcurl sent, the response head it received, the body as delivered (decoded by
/// libcurl), the peer's address. A redirect hop has an empty body (libcurl skips it).
public struct RecordedExchange: Sendable {
    public var url: String
    public var requestHead: [UInt8]
    public var responseHead: [UInt8]
    public var body: [UInt8]
    public var ipAddress: String?
    /// ISO 8601 UTC with milliseconds: when the request went out.
    public var date: String
}
