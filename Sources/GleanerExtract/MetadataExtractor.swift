import Foundation
import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Reads page metadata: one precedence function per field, each documented below and in
/// docs/schema.md.
///
/// Sources, in the order most fields consult them: JSON-LD (what the publisher tells search
/// engines, usually the most precise), OpenGraph / Twitter / Dublin Core `<meta>` tags,
/// microdata, and finally the visible page (h1, byline elements, `time` elements). A few
/// fields have an order of their own where a page-level declaration is more reliable (url,
/// site name, language). Each function takes the first source that yields a valid value,
/// so one bad source (an empty tag, a broken JSON-LD block) falls through to the next.
struct MetadataExtractor {
    let analysis: PageAnalysis
    let rules: ExtractionRules
    /// Compiled once per extractor from `rules`.
    let matchers: RuleMatchers
    let pageURL: String?

    /// Everything the precedence functions choose from, read once per page.
    struct Sources {
        var scan: MetadataScan
        var jsonLD: JSONLDData
        var microdata: MicrodataData
        /// Base for relative URLs: `<base href>` against the page URL; without a page URL
        /// (a saved file), an absolute canonical or `og:url` stands in for it.
        var base: URL?
        var meta: MetaTags { scan.meta }
    }

    private var metaRules: MetadataRules { rules.metadata }

    /// Reads every source once (meta tags, JSON-LD, microdata).
    func readSources() -> Sources {
        let tree = analysis.tree
        let scan = MetadataScan(analysis: analysis)
        return Sources(
            scan: scan,
            jsonLD: JSONLDReader(rules: metaRules).read(tree: tree, scripts: scan.jsonLDScripts),
            microdata: MicrodataReader(rules: metaRules).read(tree: tree, elements: scan.microdata),
            base: URLResolver.base(pageURL: pageURL, baseHref: scan.meta.baseHref)
                ?? URLResolver.base(pageURL: scan.meta.canonical ?? scan.meta.first("og:url"), baseHref: nil))
    }

    func extract() -> Metadata {
        let sources = readSources()

        var metadata = Metadata()
        metadata.base = sources.base
        metadata.url = url(sources)
        metadata.siteName = siteName(sources)
        let headline = headline(sources, siteName: metadata.siteName)
        metadata.headline = headline.text
        metadata.headlineNode = headline.node
        if metadata.siteName == nil { metadata.siteName = headline.blogName }
        let storyHeadline = headline.matched
            && (headline.text?.split(separator: " ").count ?? 0) >= metaRules.storyHeadlineMinimumWords
        metadata.pageType = pageType(sources, hasStoryHeadline: storyHeadline)
        metadata.language = language(sources)
        let isArticle = metadata.pageType == .article
        let people = authorsAndAgency(sources, headlineNode: headline.node, siteName: metadata.siteName, readPage: isArticle)
        metadata.authors = people.authors
        metadata.agency = people.agency
        metadata.published = published(sources, headlineNode: headline.node, readPage: isArticle, url: metadata.url)
        metadata.modified = modified(sources, headlineNode: headline.node, readPage: isArticle)
        metadata.tags = tags(sources)
        metadata.image = image(sources)
        if isArticle, let node = headline.node,
            let lead = LeadDetector(analysis: analysis, rules: metaRules, matchers: matchers).find(after: node, descriptions: descriptions(sources))
        {
            metadata.lead = lead.text
            metadata.leadNode = lead.node
        }
        if isArticle, metadata.agency == nil {
            metadata.agency = AgencyCreditFinder(
                analysis: analysis, rules: metaRules, skippedElements: matchers.creditSkippedElements,
                excludedAncestors: matchers.creditExcludedAncestors
            ).find(after: headline.node)
        }
        return metadata
    }

    // MARK: url

    /// `link rel=canonical` → `og:url` → JSON-LD `url` / `mainEntityOfPage` → the page
    /// URL; made absolute against the page URL (or `<base href>`). A relative candidate
    /// that cannot be resolved is skipped.
    func url(_ s: Sources) -> String? {
        URLResolver.absolute(s.meta.canonical, base: s.base)
            ?? URLResolver.absolute(s.meta.first("og:url"), base: s.base)
            ?? URLResolver.absolute(s.jsonLD.url, base: s.base)
            ?? URLResolver.absolute(pageURL, base: nil)
    }

    // MARK: site_name

    /// `og:site_name` → JSON-LD `publisher.name` → `application-name` (and
    /// `apple-mobile-web-app-title`) → JSON-LD `WebSite.name` → microdata `publisher` → a
    /// blog-name h1 (see `headline`, set in `extract`).
    /// Values that are URLs ("https://www.example.com") are skipped: a name, not an address.
    func siteName(_ s: Sources) -> String? {
        let candidates: [String?] = [
            s.meta.first(of: metaRules.siteNameKeys), s.jsonLD.publisherName, s.meta.first(of: metaRules.applicationNameKeys),
            s.jsonLD.websiteName, s.microdata.publisherName,
        ]
        return candidates.lazy.compactMap { $0 }.first { !$0.containsUTF8("://") && !$0.hasPrefix("www.") }
    }

