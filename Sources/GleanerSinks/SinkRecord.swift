import GleanerModel

/// What a pipeline hands its sinks for one input: the extraction result plus what the
/// pipeline learned around it (canonical key, near-duplicate verdict).
public struct SinkRecord: Sendable {
    public var result: ExtractionResult
    /// Upsert key of an article: its canonical URL, else its source.
    public var key: String
    /// Canonical URL of an earlier stored record this one copies (SimHash near-duplicate).
    public var duplicateOf: String?
    /// 1 − Hamming distance / 64 between the two SimHashes; set with `duplicateOf`.
    public var similarity: Double?
    /// 64-bit SimHash of the body, stored for later comparisons.
    public var simhash: UInt64?
    /// ISO 8601 UTC time this run saw the record.
    public var seenAt: String

    public init(result: ExtractionResult, key: String, seenAt: String, simhash: UInt64? = nil, duplicateOf: String? = nil, similarity: Double? = nil) {
        self.result = result
        self.key = key
        self.seenAt = seenAt
        self.simhash = simhash
        self.duplicateOf = duplicateOf
        self.similarity = similarity
    }

    /// The `gleaner.article/1` line, with `duplicate_of` and `similarity` appended after the
    /// documented keys when the record is a near-duplicate.
    public var jsonLine: String {
        let line = ArticleJSON.line(for: result)
        guard let duplicateOf, let similarity else { return line }
        var extra = JSONWriter(capacity: duplicateOf.utf8.count + 64)
        extra.beginObject()
        extra.key("duplicate_of"); extra.string(duplicateOf)
        extra.key("similarity"); extra.double(similarity)
        extra.endObject()
        // Splice the two objects: drop the first's "}" and the second's "{".
        return String(line.dropLast()) + "," + String(extra.output.dropFirst())
    }
}
