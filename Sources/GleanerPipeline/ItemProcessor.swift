import Foundation
import GleanerDigest
import GleanerExtract
import GleanerFetch
import GleanerInput
import GleanerModel
import GleanerNormalize
import GleanerSinks
import GleanerWARC

/// What working on one queue entry produced. Built on worker threads, applied to the state
/// and the sinks on the run loop's thread.
enum Outcome: Sendable {
    /// A feed or sitemap was read: its listed pages and sitemaps.
    case discovered(WorkItem, Discovery, FetchStateUpdate?)
    /// A page or file became a record (article or error), or was filtered out.
    case record(WorkItem, ExtractionResult, simhash: UInt64?, FetchStateUpdate?)
    /// Filtered out after extraction (word count, language, date); nothing is written. The
    /// reason names the filter (`min_words`, `languages`, `published_after`).
    case filtered(WorkItem, FetchStateUpdate?, reason: String)
    /// 304, or the same bytes as last time: nothing to extract.
    case unchanged(WorkItem, FetchStateUpdate)
    /// The fetcher was closed under it (stopping): stays pending for the next run.
    case cancelled(WorkItem)

    var item: WorkItem {
        switch self {
        case .discovered(let item, _, _), .record(let item, _, _, _), .filtered(let item, _, _), .unchanged(let item, _), .cancelled(let item): item
        }
    }
}

/// The pure part of the pipeline, safe on any thread: extraction with per-site overrides,
/// normalizers, the record-level filters, SimHash, feed and sitemap parsing.
struct ItemProcessor: Sendable {
    let generic: ArticleExtractor
    let perSite: [String: ArticleExtractor]
    let normalizer: ArticleNormalizer
    let filters: PipelineConfig.Filters
    let baseURL: String?
    let reader = InputReader()
    let computeSimHash: Bool
    /// Largest feed or sitemap accepted after gunzip.
    static let maxListingBytes = 100 * 1024 * 1024

    init(config: PipelineConfig) {
        let rules = config.rules?.rules() ?? .default
        generic = ArticleExtractor(rules: rules)
        perSite = config.sites.mapValues { ArticleExtractor(rules: rules, overrides: $0) }
        normalizer = ArticleNormalizer(
            steps: config.normalizers, boilerplatePhrases: config.boilerplatePhrases ?? rules.boilerplateBlockTexts.sorted(),
            authorParser: AuthorCredits(rules: rules.metadata))
        filters = config.filters
        baseURL = config.baseURL
        computeSimHash = config.duplicates.enabled
    }

    func extractor(for url: String?) -> ArticleExtractor {
        guard !perSite.isEmpty, let url, let host = URLComponents(string: url)?.host?.lowercased() else { return generic }
        if let exact = perSite[host] { return exact }
        if host.hasPrefix("www."), let bare = perSite[String(host.dropFirst(4))] { return bare }
        return generic
    }

    func processFile(_ item: WorkItem) -> Outcome {
        let result: ExtractionResult
        do {
            let bytes = try reader.read(.file(path: item.url))
            result = extractor(for: baseURL).result(html: bytes, url: baseURL, source: item.url)
        } catch {
            result = .failure(error)
        }
        return finish(item, result, fetchState: nil)
    }