    // MARK: headline

    /// JSON-LD `headline` → `og:title` / `twitter:title` / `dc.title` → microdata
    /// `headline` → the page's h1 → `<title>` without the site name.
    ///
    /// The visible h1 is matched against these texts to find `headlineNode` (the body
    /// leaves it out); when a structured title is the h1 cut short ("…") or the h1 with
    /// " | Site" appended, the h1's text is used instead. An h1 that is only the smaller
    /// part of the title, with the rest of the title as a later h2/h3, is the blog's name
    /// (old themes): then that heading's text is the headline.
    /// `matched` tells whether a visible h1 agrees with a metadata title.
    func headline(_ s: Sources, siteName: String?) -> (text: String?, node: Int?, matched: Bool, blogName: String?) {
        let tree = analysis.tree
        let metaTitle = s.meta.first(of: metaRules.titleKeys)
        let hints = [s.jsonLD.headline, metaTitle, s.microdata.headline, s.meta.title].compactMap { $0 }
        var candidates: [(node: Int, text: String)] = []
        for h1 in s.scan.h1s where !analysis.excluded[h1] {
            guard let text = TextCleaner.nonEmpty(tree.rawText(of: h1)) else { continue }
            if let siteName, text.equalsIgnoringCase(siteName) { continue }
            if tree.ancestor(of: h1, where: { ["nav", "footer", "aside"].contains($0.name) }) != nil { continue }
            candidates.append((h1, text))
        }
        let comparableHints = hints.compactMap(LeadDetector.comparable)
        let hintKeys = Set(hints.map(Self.headlineKey).filter { !$0.isEmpty })
        var matched: (node: Int, text: String)?
        var siteNameH1: String?
        for candidate in candidates {
            guard let visible = LeadDetector.comparable(candidate.text) else { continue }
            if comparableHints.contains(where: { Self.agreesComparable(visible, $0) }) || hintKeys.contains(Self.headlineKey(candidate.text)) {
                matched = candidate
                break
            }
            if siteNameH1 == nil, !isStoryTitleElement(candidate.node),
                comparableHints.contains(where: { Self.isMinorPart(visible, of: $0) })
            {
                siteNameH1 = candidate.text
            }
        }
        // Confirm a site-name h1 by finding the rest of the title as a heading on the page
        // ("Seth's Blog: The importance of going first" + an h3 "The importance of going
        // first"); unconfirmed, it stays an ordinary candidate ("Review | Site | Tagline").
        var postTitle: String?
        if matched == nil, let site = siteNameH1, let title = metaTitle ?? s.meta.title,
            let siteNode = candidates.first(where: { $0.text == site })?.node
        {
            let rest = Self.stripSiteName(title, site, separators: Self.titleSeparators + [": "])
            if rest != title, let comparableRest = LeadDetector.comparable(rest) {
                // The post's title follows the blog's name; a heading before it is more header.
                for heading in s.scan.subheadings where heading > siteNode && !analysis.excluded[heading] {
                    guard let text = TextCleaner.nonEmpty(tree.rawText(of: heading)),
                        let comparable = LeadDetector.comparable(text), Self.agreesComparable(comparable, comparableRest)
                    else { continue }
                    postTitle = text
                    break
                }
            }
            if postTitle == nil { siteNameH1 = nil }
        }
        // No h1 the metadata confirms: old blog themes and many CMS templates give the post's
        // title an h2 (the h1, if any, is the site or the section). A subheading the metadata
        // title agrees with is the headline the reader sees, and its place anchors the date.
        // An h1 that is part of the metadata title is either the site's name in the header
        // (then the post's title follows it) or the story's own title with a long "| Site |
        // Tagline" tail (then a subheading before it is the header): unless it links home (the
        // site's name, wherever the theme puts it), only subheadings after such an h1 qualify.
        let firstH1InTitle = candidates.first { candidate in
            guard !linksHome(candidate.node), let visible = LeadDetector.comparable(candidate.text), visible.count >= 3 else { return false }
            return comparableHints.contains { $0.contains(visible) }
        }?.node ?? -1
        if matched == nil, postTitle == nil {
            search: for heading in s.scan.subheadings where heading > firstH1InTitle && !analysis.excluded[heading] && !linksHome(heading) {
                // Without a date element first ("Title <em>9 December, 2011</em>"), then whole
                // ("Podcast (10/30/12)", where the date is part of the title).
                for raw in [headingTextWithoutDate(heading), tree.rawText(of: heading)] {
                    guard let text = TextCleaner.nonEmpty(raw), text.count >= 10, let comparable = LeadDetector.comparable(text),
                        comparableHints.contains(where: { Self.agreesComparable(comparable, $0) }) || hintKeys.contains(Self.headlineKey(text))
                    else { continue }
                    if tree.ancestor(of: heading, where: { ["nav", "footer", "aside"].contains($0.name) }) != nil { continue search }
                    matched = (heading, text)
                    break search
                }
            }
        }
        var node = matched?.node
        var visible = matched?.text
        if node == nil, let microNode = s.microdata.headlineNode {
            node = microNode
            visible = s.microdata.headline
        }
        // Old blog themes put the blog's name in the h1 (and the post title in an h2): an
        // h1 that is only the smaller part of the page title is the site, not the story.
        let unmatched = candidates.filter { $0.text != siteNameH1 }
        if node == nil,
            let first = unmatched.first(where: { $0.text.count >= 10 }) ?? (s.meta.title == nil ? unmatched.first : nil)
        {
            node = first.node
            visible = first.text
        }
        let isMatched = matched != nil
        let blogName = postTitle != nil ? siteNameH1 : nil
        if let postTitle { return (postTitle, node, false, blogName) }
        // The visible h1 that a metadata title confirms is what the reader sees: it beats a
        // metadata title worded differently (curly quotes, "| Site", a promotional og:title).
        if let matched, let headline = Self.confirmedVisible(matched.text, hints: hints) {
            return (headline, node, true, blogName)
        }
        // No confirmed h1, but a story-length one that opens the page's prose: the reader sees
        // it as the story's title, so it beats metadata titles worded otherwise even when they
        // agree with each other (a promotional or social og:title, a quote as the title).
        // A page whose h1s head several parts of the text uses them as section headings:
        // none of them is the story's title by itself.
        // A copy of the same h1 (one for small screens, one hidden) is the same heading.
        if matched == nil, let opening = unmatched.first(where: { opensProse($0.node, text: $0.text) }),
            unmatched.allSatisfy({ $0.text == opening.text || !headsProse($0.node, throughWrappers: false) })
        {
            return (opening.text, opening.node, false, blogName)
        }
        // No confirmed h1: the metadata title the other sources agree with (a wiki's JSON-LD
        // `headline` that is really a description agrees with nothing). A short h1 votes too
        // ("Budget" and "Budget - Site"), and is then the node the body leaves out.
        let titled: [String?] = [s.jsonLD.headline, metaTitle, s.microdata.headline, s.meta.title.map { Self.titleWithoutSite($0, siteName) }]
        let shortH1 = visible == nil ? unmatched.first : nil
        if let agreed = Self.mostAgreed(titled.compactMap { $0 }, visible: visible ?? shortH1?.text) {
            if let shortH1, Self.headlineKey(agreed) == Self.headlineKey(shortH1.text) {
                return (shortH1.text, shortH1.node, isMatched, blogName)
            }
            return (Self.stripSiteName(Self.preferVisible(agreed, visible), siteName), node, isMatched, blogName)
        }
        // Nothing agrees: a story-length visible h1 beats metadata nobody confirms.
        if let visible, let node, visible.split(separator: " ").count >= metaRules.storyHeadlineMinimumWords || isStoryTitleElement(node) {
            return (visible, node, isMatched, blogName)
        }
        if let headline = s.jsonLD.headline { return (Self.preferVisible(headline, visible), node, isMatched, blogName) }
        if let title = metaTitle {
            return (Self.stripSiteName(Self.preferVisible(title, visible), siteName), node, isMatched, nil)
        }
        if let headline = s.microdata.headline { return (headline, node, isMatched, nil) }
        if let visible { return (visible, node, isMatched, nil) }
        return (s.meta.title.map { Self.titleWithoutSite($0, siteName) }, nil, false, nil)
    }

