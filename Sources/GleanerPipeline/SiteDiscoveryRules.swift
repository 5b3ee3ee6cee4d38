import Foundation
import GleanerModel

/// Where sites keep their listings and what an article URL looks like, from
/// `Rules/SiteDiscovery.json` (each list says which CMS or convention it comes from).
/// Decoded once; the patterns are compiled once.
struct SiteDiscoveryRules: Decodable, Sendable {
    var sitemapPaths: [String]
    var feedPaths: [String]
    var feedTypes: [String]
    var articlePathPatterns: [String]
    var listingPathPatterns: [String]
    var crawlDepth: Int
    var crawlMaxPages: Int
    var crawlMaxArticles: Int

    static let shipped: SiteDiscoveryRules = RuleFile.decode(
        PackageResources.SiteDiscovery_json, as: SiteDiscoveryRules.self, name: "SiteDiscovery.json")

    /// The URL shapes, compiled once (shipped patterns are known to compile).
    static let compiled = CompiledURLShapes(shipped)
}

/// Article vs listing URL shapes as regular expressions, matched on the lower-cased path
/// and query of a URL.
struct CompiledURLShapes: @unchecked Sendable {
    // NSRegularExpression is immutable and documented thread-safe; it is not marked Sendable.
    let article: [NSRegularExpression]
    let listing: [NSRegularExpression]

    init(_ rules: SiteDiscoveryRules) {
        article = rules.articlePathPatterns.map { try! NSRegularExpression(pattern: $0) }
        listing = rules.listingPathPatterns.map { try! NSRegularExpression(pattern: $0) }
    }

    /// True when the URL's path looks like one story rather than a section, tag or account page.
    func looksLikeArticle(_ url: String) -> Bool {
        guard let components = URLComponents(string: url) else { return false }
        var path = components.percentEncodedPath.removingPercentEncoding ?? components.percentEncodedPath
        if let query = components.percentEncodedQuery { path += "?" + query }
        path = path.lowercased()
        let range = NSRange(path.startIndex..., in: path)
        if listing.contains(where: { $0.firstMatch(in: path, range: range) != nil }) { return false }
        return article.contains { $0.firstMatch(in: path, range: range) != nil }
    }
}
