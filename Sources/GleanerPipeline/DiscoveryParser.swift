import Foundation
import GleanerHTML

/// A page link found in a feed or sitemap, with what the listing says about it. Google News
/// sitemaps and feeds carry title, date and language; they fill the record's fields when
/// the page itself lacks them.
public struct DiscoveredPage: Sendable, Equatable {
    public var url: String
    public var title: String?
    public var published: String?
    public var language: String?

    public init(url: String, title: String? = nil, published: String? = nil, language: String? = nil) {
        self.url = url
        self.title = title
        self.published = published
        self.language = language
    }
}

/// What one feed or sitemap document lists: pages, and (sitemap indexes) further sitemaps.
public struct Discovery: Sendable, Equatable {
    public var pages: [DiscoveredPage] = []
    public var sitemaps: [String] = []
    /// Feeds an HTML page declares (`<link rel="alternate">`) when it was given as a feed.
    public var feeds: [String] = []
    /// The document's format, for messages: `rss`, `atom`, `rdf`, `jsonfeed`, `urlset`, `sitemapindex`.
    public var format = ""
}

/// A feed or sitemap that could not be read: `code` goes into the error record (`not_a_feed`, …).
public struct DiscoveryError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var description: String { "\(code): \(message)" }
}

/// Reads RSS 2.0, RSS 1.0 (RDF), Atom, JSON Feed, sitemap `urlset` (with the Google News
/// extension) and sitemap indexes from bytes, whichever the document turns out to be — a
/// "feed" may well be a sitemap and vice versa, so the root element decides.
public enum DiscoveryParser {
    /// The bytes handed to the XML reader. libxml2 stops at the first byte that is not UTF-8
    /// in a document that declares no encoding; such a document (a feed saved or served in a
    /// legacy charset without saying so) is repaired — invalid sequences become U+FFFD — so
    /// its links are still read. One that declares its encoding (ISO-8859-1, windows-1252,
    /// UTF-16) or starts with a UTF-16 byte-order mark is left to libxml2, which converts it.
    static func parseable(_ bytes: [UInt8]) -> [UInt8] {
        if String(validating: bytes, as: UTF8.self) != nil { return bytes }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return bytes }
        let head = String(decoding: bytes.prefix(256), as: UTF8.self).lowercased()
        if head.hasPrefix("<?xml"), let end = head.range(of: "?>"), let declared = head[..<end.lowerBound].range(of: "encoding") {
            let value = head[declared.upperBound..<end.lowerBound]
            if !value.contains("utf-8") && !value.contains("utf8") { return bytes }
        }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    public static func parse(_ bytes: [UInt8], baseURL: String) throws(DiscoveryError) -> Discovery {
        let firstByte = bytes.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        if firstByte == UInt8(ascii: "{") { return try parseJSONFeed(bytes, baseURL: baseURL) }
        let collector = ListingCollector(baseURL: baseURL)
        let outcome = XMLEventReader.read(Self.parseable(bytes), into: collector)
        if collector.discovery.format.isEmpty {
            let detail: String
            if let root = collector.root {
                detail = "the root element <\(root)> is not a feed or sitemap"
            } else if let error = outcome.error {
                // Where libxml2 stopped and why.
                detail = "XML syntax error at line \(outcome.line), column \(outcome.column): \(error)"
            } else {
                detail = "no root element"
            }
            throw DiscoveryError(code: "not_a_feed", message: "not RSS, Atom, JSON Feed or a sitemap: \(detail)")
        }
        let discovery = collector.discovery
        if !outcome.wellFormed && discovery.pages.isEmpty && discovery.sitemaps.isEmpty {
            // A listing the XML parser rejects before it yields anything is an error with the
            // parser's reason, not a quiet "nothing found". (Links read before a late error,
            // such as junk after the root element, are kept.)
            throw DiscoveryError(
                code: "bad_feed",
                message: "\(discovery.format) document is not well-formed XML (line \(outcome.line)): \(outcome.error ?? "parse error")")
        }
        return discovery
    }

