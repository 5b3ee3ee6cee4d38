/// Markup conventions that identify user comment sections and single comments.
/// Part of `ExtractionRules`; generic across CMSs, never keyed to a site.
///
/// Class and id values are compared in two forms (see `CommentMarkup`):
/// - *tokens*: one class name split on `-`, `_`, lower-cased (`comment-reply-link` →
///   `comment`, `reply`, `link`), and
/// - *joined*: one class name lower-cased with `-`/`_` removed (`comment_list` → `commentlist`),
///   so that spelling variants of the same convention meet in one entry.
public struct CommentRules: Sendable {
    public init() {}

    /// Whether `Comment.text` also holds the comment's header line (author, date, "says:") as
    /// shown on the page.
    ///
    /// Decision: `false` — `text` is what the commenter wrote; author and date have their own
    /// fields, and consumers index and de-duplicate on `text`. This costs benchmark points:
    /// dragnet's gold comment text is the comment *as displayed*, header lines included, so on
    /// the dragnet dev set comments F1 is 0.784 (P 0.853, R 0.726) with `false` and 0.877
    /// (P 0.874, R 0.880) with `true`. Flip this switch if matching that convention matters
    /// more than a clean text field.
    public var includeHeaderInText = false

    /// Lower-case substrings of an `id`/`class` attribute worth looking at further; an element
    /// without any of them is skipped cheaply in the page-wide scan.
    public var markupKeywords: [String] = ["comment", "coment", "komment", "disqus", "dsq", "reaction", "cmt", "discussion"]

