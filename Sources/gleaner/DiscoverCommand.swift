import ArgumentParser
import Foundation
import GleanerFetch
import GleanerPipeline

/// `gleaner discover URL…`: shows where sites list their articles, as `sources.sites` in a
/// pipeline would find them — so a user can see what a site offers before writing one.
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find a site's sitemaps, feeds and article pages.",
        discussion: """
            Looks at robots.txt Sitemap: lines, /sitemap.xml, /sitemap_index.xml, \
            /news-sitemap.xml, the <link rel="alternate"> feeds of the home page and, when it \
            declares none, the common feed paths of the big CMSs. A site with no sitemap and no \
            feed is crawled (same host, --crawl-depth levels, at most --max-pages pages) for \
            links shaped like articles. Politeness is as for scrape (robots.txt, --delay).

            Output, one per line: "sitemap URL (how found, format, N pages)", "feed URL (…)", \
            "page URL" for every listed or crawled article page, "note …" for what failed. \
            With --urls only the page URLs are printed (input for scrape --urls -).

            Exit status: 0 when every site gave pages, 1 when some gave none, 2 for usage errors.
            """
    )

    @Argument(help: "Home pages of the sites (http or https).")
    var sites: [String]

    @Option(name: .customLong("crawl-depth"), help: "Link levels followed from the home page when a site lists nothing.")
    var crawlDepth: Int?

    @Option(name: .customLong("max-pages"), help: "Pages the crawl may fetch per site, the home page included.")
    var maxPages: Int?

    @Flag(help: "Print only the article page URLs.")
    var urls = false

    @Option(help: ArgumentHelp("Seconds between requests to one host.", valueName: "SECONDS"))
    var delay: Double = 1

    @Flag(name: .customLong("ignore-robots"), help: "Do not fetch or obey robots.txt (it is still read for Sitemap: lines).")
    var ignoreRobots = false

    @Option(help: ArgumentHelp("Trust the CA certificates in this PEM file (as for scrape).", valueName: "FILE"))
    var cacert: String?

    @Flag(help: "Do not verify certificates or host names.")
    var insecure = false

    func validate() throws {
        for site in sites {
            guard let components = URLComponents(string: site), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
                components.host?.isEmpty == false
            else { throw ValidationError("not an http(s) URL: \(site)") }
        }
        if let crawlDepth, crawlDepth < 1 { throw ValidationError("--crawl-depth must be at least 1.") }
        if let maxPages, maxPages < 1 { throw ValidationError("--max-pages must be at least 1.") }
        if !(delay >= 0) { throw ValidationError("--delay must be 0 or more seconds.") }
        if let cacert, !FileManager.default.isReadableFile(atPath: cacert) { throw ValidationError("--cacert: cannot read \(cacert).") }
    }

    func run() throws {
        var configuration = FetchConfiguration()
        configuration.delay = delay
        configuration.obeyRobots = !ignoreRobots
        configuration.caFile = cacert
        configuration.insecure = insecure
        configuration.userAgent = FetchConfiguration.userAgentString(version: GleanerVersion.current)
        let fetcher: Fetcher
        do { fetcher = try Fetcher(configuration: configuration) } catch { throw ValidationError("\(error)") }
        defer { fetcher.close() }
        let discoverer = SiteDiscoverer(fetcher: fetcher, crawlDepth: crawlDepth, crawlMaxPages: maxPages)
        var empty = 0
        for site in sites {
            let found = discoverer.discover(site)
            var lines: [String] = []
            if !urls {
                lines.append("site \(site): \(found.summary)")
                for listing in found.sitemaps + found.feeds {
                    let kind = found.sitemaps.contains(listing) ? "sitemap" : "feed"
                    var detail = "\(listing.foundBy), \(listing.format), \(listing.pageCount) page\(listing.pageCount == 1 ? "" : "s")"
                    if !listing.sitemaps.isEmpty { detail += ", \(listing.sitemaps.count) sitemaps" }
                    lines.append("\(kind) \(listing.url) (\(detail))")
                    lines += listing.sitemaps.map { "sitemap \($0) (listed by \(listing.url), not read)" }
                }
                lines += found.notes.map { "note \($0)" }
            }
            let pages = found.pages.map(\.url) + found.crawled
            lines += pages.map { urls ? $0 : "page \($0)" }
            if pages.isEmpty && found.nestedSitemaps.isEmpty { empty += 1 }
            print(lines.joined(separator: "\n"))
        }
        if empty > 0 { throw ExitCode(1) }
    }
}
