import Foundation
import GleanerHTML

/// The links of an HTML page that discovery cares about: feeds it declares with
/// `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`, and its `<a href>`
/// targets, both made absolute against the page URL (or its `<base href>`).
struct PageLinks {
    var feeds: [String] = []
    var anchors: [String] = []

    init(html: [UInt8], pageURL: String, feedTypes: [String]) {
        guard let document = try? HTMLDocument.parse(html: html) else { return }
        var base = pageURL
        if let href = (try? document.xpath("//base[@href]"))?.first?.attribute("href"),
            let resolved = DiscoveryParser.resolve(href, base: pageURL)
        {
            base = resolved
        }
        for link in (try? document.xpath("//link[@href and @rel]")) ?? [] {
            let rel = (link.attribute("rel") ?? "").lowercased().split(separator: " ")
            let type = (link.attribute("type") ?? "").lowercased().trimmingCharacters(in: .whitespaces)
            guard rel.contains("alternate"), feedTypes.contains(type),
                let href = link.attribute("href"), let url = DiscoveryParser.resolve(href, base: base), !feeds.contains(url)
            else { continue }
            feeds.append(url)
        }
        var seen: Set<String> = []
        for anchor in (try? document.xpath("//a[@href]")) ?? [] {
            guard let href = anchor.attribute("href"), let url = DiscoveryParser.resolve(href, base: base) else { continue }
            let withoutFragment = url.split(separator: "#", maxSplits: 1).first.map(String.init) ?? url
            if seen.insert(withoutFragment).inserted { anchors.append(withoutFragment) }
        }
    }

    /// True when the bytes are an HTML page rather than XML or JSON: a feed URL that answers
    /// with the site's home page should be reported as such, not as an XML syntax error.
    static func isHTML(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        guard let start = head.firstIndex(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }), head[start] == "<" else { return false }
        // An XML declaration means a feed or sitemap (whatever HTML its items quote).
        if head[start...].hasPrefix("<?xml") { return false }
        return head.contains("<!doctype html") || head.contains("<html") || head.contains("<head") || head.contains("<body")
    }
}
