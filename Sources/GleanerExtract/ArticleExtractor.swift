import Foundation
import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Turns the bytes of one web page into an `Article`.
///
/// A pure function of its inputs — the bytes, the page URL and the transport charset — so
/// it can run on any thread and be tested without a network. It never fetches and never
/// writes.
public struct ArticleExtractor: Sendable {
    public var rules: ExtractionRules {
        didSet { matchers = RuleMatchers(rules) }
    }
    /// `rules`' matchers, compiled here once for every page this extractor reads (issue 9).
    private(set) var matchers: RuleMatchers
    /// Per-site selectors from a pipeline's `sites:`; empty for generic extraction.
    public var overrides: ExtractionOverrides
    /// The parse budget of one page (elements, nesting, attributes, text, CPU time).
    public var limits: ParseLimits

    public init(
        rules: ExtractionRules = .default, overrides: ExtractionOverrides = ExtractionOverrides(),
        limits: ParseLimits = .default
    ) {
        self.rules = rules
        matchers = RuleMatchers(rules)
        self.overrides = overrides
        self.limits = limits
    }

    /// Extracts an article.
    /// - Parameters:
    ///   - html: the raw page bytes, in any encoding.
    ///   - url: the URL the page was fetched from (or given with `--base-url`).
    ///   - source: what to write as the record's `source`; defaults to `url` or `-`.
    ///   - charset: the charset from the HTTP `Content-Type`, if any.
    /// - Throws: `GleanerError` for input that is not a processable HTML page.
    public func extract<Bytes: ContiguousBytes>(
        html: Bytes, url: String? = nil, source: String? = nil, charset: String? = nil
    ) throws(GleanerError) -> Article {
        let sourceName = source ?? url ?? "-"
        let parsed: Result<DOMTree?, GleanerError> = html.withUnsafeBytes { buffer in
            Result { () throws(GleanerError) in
                try InputScreen.check(buffer, source: sourceName)
                if Self.isPlainText(buffer) { return nil }
                return try Self.parse(buffer, source: sourceName, charset: charset, url: url, limits: limits)
            }
        }
        guard let tree = try parsed.get() else {
            let text = html.withUnsafeBytes { Self.plainText($0, charset: charset) }
            return Self.withLanguage(PlainTextPage.article(text: text, url: url, source: sourceName))
        }
        return assemble(tree: tree, url: url, source: sourceName)
    }

    /// No markup in the page's first 64 KB. The markup probe reads bytes as ASCII, which
    /// UTF-16 is not (a NUL beside every ASCII byte): a UTF-16 page goes to the HTML parser,
    /// which decodes it, instead of coming out as "plain text" full of tags.
    static func isPlainText(_ buffer: UnsafeRawBufferPointer) -> Bool {
        guard PageKindRules.shared.isPlainText(buffer) else { return false }
        let sample = UnsafeRawBufferPointer(rebasing: buffer.prefix(4096))
        return !CharsetDetector.detect(sample, declared: nil).charset.hasPrefix("UTF-16")
    }

