import GleanerModel

/// What one requested URL came to: the page bytes, or a failure, and the fetch facts either way.
public struct FetchResponse: Sendable {
    /// Facts about the fetch for the record's `fetch` object.
    public var info: FetchInfo
    /// The decoded body of a successful fetch; empty on failure.
    public var body: [UInt8]
    /// The `charset` parameter of the `Content-Type` header, for the extractor.
    public var charset: String?
    /// Nil when the fetch succeeded: a 2xx HTML (or untyped) response.
    public var failure: FetchFailure?
    /// The response's `ETag` and `Last-Modified` headers, for conditional re-fetches.
    public var etag: String?
    public var lastModified: String?
    /// A 304 answer to a conditional request: the page is unchanged, the body empty.
    public var isNotModified: Bool { failure == nil && info.status == 304 }
    /// Keeps this response's share of `maxHeldResponses` until the last copy is gone.
    let lease: ResponseLease?

    public init(info: FetchInfo, body: [UInt8] = [], charset: String? = nil, failure: FetchFailure? = nil) {
        self.init(info: info, body: body, charset: charset, failure: failure, lease: nil)
    }

    init(info: FetchInfo, body: [UInt8], charset: String?, failure: FetchFailure?, lease: ResponseLease?) {
        self.info = info
        self.body = body
        self.charset = charset
        self.failure = failure
        self.lease = lease
    }

    /// The URL to resolve relative links against: the final URL after redirects.
    public var pageURL: String { info.finalURL ?? info.requestedURL }
}

/// Returns one unit of the fetcher's response budget when it is deallocated, so a consumer
/// releases it simply by dropping the response.
final class ResponseLease: Sendable {
    private let inbox: FetchInbox

    init(inbox: FetchInbox) {
        self.inbox = inbox
    }

    deinit {
        inbox.releaseHold()
    }
}
