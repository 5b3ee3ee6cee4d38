import GleanerModel

/// What a run hands its sinks for one input: the extraction result plus what the run
/// learned around it (canonical key, near-duplicate verdict, extra provenance objects, the
/// fetched exchange for archiving sinks). Sinks render it themselves — JSON lines, SQLite
/// rows, WARC records or a document format — so none depends on another's output.
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
    /// Extra top-level objects (e.g. `warc`), written after every other key.
    public var extras: [RecordExtra] = []
    /// The HTTP exchange behind the record, when a sink asked for it (`Sink.wantsExchange`).
    public var exchange: FetchedExchange?
    /// The JSON line rendered ahead of time on a worker thread, with its newline, so the
    /// single writing thread does not serialise the encoding; nil means render on demand.
    private var rendered: [UInt8]?

    public init(result: ExtractionResult, key: String, seenAt: String, simhash: UInt64? = nil, duplicateOf: String? = nil, similarity: Double? = nil) {
        self.result = result
        self.key = key
        self.seenAt = seenAt
        self.simhash = simhash
        self.duplicateOf = duplicateOf
        self.similarity = similarity
    }

    /// Renders `jsonLine` now (call last, after every field is set): workers do this so the
    /// writer only copies bytes.
    public mutating func prerender() {
        rendered = nil
        rendered = jsonLineBytes
    }

    /// The `gleaner.article/1` line, with `duplicate_of` and `similarity` appended after the
    /// documented keys when the record is a near-duplicate, then any extra objects.
    public var jsonLine: String {
        let bytes = jsonLineBytes
        return String(decoding: bytes[..<(bytes.count - 1)], as: UTF8.self)
    }

    /// `jsonLine` as UTF-8 bytes followed by a newline: what a JSON-lines file holds, ready
    /// to write without a `String` in between.
    public var jsonLineBytes: [UInt8] {
        if let rendered { return rendered }
        var line = ArticleJSON.lineBytes(for: result)
        if (duplicateOf != nil && similarity != nil) || !extras.isEmpty {
            var extra = JSONWriter(capacity: 256)
            extra.beginObject()
            if let duplicateOf, let similarity {
                extra.key("duplicate_of"); extra.string(duplicateOf)
                extra.key("similarity"); extra.double(similarity)
            }
            for item in extras {
                extra.key(escaping: item.key); extra.value(item.value)
            }
            extra.endObject()
            // Splice the two objects: drop the first's "}" and the second's "{".
            line.removeLast()
            line.append(UInt8(ascii: ","))
            line.append(contentsOf: extra.finish().dropFirst())
        }
        line.append(0x0A)
        return line
    }
}