    /// Joined names of containers that hold a page's comment section.
    public var sectionNames: Set<String> = [
        "comments", "commentlist", "commentslist", "commentsarea", "commentarea", "commentscontainer",
        "commentsection", "commentssection", "commentsblock", "allcomments", "usercomments", "readercomments",
        "commentswrapper", "commentsthread", "commentthread", "commentstream", "disqusthread", "dsqcomments",
        "dsqcontent", "postcomments", "articlecomments", "storycomments", "commentsbox", "commentsholder",
        "commentswrap", "commentsinner", "commentsmain", "comentarios", "kommentare", "commentaires",
        "reactions", "threadedcomments", "commentscontent", "commentsblockwrapper", "blogcomments",
        "commentsouter", "commentspanel", "commentsmodule", "journalcommentarea",
    ]
    /// A joined name ending in one of these (`discussion-comments`, `jc_commentsDiv` does not)
    /// names a section too, unless what comes before is in `sectionPrefixExclusions`.
    public var sectionSuffixes: [String] = ["comments", "commentlist", "commentslist", "commentsarea", "commentscontainer"]
    public var sectionPrefixExclusions: Set<String> = [
        "recent", "latest", "top", "most", "popular", "count", "no", "show", "hide", "load", "more", "view", "read",
        "add", "toggle", "open", "closed", "rss", "feed", "link", "num", "total", "icon", "fa", "has", "with",
        "without", "allow", "enable", "disable", "subscribe", "follow", "best", "featured", "my", "your", "new",
        "last", "sidebar", "widget", "footer", "header", "nav", "menu", "post", "btn", "button", "goto", "jump",
        "scroll", "skip", "tab", "email", "notify", "feature", "widget", "sort", "filter", "pager", "page",
    ]
    /// Page-level elements that are never a comment section, whatever their class.
    public var neverSectionElements: Set<String> = ["html", "body", "main", "form", "a", "span", "button", "input", "img"]
    /// Joined class names of one comment.
    public var itemNames: Set<String> = [
        "comment", "commentitem", "commentwrap", "commentwrapper", "commentcontainer", "commentbox",
        "commentblock", "commentsingle", "singlecomment", "commentinner", "usercomment", "highlandercomment",
        "dsqcomment", "blogcomment", "commentpost", "comentario", "kommentar", "commentaire", "commentthread",
        "commentbody", "realcomment", "innercomment", "commentsitem", "commentslistitem", "commentlistitem",
        "wpdcomment", "dnacomment",
    ]
    /// Class names of one comment that some templates give the whole section too (Movable
    /// Type's per-comment `comments-body`): they count only as a list of siblings.
    public var listItemNames: Set<String> = ["commentsbody"]
    /// A class name whose last token is `comment` (`dsq-comment`, `blogComment`) names one
    /// comment too, unless its first token says it is a control or a counter.
    public var itemPrefixExclusions: Set<String> = [
        "add", "post", "leave", "new", "no", "write", "submit", "icon", "fa", "glyph", "show", "hide", "toggle",
        "load", "more", "count", "recent", "latest", "top", "last", "your", "my", "edit", "delete", "has",
        "without", "with", "open", "closed", "cancel", "btn", "button", "link", "view", "read", "form",
    ]
    /// Tokens that make a `…comment` class a part of the comment form (`comment-form-comment`).
    public var itemFormTokens: Set<String> = ["form", "field", "input", "label", "respond", "textarea"]
    /// Joined `id` prefixes that, followed only by digits, name one comment (`comment-123`,
    /// `li-comment-123`, `div-comment-123`).
    public var itemIdPrefixes: Set<String> = ["comment", "licomment", "divcomment", "dsqcomment", "commentbody", "cmt"]
    /// `itemtype` substring and `itemprop` value of a schema.org comment.
    public var schemaCommentType = "schema.org/comment"
    public var schemaCommentProperty = "comment"
    /// Elements that never are a whole comment, whatever their class.
    public var inlineElements: Set<String> = [
        "a", "span", "img", "input", "label", "button", "textarea", "select", "option", "i", "b", "em",
        "strong", "small", "abbr", "time", "cite", "h1", "h2", "h3", "h4", "h5", "h6", "form", "script",
        "style", "noscript", "iframe", "svg", "nav", "br", "hr",
    ]
    /// Elements whose presence around a candidate marks it as page furniture (widgets listing
    /// recent comments elsewhere on the site, navigation).
    public var furnitureAncestors: Set<String> = ["nav", "aside", "header"]
    /// Substrings of a joined class/id that mark a widget listing comments from elsewhere on
    /// the site (recent comments, sidebars); nothing inside is a comment of this page.
    ///
    /// Not plain "widget" or "sidebar": Blogger wraps whole posts in `div.widget.Blog`, and
    /// Genesis themes wrap content in `content-sidebar-wrap`.
    public var furnitureContainerSubstrings: [String] = [
        "recentcomment", "latestcomment", "dsqwidget", "commentwidget", "commentswidget", "widgetrecent",
        "popularcomment", "mostcommented", "recentdiscussion",
    ]

    // MARK: Inside one comment