    /// A story-length h1 (`storyHeadlineMinimumWords`), not a link home or a linked teaser
    /// title, that opens the page's prose: marked as the story's title, or heading the text
    /// (`headsProse`). A site's name in the header is followed by navigation, a section's
    /// name by teasers: neither qualifies.
    func opensProse(_ h1: Int, text: String) -> Bool {
        guard text.split(separator: " ").count >= metaRules.storyHeadlineMinimumWords, !linksHome(h1),
            analysis.linkTextLength[h1] * 2 < analysis.textLength[h1]
        else { return false }
        return isStoryTitleElement(h1) || headsProse(h1)
    }

    /// The heading is followed — as its own siblings, or those of its wrapper — by at least
    /// `openingHeadlineMinimumText` characters of mostly unlinked text.
    ///
    /// The wrapper is a `header`/`hgroup`, or any element that holds little besides the
    /// heading, mostly unlinked (less than `openingHeadlineMinimumText` characters: a
    /// subhead, a byline, a date line): news templates put the headline in nested `div`s of
    /// its own and the story in the next one. A site's header holds a menu (links) or more
    /// text, and a wrapper is never climbed past `<body>`. With `throughWrappers: false` only a
    /// `header`/`hgroup` is climbed, one level: enough to tell whether another h1 heads a
    /// part of the text, without counting a logo's or a box's h1 as one.
    func headsProse(_ h1: Int, throughWrappers: Bool = true) -> Bool {
        let tree = analysis.tree
        var node = h1
        for _ in 0..<(throughWrappers ? metaRules.headlineWrapperLevels : 2) {
            let parent = Int(tree[node].parent)
            guard parent > 0 else { return false }
            var text: Int32 = 0
            var linked: Int32 = 0
            var after = false
            for sibling in tree.children(of: parent) {
                if sibling == node {
                    after = true
                    continue
                }
                guard after, !analysis.excluded[sibling] else { continue }
                text += analysis.textLength[sibling]
                linked += analysis.linkTextLength[sibling]
            }
            if Int(text - linked) >= metaRules.openingHeadlineMinimumText, linked * 2 < text { return true }
            guard tree[parent].name != "body" else { return false }
            let other = analysis.textLength[parent] - analysis.textLength[node]
            let otherLinked = analysis.linkTextLength[parent] - analysis.linkTextLength[node]
            let isHeadingWrapper = ["header", "hgroup"].contains(tree[parent].name)
                || (throughWrappers && Int(other) < metaRules.openingHeadlineMinimumText && otherLinked * 2 <= other)
            guard isHeadingWrapper else { return false }
            node = parent
        }
        return false
    }

