import Foundation
import GleanerInput
import GleanerFetch

/// What discovery found on one site: its sitemaps and feeds (each read and checked), the
/// article pages they list, and — only when the site has neither — article URLs from a
/// bounded crawl of its own pages.
public struct SiteDiscovery: Sendable {
    /// A sitemap or feed that answered and parsed.
    public struct Listing: Sendable, Equatable {
        public var url: String
        /// How it was found: `robots.txt`, `well-known path`, `link rel=alternate`.
        public var foundBy: String
        /// `rss`, `atom`, `rdf`, `jsonfeed`, `urlset` or `sitemapindex`.
        public var format: String
        public var pageCount: Int
        /// Sitemaps a sitemap index lists (read later by the pipeline, printed by `discover`).
        public var sitemaps: [String]
    }

    public var site: String
    public var sitemaps: [Listing] = []
    public var feeds: [Listing] = []
    /// Every page the listings name, first listing first, without repeats.
    public var pages: [DiscoveredPage] = []
    /// Article-looking URLs from the crawl (empty when the site has sitemaps or feeds).
    public var crawled: [String] = []
    /// Pages fetched by the crawl, the home page included.
    public var crawledPages = 0
    /// What did not work, for the user: the home page failing, a declared feed not parsing.
    public var notes: [String] = []

    /// Sitemap-index children, not yet read.
    public var nestedSitemaps: [String] { sitemaps.flatMap(\.sitemaps) }
    public var foundListings: Bool { !sitemaps.isEmpty || !feeds.isEmpty }
}

/// Finds where a site lists its articles, as trafilatura, newspaper4k and news-please do:
/// robots.txt `Sitemap:` lines, the well-known sitemap paths, `<link rel="alternate">` feeds
/// on the home page, then the common feed paths of the big CMSs (`Rules/SiteDiscovery.json`).
/// A site with none of these gets a bounded same-host crawl that keeps URLs shaped like
/// articles. Every request goes through the given `Fetcher`, so robots.txt, per-host limits
/// and delays hold exactly as for `scrape`.
public struct SiteDiscoverer: Sendable {
    public let fetcher: Fetcher
    /// Link levels followed from the home page (1: only its own links).
    public var crawlDepth: Int
    /// Pages the crawl may fetch, the home page included.
    public var crawlMaxPages: Int
    /// Article URLs the crawl collects at most.
    public var crawlMaxArticles: Int
    let rules: SiteDiscoveryRules

    public init(fetcher: Fetcher, crawlDepth: Int? = nil, crawlMaxPages: Int? = nil) {
        let rules = SiteDiscoveryRules.shipped
        self.fetcher = fetcher
        self.rules = rules
        self.crawlDepth = max(1, crawlDepth ?? rules.crawlDepth)
        self.crawlMaxPages = max(1, crawlMaxPages ?? rules.crawlMaxPages)
        crawlMaxArticles = rules.crawlMaxArticles
    }

    /// The site's root (`scheme://host[:port]/`), where robots.txt and sitemaps live.
    static func origin(of url: String) -> String? {
        guard var components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else { return nil }
        components.path = "/"
        components.query = nil
        components.fragment = nil
        components.user = nil
        components.password = nil
        return components.string
    }

    public func discover(_ site: String) -> SiteDiscovery {
        var result = SiteDiscovery(site: site)
        guard let origin = Self.origin(of: site) else {
            result.notes.append("not an http(s) URL: \(site)")
            return result
        }
        let root = String(origin.dropLast())  // without the trailing slash
        // Round 1: robots.txt, the home page and the well-known sitemap paths, together.
        let probes = rules.sitemapPaths.map { root + $0 }
        let first = fetchAll([root + "/robots.txt"] + [site] + probes, listing: [true, false] + probes.map { _ in true })
        let robots = first[0].failure == nil ? RobotsTxt(String(decoding: first[0].body, as: UTF8.self)) : nil
        let home = first[1]
        if let failure = home.failure { result.notes.append("home page \(site): \(failure.code.name): \(failure.message)") }

        // Sitemaps: robots.txt's own first, then the probes that parse.
        var probed: [String: FetchResponse] = [:]
        for (index, url) in probes.enumerated() { probed[url] = first[2 + index] }
        let declared = (robots?.sitemaps ?? []).compactMap { DiscoveryParser.resolve($0, base: origin) }
        let declaredResponses = fetchAll(declared.filter { probed[$0] == nil }, listing: true)
        var remaining = declaredResponses[...]
        for url in declared {
            let response = probed[url] ?? remaining.popFirst()!
            add(url, response, foundBy: "robots.txt", to: &result)
        }
        for url in probes where !declared.contains(url) {
            add(url, probed[url]!, foundBy: "well-known path", to: &result, quiet: true)
        }

        // Feeds: those the home page declares, else (no sitemap either) the common CMS paths.
        let links = home.failure == nil ? PageLinks(html: home.body, pageURL: home.pageURL, feedTypes: rules.feedTypes) : PageLinks(html: [], pageURL: site, feedTypes: [])
        if !links.feeds.isEmpty {
            for (url, response) in zip(links.feeds, fetchAll(links.feeds, listing: true)) {
                add(url, response, foundBy: "link rel=alternate", to: &result)
            }
        } else if result.sitemaps.isEmpty {
            // Guessing costs a request per path: only when the sitemaps gave nothing either.
            let paths = rules.feedPaths.map { root + $0 }
            for (url, response) in zip(paths, fetchAll(paths, listing: true)) {
                add(url, response, foundBy: "well-known path", to: &result, quiet: true)
            }
        }
        if result.foundListings || home.failure != nil { return result }
        crawl(from: home, links: links, into: &result)
        return result
    }