    /// Tokens (exact) of elements inside a comment that are controls, not what the user wrote.
    public var furnitureTokens: Set<String> = [
        "share", "sharing", "like", "likes", "edit", "delete", "actions", "action", "tools", "toolbar", "flag",
        "report", "reply", "replylink", "vote", "votes", "voting", "avatar", "rating", "ratings", "moderation",
        "spam", "controls", "buttons", "permalink", "reactions", "links", "social",
    ]
    /// Substrings of a joined class name that mark controls (`commentreplylink`, `upvote`).
    public var furnitureSubstrings: [String] = ["reply", "report", "vote", "avatar", "rating", "moderat", "toolbar"]
    /// Substrings of a joined class name that mark the header: author, date, number.
    public var headerSubstrings: [String] = [
        "author", "meta", "date", "time", "byline", "posted", "vcard", "commenter", "user", "name", "head",
        "info", "number", "num", "cite", "when", "poster", "footer", "commentspost",
    ]
    /// Substrings of a joined class name that mark the comment text: never a header.
    public var bodySubstrings: [String] = ["content", "text", "body", "message", "entry"]
    /// Elements that are part of the header whatever their class.
    public var headerElements: Set<String> = ["cite", "time", "header", "footer"]
    /// Elements skipped inside a comment: controls, media, forms.
    public var skippedElements: Set<String> = [
        "form", "button", "textarea", "input", "select", "img", "svg", "iframe", "noscript", "script", "style",
        "object", "video", "audio", "canvas", "label",
    ]
    /// Texts of links and buttons that are comment controls ("Reply", "Report").
    public var controlTexts: Set<String> = [
        "reply", "report", "report abuse", "report comment", "flag", "like", "quote", "permalink", "link",
        "edit", "delete", "share", "antworten", "melden", "zitieren", "répondre", "signaler", "responder",
        "reportar", "rispondi", "segnala", "reply ↓", "↓", "reply to this comment", "reply to comment",
        "leave a comment", "leave a reply", "add comment", "post comment", "kommentieren", "log in to reply",
    ]
    /// Headers are short: a "header" element with more text is a wrapper, not a header.
    public var maximumHeaderLength = 160
    /// Classes naming the author element, most specific first.
    public var authorNameSubstrings: [String] = ["fn", "name", "author", "commenter", "user", "poster"]
    /// Trailing words after an author's name ("Maria says:").
    /// Phrases before the commenter's name in a plain-text header line ("Comment #1 - Posted
    /// by: MattPatt at November 10, 2012"), lower-case; the name ends at one of
    /// `authorNameTerminators`.
    public var authorLeadPhrases: [String] = ["posted by", "written by", "comment by", "submitted by", "geschrieben von"]
    public var authorNameTerminators: [String] = [" at ", " on ", " | ", " - ", " – ", ", ", " am ", " um ", " le ", " el "]
    /// A name taken from a header line has at most this many words.
    public var maximumAuthorWords = 5
    public var authorSuffixes: [String] = [
        "says", "said", "wrote", "schreibt", "schrieb", "meint", "dice", "dit", "a écrit", "escribió", "on", "|",
    ]
    /// Openings of texts that are notices of links from elsewhere (pingbacks, reblogs), not
    /// comments.
    public var notCommentPrefixes: [String] = ["reblogged this on", "pingback:", "trackback:", "[...]", "[…]"]
    /// Class tokens that only distinguish alternate rows; ignored when comparing the
    /// structure of repeated siblings.
    public var rowTokens: Set<String> = ["odd", "even", "alt", "first", "last", "thread", "new", "old"]
    /// Longest plausible author name, in characters.
    public var maximumAuthorLength = 60
    /// Joined class prefix followed by a number giving the nesting level (`depth-2`).
    public var depthClassPrefix = "depth"

    // MARK: Acceptance

    /// A comment needs at least this many visible characters of its own text.
    public var minimumCommentLength = 2
    /// Comments whose text is mostly link text (widgets, trackbacks) are dropped when shorter
    /// than `linkDenseMaximumLength`.
    public var maximumLinkDensity = 0.6
    public var linkDenseMaximumLength = 300
    /// A section root may hold this much text besides its comments (headings, the form's
    /// labels and consent text); more means it wraps the article too and is not excluded.
    public var maximumSectionExtraLength = 1500
    /// Repeated-structure fallback inside a section without comment markup: minimum number
    /// of repeated children and their minimum total text.
    public var minimumRepeatedItems = 2
    public var minimumRepeatedTextLength = 80
    /// Elements whose repetition is ordinary text flow, not a list of comments.
    public var unrepeatedElements: Set<String> = ["p", "br", "span", "a", "img", "script", "style", "input", "option"]

    // MARK: Dates

    /// Month names (lower-case, full and abbreviated) in English, German, French, Spanish,
    /// Italian and Dutch.
    public var monthNames: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
        "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3, "mai": 5, "juni": 6,
        "juli": 7, "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
        "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4,
        "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
        "décembre": 12, "decembre": 12, "déc": 12,
        "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6, "julio": 7,
        "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12, "dic": 12,
        "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
        "ottobre": 10, "dicembre": 12,
        "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    ]
}