    /// The h1 and a metadata title name the same story: equal, the title cut short, or the
    /// h1 as the larger part of the title ("Headline | Site").
    /// Both texts already passed through `LeadDetector.comparable`.
    static func agreesComparable(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if b.count >= 10 && a.hasPrefix(b) { return true }
        guard a.count * 2 >= b.count else { return false }
        if a.count >= 10 && b.hasPrefix(a) { return true }
        return a.count >= 15 && b.contains(a)
    }

    /// Letters and digits only, lower-cased: quotes, dashes and case do not make two titles
    /// different stories.
    static func headlineKey(_ text: String) -> String { BlockFilter.normalize(text) }

    /// A heading whose link goes to the site's root (`href="/"`, `http://host/`) is the
    /// site's name in a theme's header, whatever the page title says.
    func linksHome(_ heading: Int) -> Bool {
        let tree = analysis.tree
        var i = heading + 1
        while i <= tree[heading].subtreeEnd {
            defer { i += 1 }
            guard tree[i].isElement, tree[i].name == "a", let href = tree[i].attribute("href") else { continue }
            let trimmed = href.trimmingCharacters(in: .whitespaces)
            if trimmed == "/" { return true }
            if let url = URLComponents(string: trimmed), url.host != nil, url.path.isEmpty || url.path == "/", url.query == nil {
                return true
            }
        }
        return false
    }

    /// A heading's text without a child element that is only a date (`<h2>Title <em>9
    /// December, 2011</em></h2>`, a WordPress theme's shape).
    func headingTextWithoutDate(_ heading: Int) -> String {
        let tree = analysis.tree
        var parts: [String] = []
        for child in tree.children(of: heading) {
            let text = tree.rawText(of: child)
            if tree[child].isElement, text.count <= 40, VisibleDateFinder.date(in: text) != nil { continue }
            parts.append(text)
        }
        return parts.joined()
    }

