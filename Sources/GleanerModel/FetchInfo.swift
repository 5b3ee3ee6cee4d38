/// How a record's page was obtained over HTTP: written as the record's `fetch` object by
/// `gleaner scrape`, absent for pages read from disk. It is there so a consumer can tell a
/// redirect, a retry or a slow host from the record alone, without the crawler's logs.
public struct FetchInfo: Sendable, Equatable {
    /// The URL as given in the input list.
    public var requestedURL: String
    /// The URL of the last response after redirects; nil when no response arrived.
    public var finalURL: String?
    /// HTTP status of the last response; nil when none arrived (timeout, refused, robots).
    public var status: Int?
    /// Redirects followed on the last attempt.
    public var redirects: Int
    /// The `Content-Type` header of the last response, as sent.
    public var contentType: String?
    /// Body bytes received on the last attempt, after content decoding (gzip, br, zstd).
    public var bytes: Int
    /// Wall-clock milliseconds from the start of the first attempt to the end of the last,
    /// retry waits included; 0 when no request was made.
    public var elapsedMilliseconds: Int
    /// When the fetch finished, ISO 8601 UTC with milliseconds.
    public var fetchedAt: String
    /// Requests made for this URL (1 + retries); 0 when none was made (robots, bad URL).
    public var attempts: Int
    /// The fetch ran with certificate verification off (`--insecure`): the page's origin
    /// was not established. Written as `"insecure": true`; absent otherwise.
    public var insecure: Bool

    public init(
        requestedURL: String, finalURL: String? = nil, status: Int? = nil, redirects: Int = 0,
        contentType: String? = nil, bytes: Int = 0, elapsedMilliseconds: Int = 0,
        fetchedAt: String, attempts: Int = 0, insecure: Bool = false
    ) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.redirects = redirects
        self.contentType = contentType
        self.bytes = bytes
        self.elapsedMilliseconds = elapsedMilliseconds
        self.fetchedAt = fetchedAt
        self.attempts = attempts
        self.insecure = insecure
    }
}
