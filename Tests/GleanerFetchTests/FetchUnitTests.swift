import Foundation
import Testing
import GleanerInput
@testable import GleanerFetch

@Suite struct RobotsTxtTests {
    let text = """
        # comment
        User-agent: *
        Disallow: /private/
        Allow: /private/open*.html$
        Disallow: /*.pdf$
        Crawl-delay: 2.5

        User-agent: Gleaner
        User-agent: otherbot
        Disallow: /gleaner-only
        Disallow:
        Sitemap: https://example.com/sitemap.xml

        user-agent: Gleaner
        disallow: /second-group
        """

    @Test func specificGroupsAreMergedAndReplaceTheStarGroup() {
        let rules = RobotsTxt(text).rules(for: "Gleaner/0.1 (+https://example.com)")
        #expect(!rules.allows("/gleaner-only/x"))
        #expect(!rules.allows("/second-group"))
        #expect(rules.allows("/private/x"), "the * group does not apply when a specific one does")
        #expect(rules.crawlDelay == nil)
    }

    @Test func sitemapLinesAreCollectedOutsideGroups() {
        #expect(RobotsTxt(text).sitemaps == ["https://example.com/sitemap.xml"])
        #expect(RobotsTxt("Sitemap: /a.xml\nUser-agent: *\nSitemap: https://x.org/b.xml\nDisallow: /p").sitemaps == ["/a.xml", "https://x.org/b.xml"])
    }

    @Test func starGroupLongestMatchWinsAndAllowWinsTies() {
        let rules = RobotsTxt(text).rules(for: "SomeCrawler/1.0")
        #expect(!rules.allows("/private/page"))
        #expect(rules.allows("/private/open-day.html"))
        #expect(!rules.allows("/private/open-day.html?x=1"), "$ anchors the end")
        #expect(!rules.allows("/files/report.pdf"))
        #expect(rules.allows("/files/report.pdf.html"))
        #expect(rules.allows("/news/today"))
        #expect(rules.allows("/robots.txt"))
        #expect(rules.crawlDelay == 2.5)
        let tie = RobotsTxt("User-agent: *\nDisallow: /page\nAllow: /page\n").rules(for: "x")
        #expect(tie.allows("/page"))
    }

    @Test func percentEncodingAndNonASCIIPathsCompareEqual() {
        let rules = RobotsTxt("User-agent: *\nDisallow: /caf%c3%a9\nDisallow: /straße\n").rules(for: "x")
        #expect(!rules.allows("/caf%C3%A9/menu"))
        #expect(!rules.allows("/stra%C3%9Fe"))
        #expect(rules.allows("/cafe"))
    }

    @Test func emptyOrMissingFilesAllowEverythingAndDisallowAllRefusesEverything() {
        #expect(RobotsTxt("").rules(for: "Gleaner").allows("/anything"))
        #expect(RobotsTxt("Disallow: /\n").rules(for: "Gleaner").allows("/x"), "rules before any user-agent are ignored")
        #expect(!RobotsRules.disallowAll.allows("/x"))
        #expect(RobotsRules.disallowAll.allows("/robots.txt"))
        #expect(RobotsRules.allowAll.allows("/x"))
    }

    @Test func wildcardMatchingIsLinearOnPathologicalPatterns() {
        let pattern = Array(String(repeating: "*a", count: 200).utf8) + Array("b$".utf8)
        let path = Array(String(repeating: "a", count: 5000).utf8)
        let start = Date()
        #expect(!RobotsRules.matches(pattern: pattern, path: path))
        #expect(Date().timeIntervalSince(start) < 2)
    }
}

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsWithJitterAndStopsAfterTheRetries() {
        let policy = RetryPolicy(retries: 3, baseDelay: 1, maxRetryAfter: 60)
        var generator = SystemRandomNumberGenerator()
        var seen: Set<Double> = []
        for _ in 0..<50 {
            let first = policy.delay(afterAttempts: 1, retryAfter: nil, using: &generator)!
            let third = policy.delay(afterAttempts: 3, retryAfter: nil, using: &generator)!
            #expect((0.5...1).contains(first))
            #expect((2...4).contains(third))
            seen.insert(first)
        }
        #expect(seen.count > 10, "jittered")
        #expect(policy.delay(afterAttempts: 4, retryAfter: nil, using: &generator) == nil)
    }

    @Test func retryAfterIsAFloorAndTooLongMeansGiveUp() {
        let policy = RetryPolicy(retries: 2, baseDelay: 0.1, maxRetryAfter: 60)
        var generator = SystemRandomNumberGenerator()
        #expect(policy.delay(afterAttempts: 1, retryAfter: 5, using: &generator) == 5)
        #expect(policy.delay(afterAttempts: 1, retryAfter: 3600, using: &generator) == nil)
    }

    @Test func retryAfterParsesSecondsAndHTTPDates() {
        #expect(RetryPolicy.parseRetryAfter("120") == 120)
        #expect(RetryPolicy.parseRetryAfter(" 0 ") == 0)
        #expect(RetryPolicy.parseRetryAfter("-1") == nil)
        #expect(RetryPolicy.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(RetryPolicy.parseHTTPDate("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(RetryPolicy.parseHTTPDate("Tue, 29 Feb 2028 12:00:00 GMT") == 1_835_438_400)
        #expect(RetryPolicy.parseRetryAfter("Sun, 06 Nov 1994 08:49:47 GMT", now: 784_111_777) == 10)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
    }
}

