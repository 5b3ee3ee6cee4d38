import GleanerModel

extension JSONWriter {
    /// Writes the `fetch` key and object, last in both article and error records so the
    /// documented order of the other keys is unchanged. Records of pages read from disk
    /// have no `fetch` key.
    mutating func fetch(_ info: FetchInfo) {
        key("fetch")
        beginObject()
        key("requested_url"); string(info.requestedURL)
        key("final_url"); string(info.finalURL)
        key("status"); int(info.status)
        key("redirects"); int(info.redirects)
        key("content_type"); string(info.contentType)
        key("bytes"); int(info.bytes)
        key("elapsed_ms"); int(info.elapsedMilliseconds)
        key("fetched_at"); string(info.fetchedAt)
        key("attempts"); int(info.attempts)
        if info.insecure { key("insecure"); bool(true) }
        endObject()
    }
}
