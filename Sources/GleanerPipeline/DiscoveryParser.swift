import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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
    /// The bytes handed to `XMLParser`. FoundationXML traps (it force-unwraps the UTF-8 decode
    /// of every element name) when libxml2 passes on a name that is not UTF-8, which it does
    /// for a document that declares no encoding and is not UTF-8 (the `discovery` fuzzer
    /// found `<\u{FF}…`). Such a document is repaired — invalid sequences become U+FFFD —
    /// before parsing; one that declares its encoding (ISO-8859-1, windows-1252, UTF-16) or
    /// starts with a UTF-16 byte-order mark is left to libxml2, which converts it to UTF-8.
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
        let delegate = XMLDiscoveryDelegate(baseURL: baseURL)
        guard let guarded = ProcessingInstructionGuard.guarded(Self.parseable(bytes)) else {
            throw DiscoveryError(code: "not_a_feed", message: "not RSS, Atom, JSON Feed or a sitemap: the document is in EBCDIC")
        }
        let parser = XMLParser(data: Data(guarded))
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        let ok = parser.parse()
        if delegate.discovery.format.isEmpty {
            // Where libxml2 stopped, not Foundation's bare "NSXMLParserErrorDomain error N".
            let detail = ok ? "the root element is not a feed or sitemap"
                : "XML syntax error at line \(parser.lineNumber), column \(parser.columnNumber)"
            throw DiscoveryError(code: "not_a_feed", message: "not RSS, Atom, JSON Feed or a sitemap: \(detail)")
        }
        let discovery = delegate.discovery
        if !ok && discovery.pages.isEmpty && discovery.sitemaps.isEmpty {
            // A listing the XML parser rejects before it yields anything is an error with the
            // parser's reason, not a quiet "nothing found". (Links read before a late error,
            // such as junk after the root element, are kept.)
            let reason = parser.parserError.map { $0.localizedDescription } ?? "parse error"
            throw DiscoveryError(
                code: "bad_feed",
                message: "\(discovery.format) document is not well-formed XML (line \(parser.lineNumber)): \(reason)")
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

/// SAX-style collection of links. Element names arrive without prefixes (namespaces are
/// processed), so `news:title` is `title` inside `news`; the namespace URI tells them apart.
final class XMLDiscoveryDelegate: NSObject, XMLParserDelegate {
    static let newsNamespace = "http://www.google.com/schemas/sitemap-news/0.9"
    static let atomNamespace = "http://www.w3.org/2005/Atom"

    let baseURL: String
    var discovery = Discovery()
    private var stack: [String] = []
    private var text = ""
    private var item: DiscoveredPage?
    private var itemLink: String?
    private var channelLanguage: String?

    init(baseURL: String) { self.baseURL = baseURL }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if stack.isEmpty {
            switch name {
            case "rss": discovery.format = "rss"
            case "RDF": discovery.format = "rdf"
            case "feed": discovery.format = "atom"
            case "urlset": discovery.format = "urlset"
            case "sitemapindex": discovery.format = "sitemapindex"
            default: parser.abortParsing()
            }
        }
        let isNews = namespaceURI == Self.newsNamespace
        stack.append(isNews ? "news:" + name : name)
        text = ""
        switch (discovery.format, name) {
        case ("rss", "item"), ("rdf", "item"), ("atom", "entry"), ("urlset", "url"):
            item = DiscoveredPage(url: "", language: channelLanguage)
            itemLink = nil
        case ("atom", "link") where item != nil:
            let rel = attributes["rel"] ?? "alternate"
            if rel == "alternate", let href = attributes["href"], itemLink == nil { itemLink = href }
        case ("rdf", "item"):
            break
        default:
            break
        }
        if discovery.format == "rdf", name == "item", let about = attributes["about"] ?? attributes["rdf:about"] {
            itemLink = about
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let value = text.trimmedWhitespace()
        let element = stack.popLast() ?? name
        text = ""
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