@Suite struct NetworkAddressPolicyTests {
    @Test(arguments: [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:c0a8:101::1", "ff02::1",
    ])
    func deniesNonPublicAddresses(_ address: String) {
        #expect(NetworkAddressPolicy.isDenied(address: address) == true)
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8", "2002:0808:0808::1"])
    func allowsPublicAddresses(_ address: String) {
        #expect(NetworkAddressPolicy.isDenied(address: address) == false)
    }

    @Test func rejectsNonAddresses() {
        #expect(NetworkAddressPolicy.isDenied(address: "localhost") == nil)
    }
}

@Suite struct FetchHelperTests {
    @Test func contentTypeParsesMediaTypeAndCharset() {
        let type = ContentType("Text/HTML; Charset=\"ISO-8859-1\"")
        #expect(type?.mediaType == "text/html")
        #expect(type?.charset == "ISO-8859-1")
        #expect(type?.isHTML == true)
        #expect(ContentType("application/xhtml+xml")?.isHTML == true)
        #expect(ContentType("application/pdf")?.isHTML == false)
        #expect(ContentType("text/html;")?.charset == nil)
    }

    @Test func byteSizesParseWithBinarySuffixes() {
        #expect(ByteSize.parse("20MB") == 20 * 1024 * 1024)
        #expect(ByteSize.parse("512k") == 512 * 1024)
        #expect(ByteSize.parse("1.5 GiB") == 1024 * 1024 * 1024 * 3 / 2)
        #expect(ByteSize.parse("1000") == 1000)
        #expect(ByteSize.parse("lots") == nil)
        #expect(ByteSize.parse("0") == nil)
    }