    func processResponse(_ item: WorkItem, _ response: FetchResponse) -> Outcome {
        if let failure = response.failure, failure.code == .cancelled { return .cancelled(item) }
        var update = FetchStateUpdate(
            url: item.url, etag: response.etag, lastModified: response.lastModified, status: response.info.status,
            fetchedAt: response.info.fetchedAt, bodyHash: nil)
        if let failure = response.failure {
            var error = GleanerError(stage: .fetch, code: failure.code.name, message: failure.message, source: item.url)
            error.fetch = response.info
            return .record(item, .failure(error), simhash: nil, update)
        }
        if response.isNotModified { return .unchanged(item, update) }
        // The raw bytes, not a decode: a lossy UTF-8 decode maps every windows-1252 letter to
        // U+FFFD, so edits that only touch non-ASCII text would look like "unchanged".
        let hash = Digest.sha256Hex(response.body)
        update.bodyHash = hash
        if hash == item.bodyHash { return .unchanged(item, update) }
        switch item.kind {
        case .feed, .sitemap:
            var bytes = response.body
            if Gzip.isGzip(bytes) {
                do {
                    bytes = try Gzip.decompress(bytes, limit: Self.maxListingBytes)
                } catch {
                    let failure = GleanerError(stage: .decode, code: "bad_gzip", message: error.message, source: item.url)
                    return .record(item, .failure(failure), simhash: nil, update)
                }
            }
            if PageLinks.isHTML(bytes) {
                // A home page (or article) listed as a feed: follow the feeds it declares.
                let links = PageLinks(html: bytes, pageURL: response.pageURL, feedTypes: SiteDiscoveryRules.shipped.feedTypes)
                let feeds = links.feeds.filter { $0 != item.url }
                guard !feeds.isEmpty else {
                    let message = "\(response.pageURL) is an HTML page, not a feed or sitemap, and declares no feed (<link rel=\"alternate\">); list it under sources.sites to discover its feeds and sitemaps"
                    let failure = GleanerError(stage: .parse, code: "not_a_feed", message: message, source: item.url)
                    return .record(item, .failure(failure), simhash: nil, update)
                }
                return .discovered(item, Discovery(feeds: feeds, format: "html"), update)
            }
            do {
                let discovery = try DiscoveryParser.parse(bytes, baseURL: response.pageURL)
                return .discovered(item, discovery, update)
            } catch {
                let failure = GleanerError(stage: .parse, code: error.code, message: error.message, source: item.url)
                return .record(item, .failure(failure), simhash: nil, update)
            }
        case .page, .file, .warc:
            var result = extractor(for: response.pageURL).result(
                html: response.body, url: response.pageURL, source: item.url, charset: response.charset)
            switch result {
            case .article(var article):
                article.fetch = response.info
                result = .article(article)
            case .failure(var error):
                error.fetch = response.info
                result = .failure(error)
            }
            return finish(item, result, fetchState: update)
        }
    }

    /// A record of a web archive (`sources.warc`), read by the run loop's `WARCRecordCursor`.
    /// Its payload's hash is kept in the fetch state under `FILE#OFFSET`, as a fetched page's
    /// is under its URL: a later run over the same archive finds every record `unchanged`
    /// and writes nothing twice. A broken record's error is remembered the same way.
    func processWARC(_ item: WorkItem, _ found: WARCPageStream.Item) -> Outcome {
        let now = PipelineRunner.timestamp()
        switch found {
        case .failure(let error):
            let update = FetchStateUpdate(url: item.url, status: nil, fetchedAt: now, bodyHash: "error:\(error.code)")
            if update.bodyHash == item.bodyHash { return .unchanged(item, update) }
            return .record(item, .failure(error), simhash: nil, update)
        case .page(let page):
            let update = FetchStateUpdate(url: item.url, status: nil, fetchedAt: now, bodyHash: Digest.sha256Hex(page.body))
            if update.bodyHash == item.bodyHash { return .unchanged(item, update) }
            let url = page.url.isEmpty ? nil : page.url
            var result = extractor(for: url).result(html: page.body, url: url, source: page.origin.source, charset: page.charset)
            switch result {
            case .article(var article):
                article.warc = page.origin
                result = .article(article)
            case .failure(var error):
                error.warc = page.origin
                result = .failure(error)
            }
            return finish(item, result, fetchState: update)
        }
    }

    /// Listing facts, normalizers, filters, SimHash.
    func finish(_ item: WorkItem, _ result: ExtractionResult, fetchState: FetchStateUpdate?) -> Outcome {
        guard case .article(var article) = result else { return .record(item, result, simhash: nil, fetchState) }
        if article.headline == nil { article.headline = item.listing.title }
        // Feeds and sitemaps write dates their own way (RFC 822 `pubDate`, `…Z`): the record
        // gets the one date shape, and a placeholder never (docs/schema.md, dates).
        if article.published == nil, let listed = item.listing.published, let parsed = DateNormalizer.parse(listed),
            DateNormalizer.isPlausible(parsed)
        {
            article.published = parsed.iso8601
        }
        if article.language == nil { article.language = item.listing.language }
        article = normalizer.apply(article)
        if let reason = rejection(article) { return .filtered(item, fetchState, reason: reason) }
        let simhash = computeSimHash && article.pageType == .article ? SimHash.compute(article.text) : nil
        return .record(item, .article(article), simhash: simhash, fetchState)
    }

    func passes(_ article: Article) -> Bool { rejection(article) == nil }

    /// The record-level filter that drops `article`, or nil when it passes them all.
    func rejection(_ article: Article) -> String? {
        if filters.minWords > 0, article.wordCount < filters.minWords { return "min_words" }
        if !filters.languages.isEmpty {
            guard let language = article.language?.lowercased() else { return "languages" }
            let primary = language.split(separator: "-").first.map(String.init) ?? language
            if !filters.languages.contains(language) && !filters.languages.contains(primary) { return "languages" }
        }
        if let after = filters.publishedAfter {
            guard let published = article.published, let date = DateNormalizer.utc(published), date >= after else { return "published_after" }
        }
        return nil
    }
}
