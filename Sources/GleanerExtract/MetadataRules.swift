/// Word lists, meta keys and thresholds the metadata readers use. Part of `ExtractionRules`;
/// generic conventions (schema.org, OpenGraph, Dublin Core, common CMS class names), never
/// keyed to a site.
public struct MetadataRules: Sendable {
    public init() {}

    // MARK: Wire agencies

    /// Short agency credits, lower case, matched as whole tokens ("dpa", "(sda/daf)",
    /// "AP", "Reuters"). A credit goes to `agency`, never to `authors`.
    public var agencyCodes: Set<String> = [
        "dpa", "sda", "ap", "afp", "reuters", "apa", "kna", "epd", "ddp", "dapd", "sid", "ats", "ansa",
        "efe", "upi", "tass", "kyodo", "xinhua", "keystone-sda", "awp", "anp", "belga", "ctk", "pap",
        "aap", "ria", "interfax", "yonhap", "dts", "kathpress", "dpa-afx", "ap/dpa", "aptn",
    ]
    /// Agencies written out in full, lower case.
    public var agencyNames: Set<String> = [
        "associated press", "the associated press", "agence france-presse", "agence france presse",
        "deutsche presse-agentur", "schweizerische depeschenagentur", "austria presse agentur",
        "katholische nachrichten-agentur", "evangelischer pressedienst", "press association",
        "the canadian press", "canadian press", "united press international", "reuters news",
        "thomson reuters", "keystone-sda", "dpa-infocom",
    ]
    /// In "sda/daf" the part after the agency is an editor's initials: 2–4 letters.
    public var agencyInitialsLength: ClosedRange<Int> = 2...4

    // MARK: Bylines

    /// Words a byline starts with before the names, lower case; longest first is not needed,
    /// each is matched as whole words followed by a space or colon.
    public var bylinePrefixes: [String] = [
        "written by", "posted by", "reported by", "words by", "text von", "text und fotos",
        "by", "von", "text", "autor", "autorin", "autoren", "author", "authors", "par", "por",
    ]
    /// Words that separate several names in one byline.
    public var nameConjunctions: Set<String> = ["and", "und", "&", "et", "e", "y", "sowie"]
    /// Lower-case particles allowed inside a person's name ("Ursula von der Leyen").
    public var nameParticles: Set<String> = [
        "von", "van", "de", "der", "den", "da", "di", "du", "del", "della", "des", "la", "le", "zu",
        "bin", "al", "el", "ten", "ter", "dos", "das", "do", "y", "st.", "mc", "mac", "vom",
    ]
    /// A part of a byline containing one of these (lower case) is a role or a label, not a
    /// name ("Staff Writer", "Redaktion", "Updated").
    public var bylineNonNameWords: Set<String> = [
        "staff", "writer", "writers", "reporter", "reporters", "correspondent", "editor", "editors",
        "redaktion", "redakteur", "redakteurin", "korrespondent", "korrespondentin", "contributor",
        "contributing", "columnist", "team", "desk", "newsroom", "admin", "administrator", "agency",
        "agencies", "agenturen", "agentur", "online", "updated", "aktualisiert", "published",
        "veröffentlicht", "publiziert", "min", "minutes", "minuten", "read", "lesezeit", "uhr", "photo",
        "photos", "foto", "fotos", "bild", "bilder", "video", "quelle", "source", "share", "teilen",
        "follow", "folgen", "email", "e-mail", "twitter", "facebook", "comments", "kommentare", "posted",
        "gepostet", "ago", "vor", "stunden", "hours", "uhr.", "illustration", "grafik", "news", "media",
        "press", "presse", "verlag", "gmbh", "ag", "inc", "ltd", "llc", "business", "magazine", "magazin",
        "tribune", "gazette", "herald", "network", "channel", "tv", "radio", "bureau", "service", "services",
        "wire", "group", "international", "zeitung", "sport", "sports", "blog", "website", "nachrichten",
        "sponsored", "partner", "guest", "gastbeitrag", "gastautor", "advertise", "advertising", "get",
        "subscribe", "contact", "view", "all", "posts", "articles", "profile", "about", "sign", "login",
        "register", "click", "here", "more", "the", "on", "at", "for", "with", "of", "to", "from", "in",
        "und", "and", "times", "corporate", "journal", "daily", "weekly", "today",
    ]
    /// Longest plausible person name in words / characters.
    public var maximumNameWords = 5
    public var maximumNameLength = 60

    /// `class`/`id` tokens of elements holding the byline.
    public var bylineTokens: Set<String> = [
        "byline", "bylines", "author", "authors", "autor", "autoren", "writer", "byline-author",
        "authorname", "author-name", "byline-name", "contributor", "contributors", "article-author",
    ]
    /// Ancestors with these `class`/`id` substrings hold other people (commenters, related
    /// articles' authors, author bios), not the article's byline.
    public var bylineExcludedAncestorSubstrings: [String] = [
        "comment", "related", "teaser", "recommend", "sidebar", "footer", "promo", "bio", "respond",
        "reply", "more-", "aside", "widget",
    ]
    /// Longest byline element text considered (a longer "author" box is a bio).
    public var maximumBylineLength = 200

    // MARK: Lead

