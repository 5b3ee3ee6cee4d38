import Foundation
import GRDB
import GleanerTestSupport
import Testing
@testable import GleanerPipeline

/// Site discovery against four loopback sites — sitemaps (one named by robots.txt), a feed at
/// a CMS path, a home page with only `<link rel=alternate>`, and a site with neither — through
/// `gleaner discover` and the pipeline's `sources.sites`; a home page given as a feed; failed
/// URLs retried by a later run; filter exclusions in the run counts.
@Suite(.serialized, .timeLimit(.minutes(2))) struct SiteDiscoveryTests {
    static func story(_ n: Int) -> String { "/2024/05/0\(n)/story-number-\(n)-of-the-day.html" }

    @Test func discoverCommandFindsWhatEachSiteOffers() throws {
        let sitemaps = try SiteServer(kind: "sitemaps"), feeds = try SiteServer(kind: "feeds")
        let alternate = try SiteServer(kind: "alternate"), none = try SiteServer(kind: "none")
        defer { sitemaps.stop(); feeds.stop(); alternate.stop(); none.stop() }

        let run = try GleanerBinary.run(["discover", sitemaps.home, feeds.home, alternate.home, none.home, "--delay", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        #expect(lines.contains("sitemap \(sitemaps.url("/custom-sitemap.xml")) (robots.txt, urlset, 2 pages)"))
        #expect(lines.contains("sitemap \(sitemaps.url("/news-sitemap.xml")) (well-known path, urlset, 1 page)"))
        #expect(lines.contains("feed \(feeds.url("/feed")) (well-known path, rss, 3 pages)"))
        #expect(lines.contains("feed \(alternate.url("/latest.atom")) (link rel=alternate, atom, 2 pages)"))
        #expect(lines.contains("site \(none.home): no sitemaps or feeds; crawled 4 pages, 5 article links found"))
        for n in 1...3 { #expect(lines.contains("page \(sitemaps.url(Self.story(n)))")) }
        for n in [1, 3, 4, 5, 6] { #expect(lines.contains("page \(none.url(Self.story(n)))"), "crawled article \(n)") }
        #expect(!lines.contains { $0.contains("elsewhere.invalid") }, "the crawl stays on the site")
        #expect(!lines.contains { $0.hasSuffix("/news/page/2") || $0.hasSuffix("/tag/harbour/") }, "listing pages are not articles")
        // A site with sitemaps is not probed for feed paths; one with a declared feed neither.
        #expect(!sitemaps.requests.contains { $0.path == "/feed" })
        #expect(!alternate.requests.contains { $0.path == "/feed" })
        // robots.txt is requested once per site: the fetcher's politeness fetch also answers
        // discovery's own request for its Sitemap: lines.
        for server in [sitemaps, feeds, alternate, none] {
            #expect(server.requests.filter { $0.path == "/robots.txt" }.count == 1, "robots.txt of \(server.home)")
        }
        // The crawl fetched the section pages, never the articles themselves.
        #expect(!none.requests.contains { $0.path.hasPrefix("/2024/") })

        let urlsOnly = try GleanerBinary.run(["discover", alternate.home, "--urls", "--delay", "0"])
        #expect(urlsOnly.lines == [alternate.url(Self.story(1)), alternate.url(Self.story(2))])
    }

    @Test func sitesSourceExtractsTheArticlesOfEverySite() throws {
        let sitemaps = try SiteServer(kind: "sitemaps"), alternate = try SiteServer(kind: "alternate"), none = try SiteServer(kind: "none")
        defer { sitemaps.stop(); alternate.stop(); none.stop() }
        let directory = try TemporaryDirectory()
        let yaml = """
            sources:
              sites: [\(sitemaps.home), \(alternate.home), \(none.home)]
            fetch: {delay: 0, retries: 0}
            discovery: {crawl_depth: 2, crawl_max_pages: 10}
            filters: {exclude: ['/06/']}
            sinks: [{type: jsonl, path: out.jsonl}]
            """
        let path = directory.path("p.yaml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try PipelineRunner(config: try PipelineConfig.load(path: path), options: .init(progress: false)).run()
        // 3 from the sitemaps, 2 from the Atom feed, 4 crawled (story 6 excluded by the filter).
        #expect(result.counts.extracted == 9)
        #expect(result.counts.errorCount == 0)
        #expect(result.counts.excluded == ["exclude": 1])
        #expect(result.counts.summary.hasSuffix("; excluded by filters: exclude 1"))
        let records = try String(contentsOfFile: directory.path("out.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(records.count == 9)
        #expect(records.allSatisfy { $0.contains("\"headline\":\"Story ") })
    }

    @Test func homePageGivenAsFeedFollowsItsDeclaredFeedOrSaysWhatItIs() throws {
        let alternate = try SiteServer(kind: "alternate"), plain = try SiteServer(kind: "sitemaps")
        defer { alternate.stop(); plain.stop() }
        let directory = try TemporaryDirectory()
        let path = directory.path("p.yaml")
        try """
            sources: {feeds: [\(alternate.home), \(plain.home)]}
            fetch: {delay: 0, retries: 0}
            sinks: [{type: jsonl, path: out.jsonl}]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try PipelineRunner(config: try PipelineConfig.load(path: path), options: .init(progress: false)).run()
        #expect(result.counts.extracted == 2, "the declared Atom feed was read")
        #expect(result.counts.errors == ["not_a_feed": 1])
        let text = try String(contentsOfFile: directory.path("out.jsonl"), encoding: .utf8)
        #expect(!text.contains("NSXMLParserErrorDomain"))
        #expect(text.contains("is an HTML page, not a feed or sitemap, and declares no feed"))
        #expect(text.contains("sources.sites"))
    }

    @Test func failedURLsAreRetriedByLaterRunsWithBackoff() throws {
        let feeds = try SiteServer(kind: "feeds")
        defer { feeds.stop() }
        let directory = try TemporaryDirectory()
        let path = directory.path("p.yaml")
        try """
            sources: {feeds: [\(feeds.url("/feed"))]}
            fetch: {delay: 0, retries: 0}
            retry_failed_after: 0s
            sinks: [{type: sqlite, path: out.sqlite}]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(path: path)
        let first = try PipelineRunner(config: config, options: .init(progress: false)).run()
        #expect(first.counts.extracted == 2)
        #expect(first.counts.errors == ["http_503": 1])
        // The feed is unchanged on the second run, so only the retry brings the page back.
        let second = try PipelineRunner(config: config, options: .init(progress: false)).run()
        #expect(second.counts.unchanged == 1)
        #expect(second.counts.retried == 1)
        #expect(second.counts.extracted == 1)
        let db = try DatabaseQueue(path: directory.path("out.sqlite"))
        try db.read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM errors") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM failed_urls") == 0)
        }
        // Backoff: a URL that failed twice waits twice the delay.
        let retry = FailedURLs(delay: 100)
        try db.write { db throws in
            let item = WorkItem(id: 0, url: "http://x.invalid/a", kind: .page, origin: nil, listing: DiscoveredPage(url: "http://x.invalid/a"))
            try retry.failed(item, code: "timeout", at: 1000, in: db)
            #expect(try retry.due(at: 1100, in: db).map(\.url) == ["http://x.invalid/a"])
            try retry.failed(item, code: "timeout", at: 1000, in: db)
            #expect(try retry.due(at: 1100, in: db).isEmpty)
            #expect(try retry.due(at: 1200, in: db).count == 1)
        }
    }

    @Test func articleShapesAndHTMLSniffing() {
        let shapes = SiteDiscoveryRules.compiled
        for url in ["https://a.org/2024/05/01/harbour.html", "https://a.org/politik/wahl-in-bern-verschoben-a-123456.html",
                    "https://a.org/news/local/harbour-crane-repaired-after-storm", "https://a.org/node/123456"] {
            #expect(shapes.looksLikeArticle(url), "\(url)")
        }
        for url in ["https://a.org/", "https://a.org/news/", "https://a.org/tag/harbour-crane-repaired-after-storm/",
                    "https://a.org/author/ann-lee-and-bo-chan", "https://a.org/news/page/2", "https://a.org/search?q=a-b-c-d"] {
            #expect(!shapes.looksLikeArticle(url), "\(url)")
        }
        #expect(PageLinks.isHTML(Array("<!DOCTYPE html><html><head>".utf8)))
        #expect(PageLinks.isHTML(Array("\n  <html lang=en>".utf8)))
        #expect(!PageLinks.isHTML(Array("<?xml version=\"1.0\"?><rss><channel><description><![CDATA[<html><body>]]>".utf8)))
        #expect(!PageLinks.isHTML(Array("{\"version\": \"https://jsonfeed.org/version/1.1\"}".utf8)))
    }
}