    /// A plain-text page decoded by the charset rules pages follow (the bytes' own evidence,
    /// then the HTTP charset): a Latin-1 or windows-1252 `.txt` read as UTF-8 turned every
    /// accented letter into U+FFFD. Other legacy charsets are read as UTF-8 with repairs.
    static func plainText(_ bytes: UnsafeRawBufferPointer, charset: String?) -> String {
        let decision = CharsetDetector.detect(bytes, declared: charset)
        if decision.charset == "windows-1252" { return String(decoding: Windows1252.utf8(from: bytes), as: UTF8.self) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes.dropFirst(decision.skipBytes)), as: UTF8.self)
    }

    /// Like `extract`, plus why each field and block came out as it did (`--explain`).
    public func explain<Bytes: ContiguousBytes>(
        html: Bytes, url: String? = nil, source: String? = nil, charset: String? = nil
    ) throws(GleanerError) -> (article: Article, explanation: Explanation) {
        let sourceName = source ?? url ?? "-"
        let parsed: Result<DOMTree, GleanerError> = html.withUnsafeBytes { buffer in
            Result { () throws(GleanerError) in
                try InputScreen.check(buffer, source: sourceName)
                return try Self.parse(buffer, source: sourceName, charset: charset, url: url, limits: limits)
            }
        }
        let run = assembleTraced(tree: try parsed.get(), url: url, source: sourceName)
        let fields = MetadataExtractor(analysis: run.analysis, rules: rules, matchers: matchers, pageURL: url).explainFields(run.metadata)
        let explanation = ExplanationBuilder(analysis: run.analysis, rules: rules)
            .explain(article: run.article, fieldSources: fields, decisions: run.decisions)
        return (run.article, explanation)
    }

    /// Like `extract`, but returns failures as values: the form batch runners need.
    public func result<Bytes: ContiguousBytes>(
        html: Bytes, url: String? = nil, source: String, charset: String? = nil
    ) -> ExtractionResult {
        do {
            return .article(try extract(html: html, url: url, source: source, charset: charset))
        } catch {
            return .failure(error)
        }
    }

    /// Decodes and parses the bytes. Callers screen them first (`InputScreen.check`), once:
    /// screening again here was 0.3% of a run.
    static func parse(
        _ buffer: UnsafeRawBufferPointer, source: String, charset: String?, url: String?, limits: ParseLimits = .default
    ) throws(GleanerError) -> DOMTree {
        let (decision, knownValidUTF8) = CharsetDetector.detectCheckingUTF8(buffer, declared: charset)
        let payload = UnsafeRawBufferPointer(rebasing: buffer[decision.skipBytes...])
        let outcome: Result<DOMTree, HTMLParseError>
        // Known only where no byte-order mark was skipped: then `payload` is all of `buffer`.
        if decision.charset == "UTF-8" && decision.evidence != .utf8Validity
            && !(knownValidUTF8 ?? CharsetDetector.isValidUTF8(payload))
        {
            // Declared UTF-8 but not valid: repair with U+FFFD rather than let libxml2
            // guess a different encoding halfway through.
            let repaired = Array(String(decoding: payload, as: UTF8.self).utf8)
            outcome = repaired.withUnsafeBytes { bytes in
                Result { () throws(HTMLParseError) in try HTMLParser.parse(bytes, charset: "UTF-8", url: url, scriptText: .dataOnly, limits: limits) }
            }
        } else {
            let first = Result { () throws(HTMLParseError) in try HTMLParser.parse(payload, charset: decision.charset, url: url, scriptText: .dataOnly, limits: limits) }
            if case .failure(let error) = first, error.code == "parse_failed", decision.charset != "windows-1252",
                decision.charset != "UTF-8"
            {
                // An encoding libxml2/iconv doesn't know: fall back to windows-1252.
                outcome = Result { () throws(HTMLParseError) in try HTMLParser.parse(payload, charset: "windows-1252", url: url, scriptText: .dataOnly, limits: limits) }
            } else {
                outcome = first
            }
        }
        switch outcome {
        case .success(let tree):
            return tree
        case .failure(let error) where error.code != "parse_failed":
            throw GleanerError(stage: .parse, code: error.code, message: error.message, source: source)
        case .failure(let error):
            throw GleanerError(stage: .parse, code: "parse_failed", message: "libxml2: \(error.message)", source: source)
        }
    }

    func assemble(tree: DOMTree, url: String?, source: String) -> Article {
        assembleTraced(tree: tree, url: url, source: source).article
    }

    /// The record plus what `--explain` needs: the analysis, the metadata and the body's decisions.
    func assembleTraced(tree: DOMTree, url: String?, source: String)
        -> (article: Article, analysis: PageAnalysis, metadata: Metadata, decisions: ExplanationBuilder.Decisions)
    {
        var decisions = ExplanationBuilder.Decisions()
        let analysis = PageAnalysis(tree: tree)
        let metadata = MetadataExtractor(analysis: analysis, rules: rules, matchers: matchers, pageURL: url).extract()
        var article = Article(source: source)
        article.pageType = metadata.pageType
        // Subtrees the body must leave out: comment sections, the headline, the lead.
        var excluded: [Int] = []
        // An index page has no story (no lead, comments or authors), but the prose it shows
        // is still its text: a page with visible prose never gives an empty body.
        let isArticle = metadata.pageType == .article
        if isArticle {
            let comments = CommentExtractor(analysis: analysis, rules: rules, matchers: matchers).extract()
            excluded = comments.sectionRoots
            decisions.excluded = comments.sectionRoots.map { ($0, "comment section (comments.sectionNames, itemNames)") }
            article.comments = CommentDateHarmonizer.harmonize(comments.comments, pagePublished: metadata.published)
        }
        if let node = metadata.headlineNode {
            excluded.append(node)
            decisions.excluded.append((node, "the headline"))
        }
        if isArticle, let node = metadata.leadNode {
            excluded.append(node)
            decisions.excluded.append((node, "the lead"))
        }
        let bodyRules = isArticle ? rules : rules.forIndexPages
        let body = BodyExtractor(analysis: analysis, rules: bodyRules, matchers: matchers, base: metadata.base).extract(excludingSubtrees: excluded)
        decisions.body = body
        article.blocks = body.blocks
        article.url = metadata.url
        article.headline = metadata.headline
        article.lead = metadata.lead
        article.siteName = metadata.siteName
        article.language = metadata.language
        article.authors = metadata.authors
        article.agency = metadata.agency
        article.published = metadata.published
        article.modified = metadata.modified
        article.tags = metadata.tags
        article.image = metadata.image
        if !overrides.isEmpty {
            overrides.apply(to: &article, analysis: analysis, rules: rules, matchers: matchers, excluded: excluded, base: metadata.base)
        }
        // No lead image in the metadata: the body's first image stands in.
        if article.image == nil, article.pageType == .article {
            article.image = article.blocks.first(where: { $0.type == .image })?.src
        }
        article.pageType = PageTypeRefiner(analysis: analysis).refine(article)
        article = Self.withLanguage(article)
        return (article, analysis, metadata, decisions)
    }

    /// The text decides the language when the page declares none or a wrong one
    /// (`LanguageDetector.choose`).
    static func withLanguage(_ input: Article) -> Article {
        var article = input
        let body = article.text
        let sample = [article.headline ?? "", body].joined(separator: "\n")
        article.languageDetected = LanguageDetector.detect(sample)
        article.language = LanguageDetector.choose(
            declared: article.language, detected: article.languageDetected, textBytes: body.utf8.count)
        return article
    }
}