    /// Reads one candidate listing; keeps it when it parses as a sitemap or feed.
    private func add(_ url: String, _ response: FetchResponse, foundBy: String, to result: inout SiteDiscovery, quiet: Bool = false) {
        if let failure = response.failure {
            if !quiet { result.notes.append("\(url): \(failure.code.name): \(failure.message)") }
            return
        }
        var bytes = response.body
        if Gzip.isGzip(bytes), let plain = try? Gzip.decompress(bytes, limit: ItemProcessor.maxListingBytes) { bytes = plain }
        guard let discovery = try? DiscoveryParser.parse(bytes, baseURL: response.pageURL) else {
            if !quiet { result.notes.append("\(url): not a feed or sitemap") }
            return
        }
        let listing = SiteDiscovery.Listing(
            url: url, foundBy: foundBy, format: discovery.format, pageCount: discovery.pages.count, sitemaps: discovery.sitemaps)
        let isSitemap = discovery.format == "urlset" || discovery.format == "sitemapindex"
        if isSitemap {
            guard !result.sitemaps.contains(where: { $0.url == url }) else { return }
            result.sitemaps.append(listing)
        } else {
            guard !result.feeds.contains(where: { $0.url == url }) else { return }
            result.feeds.append(listing)
        }
        var known = Set(result.pages.map(\.url))
        for page in discovery.pages where known.insert(page.url).inserted { result.pages.append(page) }
    }

    /// Breadth-first over same-host links, `crawlDepth` levels from the home page, fetching
    /// at most `crawlMaxPages` pages: article-shaped URLs are collected (not fetched), the
    /// other links are the next level's pages.
    private func crawl(from home: FetchResponse, links: PageLinks, into result: inout SiteDiscovery) {
        let host = Self.siteHost(home.pageURL)
        let shapes = SiteDiscoveryRules.compiled
        var visited: Set<String> = [home.info.requestedURL, home.pageURL]
        var articles: Set<String> = []
        var level = links.anchors
        result.crawledPages = 1
        for depth in 1...crawlDepth {
            var next: [String] = []
            for url in level where Self.siteHost(url) == host && !visited.contains(url) {
                if shapes.looksLikeArticle(url) {
                    if articles.count < crawlMaxArticles, articles.insert(url).inserted { result.crawled.append(url) }
                } else if depth < crawlDepth, !next.contains(url) {
                    next.append(url)
                }
            }
            let budget = crawlMaxPages - result.crawledPages
            guard !next.isEmpty, budget > 0 else { break }
            next = Array(next.prefix(budget))
            visited.formUnion(next)
            level = []
            for response in fetchAll(next, listing: false) where response.failure == nil {
                result.crawledPages += 1
                level += PageLinks(html: response.body, pageURL: response.pageURL, feedTypes: []).anchors
            }
        }
    }

    /// The host without a leading `www.`, so `example.org` and `www.example.org` are one site.
    static func siteHost(_ url: String) -> String? {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// Fetches all `urls` at once (the fetcher applies the politeness rules) and waits.
    /// `listing`: any content type is accepted (XML, JSON, text).
    private func fetchAll(_ urls: [String], listing: Bool) -> [FetchResponse] {
        fetchAll(urls, listing: urls.map { _ in listing })
    }

    private func fetchAll(_ urls: [String], listing: [Bool]) -> [FetchResponse] {
        let collected = ResponseCollector(count: urls.count)
        let group = DispatchGroup()
        for (index, url) in urls.enumerated() {
            group.enter()
            fetcher.submit(url, options: FetchRequestOptions(acceptAnyContentType: listing[index])) { response in
                collected.set(index, response)
                group.leave()
            }
        }
        group.wait()
        return collected.responses
    }
}

/// Responses arriving on the fetcher's thread, gathered by index.
private final class ResponseCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [FetchResponse?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ response: FetchResponse) {
        lock.lock()
        slots[index] = response
        lock.unlock()
    }

    var responses: [FetchResponse] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

extension SiteDiscovery {
    /// One line for logs: what the site offered and how many article pages that gave.
    public var summary: String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        if foundListings {
            return "\(plural(sitemaps.count, "sitemap")), \(plural(feeds.count, "feed")), \(plural(pages.count, "page")) listed"
                + (nestedSitemaps.isEmpty ? "" : ", \(plural(nestedSitemaps.count, "nested sitemap")) to read")
        }
        if !notes.isEmpty && crawledPages == 0 { return "nothing found (" + notes.joined(separator: "; ") + ")" }
        return "no sitemaps or feeds; crawled \(plural(crawledPages, "page")), \(plural(crawled.count, "article link")) found"
    }
}
