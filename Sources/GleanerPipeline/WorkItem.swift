import Foundation

/// One queue entry being worked on: a page URL, a feed or sitemap to expand, a saved file,
/// or a record of a web archive (`FILE#OFFSET`).
struct WorkItem: Sendable {
    enum Kind: String, Sendable {
        case page, feed, sitemap, file, warc
    }

    var id: Int64
    var url: String
    var kind: Kind
    /// Host of the listing (or URL) that led here, for `same_host`.
    var origin: String?
    /// Title / date / language from the feed or news sitemap that listed the page.
    var listing: DiscoveredPage
    var etag: String?
    var lastModified: String?
    var bodyHash: String?

    /// `If-None-Match` / `If-Modified-Since` from the last fetch.
    var conditionalHeaders: [String] {
        var headers: [String] = []
        if let etag { headers.append("If-None-Match: \(etag)") }
        if let lastModified { headers.append("If-Modified-Since: \(lastModified)") }
        return headers
    }
}

/// The totals a run reports, kept in the `runs` row so a resumed run's summary covers the
/// work done before the interruption too.
public struct RunCounts: Sendable, Codable, Equatable {
    public var discovered = 0
    public var fetched = 0
    public var unchanged = 0
    public var extracted = 0
    public var filtered = 0
    public var duplicates = 0
    public var errors: [String: Int] = [:]
    /// URLs and records kept out by filters, by filter: `same_host`, `include`, `exclude`
    /// (URLs, before fetching) and `min_words`, `languages`, `published_after` (records).
    public var excluded: [String: Int] = [:]
    /// Earlier failures queued again because their backoff ran out (`retry_failed_after`).
    public var retried = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case discovered, fetched, unchanged, extracted, filtered, duplicates, errors, excluded, retried
    }

    /// Tolerates counts written before a key existed (a run resumed across an upgrade).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        discovered = try container.decodeIfPresent(Int.self, forKey: .discovered) ?? 0
        fetched = try container.decodeIfPresent(Int.self, forKey: .fetched) ?? 0
        unchanged = try container.decodeIfPresent(Int.self, forKey: .unchanged) ?? 0
        extracted = try container.decodeIfPresent(Int.self, forKey: .extracted) ?? 0
        filtered = try container.decodeIfPresent(Int.self, forKey: .filtered) ?? 0
        duplicates = try container.decodeIfPresent(Int.self, forKey: .duplicates) ?? 0
        errors = try container.decodeIfPresent([String: Int].self, forKey: .errors) ?? [:]
        excluded = try container.decodeIfPresent([String: Int].self, forKey: .excluded) ?? [:]
        retried = try container.decodeIfPresent(Int.self, forKey: .retried) ?? 0
    }

    public var errorCount: Int { errors.values.reduce(0, +) }

    static func decode(_ json: String) -> RunCounts {
        (try? JSONDecoder().decode(RunCounts.self, from: Data(json.utf8))) ?? RunCounts()
    }

    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public var summary: String {
        var line = "discovered \(discovered), fetched \(fetched), unchanged \(unchanged), extracted \(extracted), filtered \(filtered), duplicates \(duplicates), errors \(errorCount)"
        if !errors.isEmpty {
            line += " (" + errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }
        if retried > 0 { line += ", retried \(retried) earlier failures" }
        if !excluded.isEmpty {
            line += "; excluded by filters: " + excluded.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        return line
    }
}