    /// Two titles name the same story: equal keys, one the other cut short, or one inside
    /// the other as its larger part ("Headline | Site").
    static func keysAgree(_ a: String, _ b: String) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard short.count >= 10, short.count * 2 >= long.count else { return false }
        return long.hasPrefix(short) || long.hasSuffix(short) || (short.count >= 15 && long.contains(short))
    }

    /// The h1's own text when a metadata title agrees with it: equal, cut short, or with a
    /// site name before or after it ("Site - Headline").
    static func confirmedVisible(_ visible: String, hints: [String]) -> String? {
        let key = headlineKey(visible)
        guard !key.isEmpty else { return nil }
        for hint in hints {
            let hintKey = headlineKey(hint)
            if keysAgree(key, hintKey) {
                return visible
            }
        }
        return nil
    }

    /// The candidate most others agree with (the visible h1 votes too); ties go to the
    /// earlier candidate. Nil when no two sources agree.
    static func mostAgreed(_ candidates: [String], visible: String?) -> String? {
        let keys = candidates.map(headlineKey)
        let visibleKey = visible.map(headlineKey)
        var best: (index: Int, votes: Int)?
        for (i, key) in keys.enumerated() {
            var votes = 0
            for (j, other) in keys.enumerated() where j != i && keysAgree(key, other) { votes += 1 }
            if let visibleKey, keysAgree(key, visibleKey) { votes += 1 }
            if votes > 0, votes > (best?.votes ?? 0) { best = (i, votes) }
        }
        return best.map { candidates[$0.index] }
    }

    /// An h1 marked as a story's title (`entry-title`, `post-title`, `headline`, …) or
    /// inside an `article`: never the site's name, however it compares with `<title>`.
    func isStoryTitleElement(_ index: Int) -> Bool {
        let tree = analysis.tree
        if matchers.storyTitleMarkup.matches(tree[index]) { return true }
        return tree.ancestor(of: index, where: { $0.name == "article" }) != nil
    }

    /// The h1 is a part of the title, but the smaller one ("Blog Name: Post title").
    static func isMinorPart(_ a: String, of b: String) -> Bool {
        a.count >= 3 && a.count * 2 < b.count && b.contains(a)
    }

    /// A structured title that is the visible h1 truncated, or the h1 plus a suffix, gives
    /// way to the h1.
    static func preferVisible(_ structured: String, _ visible: String?) -> String {
        guard let visible, let a = LeadDetector.comparable(structured), let b = LeadDetector.comparable(visible), a != b else {
            return structured
        }
        if b.hasPrefix(a) && a.count >= 10 { return visible }  // structured cut short
        if a.hasPrefix(b) && b.count >= 10 {
            let rest = a.dropFirst(b.count).trimmedWhitespace()
            if let mark = rest.first, "|-–—:·»".contains(mark) { return visible }  // "Headline | Site"
        }
        return structured
    }

    static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " › "]

    /// "Headline | Site" → "Headline" when the site's name is known.
    static func stripSiteName(_ title: String, _ siteName: String?, separators: [String] = titleSeparators) -> String {
        guard let siteName, !siteName.isEmpty else { return title }
        // The title's case fold and length once, not twice per separator.
        let lowerTitle = title.lowercased()
        let titleCount = title.count
        for separator in separators {
            let suffix = separator + siteName
            if titleCount > suffix.count, lowerTitle.hasSuffix(suffix.lowercased()) {
                return String(title.dropLast(suffix.count))
            }
            let prefix = siteName + separator
            if titleCount > prefix.count, lowerTitle.hasPrefix(prefix.lowercased()) {
                return String(title.dropFirst(prefix.count))
            }
        }
        return title
    }

    /// `<title>` without the site part: the known site name, else a short last segment.
    static func titleWithoutSite(_ title: String, _ siteName: String?) -> String {
        let stripped = stripSiteName(title, siteName)
        if stripped != title { return stripped }
        for separator in titleSeparators {
            guard mayHold(title, separator), let range = title.range(of: separator, options: .backwards) else { continue }
            let last = title[range.upperBound...]
            if last.split(separator: " ").count <= 3 { return String(title[..<range.lowerBound]) }
        }
        return title
    }

    /// False when `title` cannot hold `separator` even under Foundation's canonical
    /// equivalence: its bytes lack the separator's mark (spaces aside), and for the middle
    /// dot also GREEK ANO TELEIA, the one scalar that decomposes into a separator's mark.
    /// A Foundation search per separator was most of a short page's title handling.
    static func mayHold(_ title: String, _ separator: String) -> Bool {
        let mark = String(separator.unicodeScalars.filter { $0 != " " })
        return title.containsUTF8(mark) || (mark == "\u{00B7}" && title.containsUTF8("\u{0387}"))
    }

    // MARK: language

    /// `html@lang` → `Content-Language` (http-equiv or meta) / `language` / `dc.language`
    /// → `og:locale` → JSON-LD `inLanguage` → microdata `inLanguage`; each normalised to
    /// BCP 47, invalid values skipped.
    func language(_ s: Sources) -> String? {
        var candidates: [String?] = [s.meta.htmlLang]
        candidates += metaRules.languageKeys.map { s.meta.first($0) }
        candidates += [s.meta.first("og:locale"), s.jsonLD.inLanguage, s.microdata.inLanguage]
        for candidate in candidates {
            if let tag = LanguageTag.normalize(candidate) { return tag }
        }
        return nil
    }

    // MARK: authors and agency

    /// Distinct author values read per page from each of JSON-LD, microdata and meta tags: a
    /// budget, not a rule (pages credit a few people; a hostile one can repeat the tag for
    /// every element it has, and each value goes through the byline parser).
    static let maximumAuthorTagValues = 64

    /// Authors: the first source naming at least one person, in the order JSON-LD `author`
    /// (Person names; Organization authors only count as agencies) → microdata `author` →
    /// meta `author` / `article:author` / `dc.creator` (URLs skipped) → the visible byline
    /// (`rel=author` links, elements classed byline/author after the headline). Every
    /// value goes through `BylineParser`, which splits "A and B", strips "By"/"Von" and
    /// routes agency credits away from people; a name equal to the site name is dropped.
    ///
    /// Agency: the first agency credit in the same sources, then a credit in the text
    /// ("(sda/daf)" at a paragraph's end, "Berlin (dpa) –"), see `AgencyCreditFinder`.
    func authorsAndAgency(_ s: Sources, headlineNode: Int?, siteName: String?, readPage: Bool) -> (authors: [String], agency: String?) {
        let parser = BylineParser(rules: metaRules)
        var authors: [String] = []
        var agencies: [String] = []
        func take(_ result: BylineParser.Result) {
            let people = result.authors.filter { name in siteName.map { !name.equalsIgnoringCase($0) } ?? true }
            if authors.isEmpty { authors = people }
            if agencies.isEmpty { agencies = result.agencies }
        }
        var structured = BylineParser.Result()
        var structuredNames: Set<String> = []
        for author in s.jsonLD.authors where structuredNames.count < Self.maximumAuthorTagValues {
            guard structuredNames.insert(author.name).inserted else { continue }
            if author.isOrganization {
                if let credit = parser.agencyCredit(author.name) { structured.agencies.append(credit) }
            } else {
                let parsed = parser.parse(author.name, minimumWords: 1)
                structured.authors += parsed.authors
                structured.agencies += parsed.agencies
            }
        }
        take(structured)
        var micro = BylineParser.Result()
        for author in s.microdata.authors.uniquedIgnoringCase().prefix(Self.maximumAuthorTagValues) {
            let parsed = parser.parse(author, minimumWords: 1)
            micro.authors += parsed.authors
            micro.agencies += parsed.agencies
        }
        take(micro)
        // Each distinct value is parsed once, at most `maximumAuthorTagValues` of them, and
        // reading stops once both are known: a page with 200,000 author tags spent seconds here.
        var parsedValues: Set<String> = []
        metaKeys: for key in metaRules.authorKeys {
            for value in s.meta.all(key) where !value.containsUTF8("://") && !value.hasPrefix("@") && !value.hasPrefix("www.") {
                if !authors.isEmpty && !agencies.isEmpty || parsedValues.count >= Self.maximumAuthorTagValues { break metaKeys }
                guard parsedValues.insert(value).inserted else { continue }
                take(parser.parse(value, minimumWords: 1))
            }
        }
        if readPage, authors.isEmpty || agencies.isEmpty {
            take(bylineFromPage(s, headlineNode: headlineNode, parser: parser))
        }
        return (authors.uniquedIgnoringCase(), agencies.isEmpty ? nil : agencies.joined(separator: "/"))
    }

    /// The visible byline: the first byline element after the headline (outside comments,
    /// teasers and bios), plus further byline elements in the same box.
    func bylineFromPage(_ s: Sources, headlineNode: Int?, parser: BylineParser) -> BylineParser.Result {
        let tree = analysis.tree
        var result = BylineParser.Result()
        var box: Int?
        var lastTaken = -1
        var tried = 0
        let bylineMarkup = matchers.bylineMarkup
        for candidate in s.scan.bylines {
            if let headlineNode, candidate < headlineNode { continue }
            if candidate <= lastTaken { continue }  // inside an element already read
            if let box, candidate > tree[box].subtreeEnd { break }
            guard !analysis.excluded[candidate],
                isBylineElement(name: tree[candidate].name, attributes: tree[candidate].attributes, markup: bylineMarkup)
            else { continue }
            let length = Int(analysis.textLength[candidate])
            guard length > 0, length <= metaRules.maximumBylineLength else { continue }
            if ClassTokens.hasSubstring(attributes: tree[candidate].attributes, matchers.bylineExcludedAncestors) {
                continue
            }
            if ClassTokens.hasAncestor(
                tree, of: candidate, substrings: matchers.bylineExcludedAncestors,
                elements: ["nav", "footer", "aside", "form"], depth: 15)
            {
                continue
            }
            tried += 1
            let parsed = parser.parse(tree.rawText(of: candidate), minimumWords: 2)
            lastTaken = tree[candidate].subtreeEnd
            if parsed.authors.isEmpty && parsed.agencies.isEmpty {
                if tried >= 6 { break }
                continue
            }
            for author in parsed.authors where !result.authors.contains(author) { result.authors.append(author) }
            for agency in parsed.agencies where !result.agencies.contains(agency) { result.agencies.append(agency) }
            if box == nil { box = max(0, Int(tree[candidate].parent)) }
        }
        return result
    }

    /// By the element's name and attributes: a `DOMNode` passed on is copied.
    private func isBylineElement(name: String, attributes: HTMLAttributes, markup bylineMarkup: ClassTokenMatcher) -> Bool {
        if name == "a", let rel = attributes.attributeNamed("rel"), rel.lowercased().split(separator: " ").contains("author") {
            return true
        }
        return bylineMarkup.matches(attributes: attributes)
    }

    // MARK: published / modified

    /// Published: JSON-LD `datePublished` → meta (`article:published_time`, `pubdate`,
    /// `dc.date.issued`, … see `MetadataRules.publishedKeys`) → microdata `datePublished`
    /// → the page's `time` elements and date-classed elements. Normalised by
    /// `DateNormalizer`; the first parseable value wins, but a value without offset is
    /// upgraded by a later full timestamp on the same calendar day. Then dates printed as
    /// text beside the headline (`VisibleDateFinder`), then a date in the URL's path.
    /// Placeholders (a year before 1990, a date beyond tomorrow) never count.
    func published(_ s: Sources, headlineNode: Int?, readPage: Bool, url: String?) -> String? {
        var candidates: [String?] = [s.jsonLD.datePublished]
        candidates += metaRules.publishedKeys.map { s.meta.first($0) }
        candidates.append(s.microdata.datePublished)
        let structured = Self.chooseDate(candidates)
        if let structured, structured.isInstant || !readPage { return structured.iso8601 }
        guard readPage else { return nil }
        if let chosen = Self.chooseDate(candidates + pageDates(s, headlineNode: headlineNode, modified: false, url: url)) {
            return chosen.iso8601
        }
        let visible = VisibleDateFinder(analysis: analysis).find(headlineNode: headlineNode, url: url ?? pageURL)
        return (visible ?? VisibleDateFinder.fromURL(url ?? pageURL))?.iso8601
    }

    /// Modified: JSON-LD `dateModified` → meta (`article:modified_time`, `og:updated_time`,
    /// …) → microdata `dateModified` → `time` elements classed as updates.
    func modified(_ s: Sources, headlineNode: Int?, readPage: Bool) -> String? {
        var candidates: [String?] = [s.jsonLD.dateModified]
        candidates += metaRules.modifiedKeys.map { s.meta.first($0) }
        candidates.append(s.microdata.dateModified)
        if let structured = Self.chooseDate(candidates), structured.isInstant || !readPage { return structured.iso8601 }
        guard readPage else { return nil }
        return Self.chooseDate(candidates + pageDates(s, headlineNode: headlineNode, modified: true))?.iso8601
    }

    /// Placeholders some CMSs emit when no date is set ("2001-01-01T00:00:00", the Unix
    /// epoch) lose to any real date.
    static func isPlaceholder(_ date: DateNormalizer.Parsed) -> Bool {
        date.month == 1 && date.day == 1 && (date.hour ?? 0) == 0 && (date.minute ?? 0) == 0 && (date.second ?? 0) == 0
            && (date.year <= 2001 || date.hour != nil)
    }

    static func chooseDate(_ candidates: [String?]) -> DateNormalizer.Parsed? {
        let parsed = candidates.compactMap { $0.flatMap(DateNormalizer.parse) }.filter { DateNormalizer.isPlausible($0) }
        let real = parsed.filter { !isPlaceholder($0) }
        return chooseParsed(real.isEmpty ? parsed : real)
    }

    private static func chooseParsed(_ candidates: [DateNormalizer.Parsed]) -> DateNormalizer.Parsed? {
        var chosen: DateNormalizer.Parsed?
        for parsed in candidates {
            guard let current = chosen else {
                chosen = parsed
                if parsed.isInstant { return parsed }
                continue
            }
            if parsed.isInstant && parsed.dateString == current.dateString { return parsed }
        }
        return chosen
    }

    /// `id`/`class` marks of an update date (`pageDates`).
    private static let updateMarks = ClassSubstrings(["updat", "modif", "aktualis", "edited"])

    /// Dates shown on the page: `time` elements (their `datetime`, else their text), then
    /// elements classed date/datum/time/publish, then byline elements ("Von A · 11.09.2023")
    /// — those after the headline first, none
    /// inside comments or teasers. `modified` selects the ones classed as updates.
    func pageDates(_ s: Sources, headlineNode: Int?, modified: Bool, url: String? = nil) -> [String?] {
        let tree = analysis.tree
        var after: [String?] = []
        var before: [String?] = []
        for list in [s.scan.times, s.scan.dates, s.scan.bylines] {
            // The page's own date comes early; a comment thread's hundred `time`s need not be read.
            for index in list.prefix(40) where !analysis.excluded[index] {
                // The story's date sits next to its headline; dates far away belong to
                // sidebars, teaser lists and comments.
                if let headlineNode {
                    let distance = index - headlineNode
                    if distance > metaRules.pageDateMaximumNodesAfterHeadline
                        || -distance > metaRules.pageDateMaximumNodesBeforeHeadline
                    {
                        continue
                    }
                }
                let attributes = tree[index].attributes
                let isUpdate = ClassTokens.hasSubstring(attributes: attributes, Self.updateMarks)
                guard isUpdate == modified || (!modified && attributes.attributeNamed("pubdate") != nil) else { continue }
                let datetime = attributes.attributeNamed("datetime") ?? attributes.attributeNamed("content")
                guard datetime != nil || analysis.textLength[index] <= 120 else { continue }
                // Cheap checks first: parse, then the ancestor walk, for the few that qualify.
                var value = datetime ?? tree.rawText(of: index)
                guard let parsed = DateNormalizer.parse(value) else { continue }
                // An all-numeric date that reads both ways follows the permalink's month.
                if datetime == nil {
                    let settled = VisibleDateFinder.settlingOrder(of: parsed, text: value, url: url)
                    if settled != parsed { value = settled.iso8601 }
                }
                if ClassTokens.hasAncestor(
                    tree, of: index, substrings: matchers.bylineExcludedAncestors,
                    elements: ["nav", "footer", "aside"], depth: 15)
                {
                    continue
                }
                if let headlineNode, index < headlineNode {
                    if before.count < 2 { before.append(value) }
                } else {
                    after.append(value)
                }
                if after.count >= 2 { break }
            }
        }
        return after + before
    }

    // MARK: tags

    /// `article:tag` (each value, comma lists split) → meta `keywords` / `news_keywords` /
    /// `dc.subject` → JSON-LD `keywords` → microdata `keywords` → the texts of `rel=tag`
    /// links (WordPress and others) outside sidebars; the first non-empty source,
    /// de-duplicated case-insensitively in page order.
    func tags(_ s: Sources) -> [String] {
        func split(_ values: [String]) -> [String] {
            values.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == ";" }) }.compactMap { TextCleaner.nonEmpty(String($0)) }
        }
        var sources: [[String]] = [split(metaRules.tagKeys.flatMap { s.meta.all($0) })]
        for key in metaRules.keywordKeys { sources.append(split(s.meta.all(key))) }
        sources.append(s.jsonLD.keywords)
        sources.append(s.microdata.keywords)
        sources.append(tagLinks(s))
        guard let chosen = sources.first(where: { !$0.isEmpty }) else { return [] }
        return chosen.filter { $0.count <= 100 }.uniquedIgnoringCase()
    }

    /// Containers of tag clouds (`tagLinks`).
    private static let tagCloudMarks = ClassSubstrings(["sidebar", "widget", "tagcloud", "tag-cloud"])

    /// Texts of `a rel=tag` links, skipping tag clouds in sidebars and navigation.
    func tagLinks(_ s: Sources) -> [String] {
        let tree = analysis.tree
        var result: [String] = []
        for index in s.scan.tagLinks where !analysis.excluded[index] {
            if ClassTokens.hasAncestor(tree, of: index, substrings: Self.tagCloudMarks, elements: ["aside", "nav"], depth: 12) {
                continue
            }
            if let text = TextCleaner.nonEmpty(tree.rawText(of: index)) { result.append(text) }
        }
        return result
    }

    // MARK: image

    /// JSON-LD `image` → `og:image` (`:url`, `:secure_url`) → `twitter:image` → microdata
    /// `image` → `link rel=image_src`; made absolute, non-web URLs skipped.
    func image(_ s: Sources) -> String? {
        var candidates: [String?] = [s.jsonLD.image]
        candidates += metaRules.imageKeys.map { s.meta.first($0) }
        candidates += [s.microdata.image, s.meta.imageSource]
        for candidate in candidates {
            if let url = URLResolver.absolute(candidate, base: s.base) { return url }
        }
        return nil
    }

    // MARK: lead

    /// Texts a lead paragraph may repeat: JSON-LD and meta descriptions.
    func descriptions(_ s: Sources) -> [String] {
        ([s.jsonLD.description] + metaRules.descriptionKeys.map { s.meta.first($0) } + [s.microdata.description]).compactMap { $0 }
    }

    // MARK: page type

    /// Article unless nothing declares an article and the layout is a list of teasers (see
    /// `PageTypeClassifier`).
    func pageType(_ s: Sources, hasStoryHeadline: Bool) -> PageType {
        let ogType = s.meta.first("og:type")?.lowercased() ?? ""
        let declaresArticle = s.jsonLD.hasArticle || s.microdata.hasArticle || ogType.hasPrefix("article")
            || s.meta.first("article:published_time") != nil
        let declaresIndex = !s.jsonLD.topLevelTypes.isDisjoint(with: metaRules.indexTypes)
        return PageTypeClassifier(analysis: analysis, rules: metaRules)
            .classify(.init(declaresArticle: declaresArticle, declaresIndex: declaresIndex, hasStoryHeadline: hasStoryHeadline))
    }
}