    static func parseJSONFeed(_ bytes: [UInt8], baseURL: String) throws(DiscoveryError) -> Discovery {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let items = object["items"] as? [[String: Any]]
        else {
            throw DiscoveryError(code: "not_a_feed", message: "JSON without a JSON Feed `items` list")
        }
        var discovery = Discovery(format: "jsonfeed")
        let language = object["language"] as? String
        for item in items {
            guard let link = (item["url"] as? String) ?? (item["external_url"] as? String) ?? (item["id"] as? String),
                let url = resolve(link, base: baseURL)
            else { continue }
            discovery.pages.append(DiscoveredPage(
                url: url, title: item["title"] as? String, published: item["date_published"] as? String,
                language: (item["language"] as? String) ?? language))
        }
        return discovery
    }

    static func resolve(_ link: String, base: String) -> String? {
        let trimmed = link.trimmedWhitespace()
        guard !trimmed.isEmpty, let url = URL(string: trimmed, relativeTo: URL(string: base)) else { return nil }
        let absolute = url.absoluteString
        guard absolute.hasPrefix("http://") || absolute.hasPrefix("https://") else { return nil }
        return absolute
    }
}

/// Collects the links of a listing as the XML streams by. Element names arrive without
/// prefixes, so `news:title` is `title` inside `news`; the namespace URI tells them apart.
final class ListingCollector: XMLEventHandler {
    static let newsNamespace = "http://www.google.com/schemas/sitemap-news/0.9"

    let baseURL: String
    var discovery = Discovery()
    /// The root element's name, once seen.
    private(set) var root: String?
    private var stack: [String] = []
    private var text: [UInt8] = []
    private var item: DiscoveredPage?
    private var itemLink: String?
    private var channelLanguage: String?

    init(baseURL: String) { self.baseURL = baseURL }

    func startElement(_ name: String, namespace: String?, attributes: [XMLAttribute]) -> Bool {
        if stack.isEmpty {
            root = name
            switch name {
            case "rss": discovery.format = "rss"
            case "RDF": discovery.format = "rdf"
            case "feed": discovery.format = "atom"
            case "urlset": discovery.format = "urlset"
            case "sitemapindex": discovery.format = "sitemapindex"
            default: return false
            }
        }
        stack.append(namespace == Self.newsNamespace ? "news:" + name : name)
        text.removeAll(keepingCapacity: true)
        switch (discovery.format, name) {
        case ("rss", "item"), ("rdf", "item"), ("atom", "entry"), ("urlset", "url"):
            item = DiscoveredPage(url: "", language: channelLanguage)
            itemLink = nil
            if discovery.format == "rdf", let about = attributes.first(where: { $0.name == "about" }) {
                itemLink = about.value
            }
        case ("atom", "link") where item != nil:
            let rel = attributes.first { $0.name == "rel" && $0.prefix == nil }?.value ?? "alternate"
            if rel == "alternate", itemLink == nil, let href = attributes.first(where: { $0.name == "href" && $0.prefix == nil }) {
                itemLink = href.value
            }
        default:
            break
        }
        return true
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: bytes) }

    func endElement(_ name: String, namespace: String?) {
        let value = String(decoding: text, as: UTF8.self).trimmedWhitespace()
        let element = stack.popLast() ?? name
        text.removeAll(keepingCapacity: true)
        let format = discovery.format
        if item != nil {
            switch (format, element) {
            case ("rss", "link"), ("rdf", "link"), ("urlset", "loc"):
                if !value.isEmpty { itemLink = value }
            case ("rss", "guid") where itemLink == nil && value.hasPrefix("http"):
                itemLink = value
            case ("rss", "title"), ("rdf", "title"), ("atom", "title"), ("urlset", "news:title"):
                if !value.isEmpty { item?.title = value }
            case ("rss", "pubDate"), ("rdf", "date"), ("atom", "published"), ("urlset", "news:publication_date"):
                if !value.isEmpty { item?.published = value }
            case ("atom", "updated"):
                if item?.published == nil, !value.isEmpty { item?.published = value }
            case ("urlset", "news:language"):
                if !value.isEmpty { item?.language = value }
            case ("rss", "item"), ("rdf", "item"), ("atom", "entry"), ("urlset", "url"):
                if var page = item, let link = itemLink, let url = DiscoveryParser.resolve(link, base: baseURL) {
                    page.url = url
                    discovery.pages.append(page)
                }
                item = nil
            default:
                break
            }
        } else if format == "sitemapindex", element == "loc", let url = DiscoveryParser.resolve(value, base: baseURL) {
            discovery.sitemaps.append(url)
        } else if element == "language", !value.isEmpty {
            channelLanguage = value
        }
    }
}
