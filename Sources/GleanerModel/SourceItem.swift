/// One input of a run as a `Source` yields it: what the page bytes are (or how to get them),
/// and what is known around them. Extraction needs only `content`, `url` and `charset`; the
/// rest travels to the sinks so a record can say where it came from.
///
/// A value type with lazily obtained bytes, so a source can hand out thousands of items
/// without holding their pages: a file is read on a worker thread, a URL is fetched by the
/// runner, and a streaming reader (a WARC file) passes the bytes of one record at a time.
public struct SourceItem: Sendable {
    /// How the runner obtains the page bytes.
    public enum Content: Sendable {
        /// Already in memory (a record read from an archive, a test).
        case bytes([UInt8])
        /// Read on a worker thread (a file, standard input), so reading runs in parallel.
        case read(@Sendable () throws(GleanerError) -> [UInt8])
        /// Fetched by the runner's fetcher from `url`.
        case fetch
        /// The input failed before it had bytes; it still gives exactly one (error) record.
        case failure(GleanerError)
    }

    /// Provenance, written as the record's `source`: a path, `-`, a URL, `FILE#OFFSET`.
    public var name: String
    public var content: Content
    /// The page's URL when known: base for relative links and canonical-URL fallback.
    public var url: String?
    /// The charset from a stored or received `Content-Type`, which outranks `<meta>`.
    public var charset: String?
    /// HTTP status and headers stored with the page (an archive record), when any.
    public var status: Int?
    public var headers: [HTTPHeader]
    /// Extra record objects written after the documented keys (a source's own provenance).
    public var extras: [RecordExtra]
    /// Where the page was read from in a web archive: becomes the record's `warc` object.
    public var warc: WARCOrigin? = nil

    public init(
        name: String, content: Content, url: String? = nil, charset: String? = nil,
        status: Int? = nil, headers: [HTTPHeader] = [], extras: [RecordExtra] = []
    ) {
        self.name = name
        self.content = content
        self.url = url
        self.charset = charset
        self.status = status
        self.headers = headers
        self.extras = extras
    }
}

/// One HTTP header as sent or stored: order and spelling kept (archives need both).
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// What one fetch exchanged with the server, for sinks that archive it (WARC). Filled only
/// when a sink asks for it (`Sink.wantsExchange`), so other runs do not keep page bytes.
public struct FetchedExchange: Sendable {
    public var url: String
    public var requestHeaders: [HTTPHeader]
    public var status: Int?
    public var responseHeaders: [HTTPHeader]
    /// The payload as received (after content decoding when the fetcher decodes).
    public var body: [UInt8]
    public var ipAddress: String?
    public var fetchedAt: String

    public init(
        url: String, requestHeaders: [HTTPHeader] = [], status: Int?, responseHeaders: [HTTPHeader] = [],
        body: [UInt8], ipAddress: String? = nil, fetchedAt: String
    ) {
        self.url = url
        self.requestHeaders = requestHeaders
        self.status = status
        self.responseHeaders = responseHeaders
        self.body = body
        self.ipAddress = ipAddress
        self.fetchedAt = fetchedAt
    }
}
