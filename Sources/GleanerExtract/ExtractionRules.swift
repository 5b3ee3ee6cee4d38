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
    public var boilerplateElements: Set<String> = ["nav", "aside", "form", "footer", "menu", "dialog", "figcaption"]
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
        "respond", "reply", "more", "readmore", "author", "bio", "profile", "caption", "credit", "copyright",
        // German newspaper CMSs: section rubric, date, author, print tools, "more articles".
        "rubrik", "datum", "autor", "druck", "weitere",
    ]
    /// Tokens of comment sections: furniture even when they hold more text than the article.
    public var strictBoilerplateTokens: Set<String> = ["comments", "comment", "disqus", "respond", "reply", "replies"]
    /// Substrings of comment-section `id`/`class` values ("commentbody", "commentlist").
    public var strictBoilerplateSubstrings: [String] = ["comment", "disqus"]
    /// Substrings of `id`/`class` that mark furniture even inside a longer token.
    public var boilerplateSubstrings: [String] = [
        "sharebar", "sharing", "socialbar", "newsletter", "cookie", "consent", "related", "recirc",
        "advert", "sidebar", "breadcrumb", "subscribe", "promo", "outbrain", "taboola", "popular",
        "trending", "mostread", "most-read", "nocontent",
    ]
    /// Substrings of `id`/`class` that CMSs put on the element holding the article text
    /// itself (WordPress, Blogger, Drupal, hAtom, newspaper themes). Such an element, and any
    /// furniture-named wrapper around it (Blogger's `widget Blog`), is never furniture.
    public var articleBodyMarkers: [String] = [
        "entry-content", "entrycontent", "post-body", "postbody", "post-content", "postcontent", "hentry",
        "article-body", "articlebody", "article__body", "article-content", "articlecontent", "article-text",
        "story-body", "storybody", "story-content", "entry-body", "entry-more", "post-entry", "post-text", "node-content",
        "field-body", "field-name-body", "itemfulltext", "article_body", "post_body", "entry_content",
        "post_content", "article_content", "story_body",
    ]
    /// Whole `id` values that name the article's continuation: Movable Type's extended entry
    /// (`<div id="more">` after the "continue reading" break) — not a "more stories" box,
    /// which sits outside the article and rarely uses a bare `more` id.
    public var articleBodyMarkerIDs: Set<String> = ["more"]
    /// Tokens that, present in `id`/`class`, protect an element from token-based removal
    /// because they name the article body itself.
    public var contentTokens: Set<String> = [
        "article", "content", "story", "body", "entry", "post", "main", "text", "articlebody",
    ]

    // MARK: Boilerplate lines

    /// Blocks longer than this (UTF-8 bytes) are never dropped for their wording.
    public var boilerplateBlockMaximumLength: Int = 100
    /// Whole short blocks (normalized: lower-case words) that are furniture.
    public var boilerplateBlockTexts: Set<String> = [
        "advertisement", "advertisements", "advert", "ad", "ads", "sponsored", "iklan", "anzeige", "publicidad",
        "comments", "comment", "post a comment", "leave a comment", "leave a reply", "caption", "hide caption",
        "toggle caption", "close", "share", "share this", "share this article", "share this story", "tweet",
        "pin it", "email", "print", "subscribe", "video", "gallery", "search", "follow us", "most popular",
        "recent posts", "related posts", "related articles", "related stories", "related", "you may also like",
        "story highlights", "start quote", "end quote", "trackback", "trackbacks", "enlarge photo",
        "enlarge this image", "loading", "loading slideshow", "text size", "skip to content", "back to top",
        "read more", "continue reading", "see more", "show more", "view comments", "newsletter sign up",
        "recommended", "top stories", "more stories", "read next", "up next", "listen",
    ]
    /// Beginnings of short blocks that are furniture.
    public var boilerplateBlockPrefixes: [String] = [
        "posted in ", "filed under ", "read more ", "click here to ",
        "subscribe to ", "follow us ", "share this ", "you may also like", "tell us what you think",
        "the comments to this entry are closed", "comments powered by", "comments are closed", "trackback",
        "image credit", "photo credit", "photograph by ", "credit ", "also on ", "more great ", "like this story",
        "advertisement ", "newsletter ", "get our newsletter", "join our newsletter", "download our app",
        "continue reading ",
    ]
    /// Beginnings of short blocks, punctuation included, that announce a link to elsewhere
    /// ("Related: …") — the colon tells them from prose ("Related developments …").
    public var boilerplateBlockLabelPrefixes: [String] = [
        "related:", "see also:", "read more:", "also read:", "read also:", "more:", "watch:", "recommended:",
    ]
    /// Headings (normalized, numbers removed) that open the discussion below a post: the
    /// body ends there.
    public var discussionHeadings: Set<String> = [
        "comments", "comment", "responses", "replies", "discussion", "reader comments", "user comments",
        "trackbacks", "trackback", "pingbacks", "comments and trackbacks",
        "leave a reply", "leave a comment", "post a comment", "add a comment", "add your comment",
        "join the discussion", "comments are closed", "comments closed",
    ]
    /// Beginnings of such headings ("3 Responses to …", "TrackBack URL for this entry").
    public var discussionHeadingPrefixes: [String] = [
        "responses to ", "comments on ", "comments to ", "replies to ", "thoughts on ", "trackback url for this entry",
        "listed below are links to weblogs", "comments for this entry", "comments for this post",
    ]
    /// Article text (UTF-8 bytes) that must precede a discussion heading for the cut.
    public var discussionMinimumTextBefore: Int = 200
    /// Endings of short blocks that are furniture (photo credits).
    public var boilerplateBlockSuffixes: [String] = ["getty images", "shutterstock", "ap photo", "afp photo"]

    // MARK: Content scoring

    /// Elements that own the text of their inline descendants (see `ParagraphUnits`).
    public var blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "td", "th", "li", "ul", "ol", "dl", "dd", "dt",
        "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "tbody", "thead",
        "tfoot", "form", "header", "footer", "aside", "nav", "figure", "figcaption", "center", "body",
        "html", "address", "details", "summary", "caption", "fieldset", "hr", "menu", "dialog",
    ]
    /// Block elements that always pass their score to their parent (a paragraph is never the
    /// container of the article, even when it holds line breaks).
    public var paragraphOnlyElements: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"]
    /// Own link density above which a paragraph unit adds no score.
    public var maximumUnitLinkDensity: Double = 0.5
    /// Own link density up to which a paragraph unit counts as article-like "good" text.
    public var goodUnitLinkDensity: Double = 0.33
    /// Share of the page's good text a furniture-looking element must hold to be kept as a
    /// layout wrapper (ASP.NET `<form>` pages, Blogger "widget" wrappers, "paywall" bodies).
    public var wrapperGoodTextShare: Double = 0.5
    /// ... and at least this much good text: on a near-empty page a sidebar's author blurb
    /// outweighs the post, which is no reason to keep it.
    public var wrapperMinimumGoodText: Int32 = 250
    /// Score factor for a container marked as the article body (`articleBodyMarkers`).
    public var articleBodyMarkerBoost: Double = 5
    /// Number of ancestors a paragraph unit passes its score to (readability uses 5).
    public var scoredAncestorLevels: Int = 5
    /// The chosen container looks for a larger ancestor when it holds less than this share of
    /// the page's good text.
    public var containerGoodTextShare: Double = 0.6
    /// An inline element (`<span>`) named like furniture but holding at least this much
    /// unlinked text wraps article text (editors' stray classes), so it is kept.
    public var inlineFurnitureMaximumLength: Int32 = 200
    /// The chosen container grows to an ancestor when that ancestor holds at least this many
    /// times its good text (article text split over sibling columns).
    public var ancestorGoodTextGain: Double = 1.3

    /// Paragraph-like elements shorter than this (visible characters) add no score.
    public var minimumParagraphLength: Int = 40
    /// Score a paragraph adds per this many characters of text (capped).
    public var charactersPerPoint: Double = 100
    public var maximumLengthPoints: Double = 3
    /// A sibling of the best container joins it when its score reaches this share of the best.
    public var siblingScoreShare: Double = 0.2
    /// A paragraph-like sibling of the best container this long joins it.
    public var siblingParagraphMinimumLength: Int = 80
    /// Link density above which a block-level subtree inside the content is dropped.
    public var maximumLinkDensity: Double = 0.85
    /// Link-dense subtrees are only dropped when their text is shorter than this.
    public var linkDenseMaximumLength: Int = 400
    /// A block of the content whose word characters are at least this share link text is a
    /// tool line or a link list, and is dropped (`BlockBuilder`).
    public var linkOnlyBlockShare: Double = 0.9
    /// Elements that, when they carry little text, are dropped from the content as widgets.
    public var prunableContainers: Set<String> = ["div", "section", "ul", "ol", "table", "p", "li", "dl"]
}
