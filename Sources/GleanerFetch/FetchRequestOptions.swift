/// Per-request additions for callers that need more than a plain page fetch: the pipeline's
/// conditional re-fetches (`If-None-Match`, `If-Modified-Since`) and its feed and sitemap
/// downloads, which are XML or JSON rather than HTML.
public struct FetchRequestOptions: Sendable, Equatable {
    /// Extra request header lines, e.g. `If-None-Match: "abc"`.
    public var headers: [String]
    /// Accept a 2xx response of any Content-Type (feeds, sitemaps) instead of failing with
    /// `unsupported_content_type`.
    public var acceptAnyContentType: Bool

    public init(headers: [String] = [], acceptAnyContentType: Bool = false) {
        self.headers = headers
        self.acceptAnyContentType = acceptAnyContentType
    }
}