    /// `class`/`id` tokens of a standfirst/teaser element below the headline.
    public var leadTokens: Set<String> = [
        "lead", "lede", "standfirst", "intro", "teaser", "dek", "deck", "summary", "subtitle",
        "subheadline", "subline", "abstract", "excerpt", "strapline", "leadtext", "introtext",
        "teasertext", "sub-title", "sub-headline", "articlelead", "article-lead", "summary-text",
        "vorspann", "einleitung",
    ]
    /// `class`/`id` tokens of elements that are never the lead, and whose subtrees are
    /// skipped when looking for it: captions, credits, bylines, date lines, share bars.
    public var leadExcludedTokens: Set<String> = [
        "caption", "credit", "credits", "byline", "author", "authors", "date", "time", "meta", "data", "info",
        "photo", "image", "img", "media", "figure", "share", "sharing", "social", "tags", "breadcrumb",
        "kicker", "overline", "dachzeile", "label",
    ]
    /// Substrings of `class`/`id` that name a lead inside a longer word ("articleLead").
    public var leadSubstrings: [String] = ["standfirst", "leadtext", "articlelead", "storylead", "introtext", "subtitle", "subheadline", "teasertext"]
    /// A lead has this many visible characters at least / at most.
    public var leadLength: ClosedRange<Int> = 20...1500
    /// The lead must come before the first body paragraph: a `p` at least this long ends
    /// the search.
    public var leadBodyParagraphLength = 80
    /// How far (in nodes) after the headline the lead is looked for.
    public var leadSearchNodes = 600

    // MARK: Meta keys (lower case; `dc:` and `dcterms:` are read as `dc.` / `dcterms.`)

    public var titleKeys: [String] = ["og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title"]
    public var descriptionKeys: [String] = ["og:description", "twitter:description", "description", "dc.description", "dcterms.description"]
    public var publishedKeys: [String] = [
        "article:published_time", "og:article:published_time", "article:published", "og:published_time",
        "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "date", "dc.date",
        "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created", "dcterms.date",
        "sailthru.date", "parsely-pub-date", "article.published", "date.available", "citation_publication_date",
    ]
    public var modifiedKeys: [String] = [
        "article:modified_time", "og:article:modified_time", "og:updated_time", "article:modified",
        "modified_time", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "revised",
        "article.updated", "date.updated",
    ]
    public var authorKeys: [String] = ["author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl"]
    public var siteNameKeys: [String] = ["og:site_name"]
    public var applicationNameKeys: [String] = ["application-name", "apple-mobile-web-app-title"]
    public var imageKeys: [String] = ["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"]
    public var tagKeys: [String] = ["article:tag", "og:article:tag"]
    public var keywordKeys: [String] = ["keywords", "news_keywords", "dc.subject"]
    public var languageKeys: [String] = ["http-equiv:content-language", "content-language", "language", "dc.language", "dcterms.language"]

    // MARK: schema.org types

    /// JSON-LD / microdata types of a single story. Any type ending in "Article" counts too.
    public var articleTypes: Set<String> = [
        "Article", "NewsArticle", "BlogPosting", "LiveBlogPosting", "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle",
        "ScholarlyArticle", "TechArticle", "Report", "SatiricalArticle", "AdvertiserContentArticle",
        "AskPublicNewsArticle",
    ]
    /// Types of pages that list other pages.
    public var indexTypes: Set<String> = ["CollectionPage", "ItemList", "SearchResultsPage", "Blog"]
    /// Types that carry page-level language and name, consulted when the article lacks them.
    public var pageTypes: Set<String> = ["WebPage", "WebSite", "ItemPage", "AboutPage"]

    func isArticleType(_ type: String) -> Bool {
        articleTypes.contains(type) || type.hasSuffix("Article")
    }

    // MARK: Page type

    /// An index page shows at least this many teaser headlines (headings that are links).
    public var indexMinimumTeasers = 10
    /// …and has no block of running text longer than this (visible characters of the
    /// paragraphs under one parent).
    public var indexMaximumDominantText = 600
    /// With an explicit CollectionPage/ItemList declaration the bar is lower.
    public var declaredIndexMinimumTeasers = 4
    public var declaredIndexMaximumDominantText = 1200
    /// An h1 with at least this many words that agrees with the page title is a story's
    /// headline, not a section name.
    public var storyHeadlineMinimumWords = 5
    /// `class`/`id` substrings that mark a heading as a story's title rather than the
    /// site's name.
    public var storyTitleSubstrings: [String] = [
        "entry-title", "entry_title", "post-title", "post_title", "posttitle", "article-title", "article_title",
        "articletitle", "story-title", "headline", "entrytitle",
    ]
    /// Teaser headings shorter than this are menu items, not teasers.
    public var teaserMinimumLength = 15

    // MARK: Dates on the page

    /// A date shown on the page counts only this close (in nodes) to the headline.
    public var pageDateMaximumNodesAfterHeadline = 600
    public var pageDateMaximumNodesBeforeHeadline = 300

    // MARK: Agency credit in the text

    /// Elements whose text is never the article's agency credit (links, navigation, asides,
    /// footers, captions, forms): the search skips their subtrees.
    public var creditSkippedElements: Set<String> = ["a", "nav", "aside", "footer", "figure", "form"]
    /// `class`/`id` substrings of containers whose "(dpa)" is someone else's credit.
    public var creditExcludedAncestorSubstrings: [String] = [
        "related", "teaser", "recommend", "sidebar", "footer", "promo", "comment", "more-", "aside", "widget", "nav",
    ]
    /// A credit such as "Berlin (dpa) –" must start the paragraph within this many characters.
    public var datelineCreditMaximumOffset = 60
}
