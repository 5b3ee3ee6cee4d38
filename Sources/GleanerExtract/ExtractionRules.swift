import GleanerModel

/// Every selector, word list and threshold the generic extractor uses, in one place.
///
/// Nothing here is keyed to a particular site: patterns describe markup conventions shared
/// by many CMSs (WordPress, Drupal, Arc, newspaper themes). Site-specific rules belong in a
/// user's pipeline file, never in these defaults.
public struct ExtractionRules: Sendable {
    public static let `default` = ExtractionRules()

    public init() {}

    /// Comment-section rules (see `CommentRules`).
    public var comments = CommentRules()

    /// Metadata rules (see `MetadataRules`).
    public var metadata = MetadataRules()

    // MARK: Block structure

    /// Elements that start a block of a given kind.
    public var headingLevels: [String: Int] = ["h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6]
    /// Elements that end the running block and start a new one of the surrounding kind.
    public var blockBoundaryElements: Set<String> = [
        "div", "section", "article", "main", "table", "tr", "td", "th", "ul", "ol", "dl", "dt", "dd",
        "figure", "figcaption", "header", "footer", "aside", "center", "hr", "address", "details",
        "summary", "caption", "tbody", "thead",
    ]
    /// Inline elements whose neighbours must not run together ("a</span><span>b").
    public var inlineSeparatedElements: Set<String> = ["img", "input", "label", "td", "th"]

    /// The block kind an element opens, given the kind of the enclosing block.
    func blockKind(for name: String, inside enclosing: Block.Kind?) -> (kind: Block.Kind, level: Int?)? {
        if let level = headingLevels[name] { return (.heading, level) }
        switch name {
        case "p":
            return (enclosing == .quote ? .quote : (enclosing == .listItem ? .listItem : .paragraph), nil)
        case "li":
            return (.listItem, nil)
        case "blockquote":
            return (.quote, nil)
        case "pre":
            return (.preformatted, nil)
        default:
            return nil
        }
    }

    // MARK: Boilerplate

    /// Elements that are page furniture wherever they appear.
    public var boilerplateElements: Set<String> = ["nav", "aside", "form", "footer", "menu", "dialog"]
    /// ARIA landmark roles of page furniture.
    public var boilerplateRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu",
        "menubar", "toolbar",
    ]
    /// Tokens of `id`/`class` values (split on `-`, `_`, space) that mark page furniture.
    public var boilerplateTokens: Set<String> = [
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "footer", "sidebar", "aside",
        "share", "sharing", "social", "socials", "related", "recommended", "recommendations", "promo",
        "newsletter", "subscribe", "subscription", "signup", "consent", "cookie", "cookies", "gdpr",
        "login", "paywall", "advert", "advertisement", "ads", "ad", "banner", "sponsor", "sponsored",
        "popup", "modal", "overlay", "teaser", "teasers", "widget", "outbrain", "taboola", "masthead",
        "toolbar", "pagination", "pager", "feedback", "rating", "tags", "tagcloud", "byline", "dateline",
        "print", "skip", "hidden", "sr", "visually", "screen", "offscreen", "disqus", "comments", "comment",
        "respond", "reply", "more", "readmore", "author", "bio", "caption", "credit", "copyright",
    ]
    /// Substrings of `id`/`class` that mark furniture even inside a longer token.
    public var boilerplateSubstrings: [String] = [
        "sharebar", "sharing", "socialbar", "newsletter", "cookie", "consent", "related", "recirc",
        "advert", "sidebar", "breadcrumb", "subscribe", "promo", "outbrain", "taboola", "popular",
        "trending", "mostread", "most-read", "nocontent",
    ]
    /// Tokens that, present in `id`/`class`, protect an element from token-based removal
    /// because they name the article body itself.
    public var contentTokens: Set<String> = [
        "article", "content", "story", "body", "entry", "post", "main", "text", "articlebody",
    ]

    // MARK: Content scoring

    /// Elements whose own text counts as a paragraph when scoring containers.
    public var paragraphElements: Set<String> = ["p", "pre", "blockquote", "td", "li", "h2", "h3"]
    /// Paragraph-like elements shorter than this (visible characters) add no score.
    public var minimumParagraphLength: Int = 25
    /// Score a paragraph adds per this many characters of text (capped).
    public var charactersPerPoint: Double = 100
    public var maximumLengthPoints: Double = 3
    /// Share of the score passed to the grandparent of a paragraph.
    public var grandparentShare: Double = 0.5
    /// A sibling of the best container joins it when its score reaches this share of the best.
    public var siblingScoreShare: Double = 0.2
    /// Link density above which a block-level subtree inside the content is dropped.
    public var maximumLinkDensity: Double = 0.5
    /// Link-dense subtrees are only dropped when their text is shorter than this.
    public var linkDenseMaximumLength: Int = 400
    /// Elements that, when they carry little text, are dropped from the content as widgets.
    public var prunableContainers: Set<String> = ["div", "section", "ul", "ol", "table", "p", "li", "dl", "span"]
}