    @Test func targetURLsUseLibcurlsParser() throws {
        let target = try TargetURL.parse("HTTPS://Example.COM/a/b?c=d#frag").get()
        #expect(target.scheme == "https")
        #expect(target.host == "example.com")
        #expect(target.port == 443)
        #expect(target.pathAndQuery == "/a/b?c=d")
        #expect(target.origin == "https://example.com:443")
        #expect(try TargetURL.parse("http://127.0.0.1:8080").get().pathAndQuery == "/")
        #expect(throws: FetchFailure.self) { try TargetURL.parse("ftp://example.com/x").get() }
        #expect((try? TargetURL.parse("ftp://example.com/x").get()) == nil)
        if case .failure(let failure) = TargetURL.parse("ftp://example.com/x") { #expect(failure.code == .unsupportedProtocol) }
        if case .failure(let failure) = TargetURL.parse("example.com/no-scheme") { #expect(failure.code == .invalidURL) }
    }

    @Test func timestampsAreISO8601UTC() {
        #expect(Clocks.iso8601(seconds: 784_111_777, milliseconds: 5) == "1994-11-06T08:49:37.005Z")
        #expect(Clocks.iso8601Now().hasSuffix("Z"))
    }
}

@Suite struct PolitenessSchedulerTests {
    func job(_ url: String, _ sequence: Int) -> FetchJob {
        FetchJob(url: url, target: try! TargetURL.parse(url).get(), sequence: sequence) { _ in }
    }

    func pages(_ actions: [PolitenessScheduler.Action]) -> [String] {
        actions.compactMap { if case .fetchPage(let job) = $0 { job.url } else { nil } }
    }

    @Test func perHostLimitAndDelay() {
        let scheduler = PolitenessScheduler(perHost: 2, delay: 1, obeyRobots: false, maxCrawlDelay: 60)
        for index in 0..<4 { scheduler.add(job("http://a.test/\(index)", index)) }
        scheduler.add(job("http://b.test/0", 4))
        var started = pages(scheduler.next(now: 100, freeSlots: 10) { _ in true })
        #expect(started == ["http://a.test/0", "http://b.test/0"], "one start per host per delay")
        #expect(scheduler.wakeTime(now: 100) == 101)
        #expect(pages(scheduler.next(now: 100.5, freeSlots: 10) { _ in true }).isEmpty)
        started = pages(scheduler.next(now: 101, freeSlots: 10) { _ in true })
        #expect(started == ["http://a.test/1"])
        #expect(pages(scheduler.next(now: 102, freeSlots: 10) { _ in true }).isEmpty, "per-host limit 2 reached")
        #expect(scheduler.wakeTime(now: 102) == nil, "waits for a transfer to end, not for the clock")
        scheduler.finished(host: "a.test")
        #expect(pages(scheduler.next(now: 102, freeSlots: 10) { _ in true }) == ["http://a.test/2"])
    }

    @Test func globalSlotsAndAdmissionStopAPass() {
        let scheduler = PolitenessScheduler(perHost: 8, delay: 0, obeyRobots: false, maxCrawlDelay: 60)
        for index in 0..<6 { scheduler.add(job("http://a.test/\(index)", index)) }
        #expect(pages(scheduler.next(now: 0, freeSlots: 2) { _ in true }).count == 2)
        var admitted = 0
        let more = pages(scheduler.next(now: 0, freeSlots: 10) { _ in admitted += 1; return admitted <= 1 })
        #expect(more == ["http://a.test/2"])
        #expect(scheduler.queuedCount == 3)
    }

    @Test func robotsComeFirstAndCrawlDelayRaisesTheDelay() {
        let scheduler = PolitenessScheduler(perHost: 4, delay: 0, obeyRobots: true, maxCrawlDelay: 10)
        scheduler.add(job("http://a.test/private/x", 0))
        scheduler.add(job("http://a.test/ok", 1))
        let first = scheduler.next(now: 0, freeSlots: 10) { _ in true }
        #expect(first.count == 1)
        guard case .fetchRobots(let target) = first.first else {
            Issue.record("expected a robots.txt fetch first")
            return
        }
        #expect(target.robotsURL == "http://a.test:80/robots.txt")
        #expect(scheduler.next(now: 1, freeSlots: 10) { _ in true }.isEmpty, "pages wait for robots.txt")
        scheduler.finished(host: "a.test")
        let rules = RobotsTxt("User-agent: *\nDisallow: /private\nCrawl-delay: 100\n").rules(for: "Gleaner")
        scheduler.robotsLoaded(for: target, rules: rules, reason: "no")
        let next = scheduler.next(now: 1, freeSlots: 10) { _ in true }
        #expect(next.count == 1, "the refusal needs no request, so it does not wait for the delay")
        if case .disallowed(let job, _) = next.first { #expect(job.url.hasSuffix("/private/x")) } else { Issue.record("expected disallowed") }
        #expect(scheduler.wakeTime(now: 1) == 10, "the page waits out Crawl-delay (capped at 10) after robots.txt")
        #expect(pages(scheduler.next(now: 10, freeSlots: 10) { _ in true }) == ["http://a.test/ok"])
        scheduler.add(job("http://a.test/private/late", 2))
        let late = scheduler.next(now: 10, freeSlots: 10) { _ in true }
        if case .disallowed = late.first {} else { Issue.record("a job added after the rules arrived is refused at once") }
        #expect(scheduler.hosts["a.test"]?.delay == 10, "Crawl-delay capped at maxCrawlDelay")
    }

    @Test func retriesWaitAndRetryAfterPausesTheHost() {
        let scheduler = PolitenessScheduler(perHost: 4, delay: 0, obeyRobots: false, maxCrawlDelay: 60)
        let first = job("http://a.test/0", 0)
        scheduler.add(first)
        scheduler.add(job("http://a.test/1", 1))
        #expect(pages(scheduler.next(now: 0, freeSlots: 1) { _ in true }) == ["http://a.test/0"])
        scheduler.finished(host: "a.test")
        scheduler.retry(first, at: 5, pauseHost: true)
        #expect(pages(scheduler.next(now: 1, freeSlots: 10) { _ in true }).isEmpty, "Retry-After pauses the whole host")
        #expect(scheduler.wakeTime(now: 1) == 5)
        #expect(pages(scheduler.next(now: 5, freeSlots: 10) { _ in true }) == ["http://a.test/0", "http://a.test/1"], "the retry goes first")
    }
}
