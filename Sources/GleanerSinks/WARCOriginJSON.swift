import GleanerModel

extension JSONWriter {
    /// Writes the `warc` key and object, last in records read from a web archive (after
    /// `fetch`, which such records never have), so the documented order is unchanged.
    mutating func warc(_ origin: WARCOrigin) {
        key("warc")
        beginObject()
        key("file"); string(origin.file)
        key("offset"); int(origin.offset)
        key("length"); int(origin.length)
        key("record_id"); string(origin.recordID)
        key("target_uri"); string(origin.targetURI)
        key("date"); string(origin.date)
        key("status"); int(origin.status)
        if let truncated = origin.truncated {
            key("truncated"); string(truncated)
        }
        endObject()
    }
}
