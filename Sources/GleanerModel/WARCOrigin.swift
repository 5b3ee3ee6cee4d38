/// Where a record's page was read from in a WARC file: written as the record's `warc` object
/// by `gleaner extract` on web archives, so a consumer can seek straight back to the bytes
/// (`offset` + `length` is what a CDX index stores).
public struct WARCOrigin: Sendable, Equatable {
    public var file: String
    /// Byte offset of the record (of its gzip member in a `.warc.gz`).
    public var offset: Int
    /// Bytes on disk of the record (its gzip member); nil when not known.
    public var length: Int?
    public var recordID: String?
    public var targetURI: String?
    /// `WARC-Date`, as stored.
    public var date: String?
    /// HTTP status of a `response` record; nil for a `resource` record.
    public var status: Int?
    /// `WARC-Truncated`'s reason when the record was cut short; the page is still extracted.
    public var truncated: String?

    public init(
        file: String, offset: Int, length: Int? = nil, recordID: String? = nil, targetURI: String? = nil,
        date: String? = nil, status: Int? = nil, truncated: String? = nil
    ) {
        self.file = file
        self.offset = offset
        self.length = length
        self.recordID = recordID
        self.targetURI = targetURI
        self.date = date
        self.status = status
        self.truncated = truncated
    }

    /// The record's `source`: `FILE#OFFSET`.
    public var source: String { "\(file)#\(offset)" }
}
