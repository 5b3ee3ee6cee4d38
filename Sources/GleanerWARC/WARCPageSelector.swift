import GleanerModel

/// Decides which WARC records are pages to extract and turns them into `WARCPage`s:
/// `response` records with an HTML payload (by the stored Content-Type, sniffed when there is
/// none) and `resource` records of HTML. `request`, `metadata`, `warcinfo` are skipped;
/// `revisit` records are skipped and counted, since they point at a payload stored elsewhere.
public struct WARCPageSelector: Sendable {
    /// HTTP statuses accepted; nil means any 2xx.
    public var statuses: Set<Int>?
    /// Keep payloads whatever their type (JSON, plain text, …).
    public var includeNonHTML: Bool
    /// Budget for a decoded payload (gzip/br bombs stop here).
    public var maximumPayloadBytes: Int

    public init(statuses: Set<Int>? = nil, includeNonHTML: Bool = false, maximumPayloadBytes: Int = 64 * 1024 * 1024) {
        self.statuses = statuses
        self.includeNonHTML = includeNonHTML
        self.maximumPayloadBytes = maximumPayloadBytes
    }

    public enum Outcome: Sendable {
        case page(WARCPage)
        case failure(WARCFailure)
        case skipped(SkipReason)
    }

    public enum SkipReason: String, Sendable, CaseIterable {
        case revisit, otherType = "other_type", status, notHTML = "not_html"
    }

    public func select(_ record: WARCRecord, file: String) -> Outcome {
        let rules = SelectionRules.shared
        var origin = WARCOrigin(
            file: file, offset: record.offset, length: record.length, recordID: record.recordID,
            targetURI: record.targetURI, date: record.date, status: nil, truncated: record.truncated)
        switch record.type {
        case "revisit":
            return .skipped(.revisit)
        case "resource":
            if record.isOversized { return .failure(oversized(record, origin: origin)) }
            // A resource record has no HTTP status; the status filter counts it as a 200.
            if let statuses, !statuses.contains(200) { return .skipped(.status) }
            let type = record.headers["Content-Type"].map(SelectionRules.parseContentType)
            let body = record.block
            if !includeNonHTML {
                if let type, !type.mediaType.isEmpty {
                    guard rules.htmlMediaTypes.contains(type.mediaType) else { return .skipped(.notHTML) }
                } else if !rules.sniffsAsHTML(body[...]) {
                    return .skipped(.notHTML)
                }
            }
            return .page(WARCPage(url: record.targetURI ?? "", body: body, charset: type?.charset, contentType: record.headers["Content-Type"], origin: origin))
        case "response":
            if record.isOversized { return .failure(oversized(record, origin: origin)) }
            guard let message = HTTPMessage.parse(record.block), let status = message.status else {
                // dns:, whois: and other non-HTTP responses.
                return .skipped(.otherType)
            }
            origin.status = status
            if let statuses { guard statuses.contains(status) else { return .skipped(.status) } }
            else if !(200...299).contains(status) { return .skipped(.status) }
            let contentType = message.headers["Content-Type"]
            let type = contentType.map(SelectionRules.parseContentType)
            if !includeNonHTML, let type, !type.mediaType.isEmpty, !rules.htmlMediaTypes.contains(type.mediaType) {
                return .skipped(.notHTML)
            }
            var body = Array(record.block[message.payloadOffset...])
            if let transfer = message.headers["Transfer-Encoding"], transfer.lowercased().contains("chunked"),
               let joined = ContentDecoder.dechunk(body[...]) {
                body = joined
            }
            if let encoding = message.headers["Content-Encoding"] {
                for step in encoding.split(separator: ",").reversed() {
                    let name = String(step).trimmedWARCWhitespace()
                    do {
                        body = try ContentDecoder.decode(body, encoding: name, limit: maximumPayloadBytes)
                    } catch {
                        // Some crawlers decode the payload but keep the header: use it as is when it is HTML.
                        if rules.sniffsAsHTML(body[...]) { break }
                        return .failure(WARCFailure(code: "bad_encoding", message: "Content-Encoding \(name): \(error.message)", offset: record.offset, origin: origin))
                    }
                }
            }
            if !includeNonHTML, type == nil || type!.mediaType.isEmpty, !rules.sniffsAsHTML(body[...]) {
                return .skipped(.notHTML)
            }
            return .page(WARCPage(url: record.targetURI ?? "", body: body, charset: type?.charset, contentType: contentType, origin: origin))
        default:
            return .skipped(.otherType)
        }
    }

    private func oversized(_ record: WARCRecord, origin: WARCOrigin) -> WARCFailure {
        WARCFailure(code: "too_large", message: "the record's block exceeds the reader's budget", offset: record.offset, origin: origin)
    }
}
