import GleanerModel
/// A problem in a WARC file at a byte offset: a corrupt gzip member, a bad header block, a
/// record cut short. The reader reports it as a value and carries on with the next record.
public struct WARCFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes: `bad_gzip`, `bad_header`, `missing_length`, `truncated_record`,
    /// `length_mismatch`, `too_large`, `not_warc`, `unsupported_format`, `not_found`, `unreadable`.
    public var code: String
    public var message: String
    /// Byte offset in the file of the record (its gzip member for compressed files).
    public var offset: Int
    /// The record's provenance when its headers were read (a payload that fails to decode,
    /// an oversized block): the error record then carries the target URI, record id and date.
    public var origin: WARCOrigin?

    public init(code: String, message: String, offset: Int, origin: WARCOrigin? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.origin = origin
    }

    public var description: String { "offset \(offset): \(code): \(message)" }
}
