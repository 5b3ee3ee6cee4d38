import GleanerModel

/// A record that qualifies for extraction: the decoded HTML payload, the page URL, the
/// charset from the stored Content-Type, and where it came from.
public struct WARCPage: Sendable {
    /// `WARC-Target-URI`: the page URL (canonical fallback and base for links).
    public var url: String
    /// The payload with chunking and Content-Encoding undone.
    public var body: [UInt8]
    /// The `charset` parameter of the stored Content-Type (it outranks `<meta>`, as in scrape).
    public var charset: String?
    public var contentType: String?
    public var origin: WARCOrigin
}
