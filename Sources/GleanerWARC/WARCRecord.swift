/// One WARC record as read from a file: where it sits, its header fields, its content block.
public struct WARCRecord: Sendable {
    /// Byte offset in the file: of the record's gzip member in a compressed file (the offset
    /// a CDX index stores), of the record itself in a plain file. In a gzip member that holds
    /// several records (whole-file gzip) records after the first carry their decoded offset.
    public var offset: Int
    /// Bytes on disk from `offset` to the end of the record (its whole gzip member when the
    /// record is alone in one); nil when unknown (a record inside a larger member).
    public var length: Int?
    /// `WARC/1.0` or `WARC/1.1`.
    public var version: String
    public var headers: WARCHeaders
    /// The content block; for a record larger than the reader's budget, empty (see `isOversized`).
    public var block: [UInt8]
    /// The block exceeded the reader's `maximumRecordBytes` and was skipped, not stored.
    public var isOversized = false

    public var type: String { headers["WARC-Type"]?.lowercased() ?? "" }
    public var targetURI: String? {
        guard var uri = headers["WARC-Target-URI"] else { return nil }
        // WARC 1.0 writers (and some 1.1 ones) wrap the URI in angle brackets.
        if uri.hasPrefix("<") && uri.hasSuffix(">") { uri = String(uri.dropFirst().dropLast()) }
        return uri
    }
    public var recordID: String? { headers["WARC-Record-ID"] }
    public var date: String? { headers["WARC-Date"] }
    /// `WARC-Truncated`'s reason (`length`, `time`, `disconnect`, `unspecified`), if any.
    public var truncated: String? { headers["WARC-Truncated"] }
}
