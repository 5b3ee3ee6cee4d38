import GleanerModel

/// Markup conventions that identify user comment sections and single comments.
/// Part of `ExtractionRules`; generic across CMSs, never keyed to a site.
///
/// Class and id values are compared in two forms (see `CommentMarkup`):
/// - *tokens*: one class name split on `-`, `_`, lower-cased (`comment-reply-link` →
///   `comment`, `reply`, `link`), and
/// - *joined*: one class name lower-cased with `-`/`_` removed (`comment_list` → `commentlist`),
///   so that spelling variants of the same convention meet in one entry.
public struct CommentRules: Sendable, Decodable {
    /// The shipped defaults, decoded once from `Rules/comments.json` (embedded in the binary).
    static let shipped = RuleFile.decode(PackageResources.comments_json, as: CommentRules.self, name: "comments.json")

    /// The shipped defaults (`Rules/comments.json`).
    public init() { self = Self.shipped }

    /// Whether `Comment.text` also holds the comment's header line (author, date, "says:") as
    /// shown on the page.
    ///
    /// Decision: `false` — `text` is what the commenter wrote; author and date have their own
    /// fields, and consumers index and de-duplicate on `text`. This costs benchmark points:
    /// dragnet's gold comment text is the comment *as displayed*, header lines included, so on
    /// the dragnet dev set comments F1 is 0.784 (P 0.853, R 0.726) with `false` and 0.877
    /// (P 0.874, R 0.880) with `true`. Flip this switch if matching that convention matters
    /// more than a clean text field.
    public var includeHeaderInText: Bool

    /// Lower-case substrings of an `id`/`class` attribute worth looking at further; an element
    /// without any of them is skipped cheaply in the page-wide scan.
    public var markupKeywords: [String]

    /// Joined names of containers that hold a page's comment section.
    public var sectionNames: Set<String>
    /// A joined name ending in one of these (`discussion-comments`, `jc_commentsDiv` does not)
    /// names a section too, unless what comes before is in `sectionPrefixExclusions`.
    public var sectionSuffixes: [String]
    public var sectionPrefixExclusions: Set<String>
    /// Page-level elements that are never a comment section, whatever their class.
    public var neverSectionElements: Set<String>
    /// Joined class names of one comment.
    public var itemNames: Set<String>
    /// Class names of one comment that some templates give the whole section too (Movable
    /// Type's per-comment `comments-body`): they count only as a list of siblings.
    public var listItemNames: Set<String>
    /// A class name whose last token is `comment` (`dsq-comment`, `blogComment`) names one
    /// comment too, unless its first token says it is a control or a counter.
    public var itemPrefixExclusions: Set<String>
    /// Tokens that make a `…comment` class a part of the comment form (`comment-form-comment`).
    public var itemFormTokens: Set<String>
    /// Joined `id` prefixes that, followed only by digits, name one comment (`comment-123`,
    /// `li-comment-123`, `div-comment-123`).
    public var itemIdPrefixes: Set<String>
    /// `itemtype` substring and `itemprop` value of a schema.org comment.
    public var schemaCommentType: String
    public var schemaCommentProperty: String
    /// Elements that never are a whole comment, whatever their class.
    public var inlineElements: Set<String>
    /// Elements whose presence around a candidate marks it as page furniture (widgets listing
    /// recent comments elsewhere on the site, navigation).
    public var furnitureAncestors: Set<String>
    /// Substrings of a joined class/id that mark a widget listing comments from elsewhere on
    /// the site (recent comments, sidebars); nothing inside is a comment of this page.
    ///
    /// Not plain "widget" or "sidebar": Blogger wraps whole posts in `div.widget.Blog`, and
    /// Genesis themes wrap content in `content-sidebar-wrap`.
    public var furnitureContainerSubstrings: [String]

    // MARK: Inside one comment

    /// Tokens (exact) of elements inside a comment that are controls, not what the user wrote.
    public var furnitureTokens: Set<String>
    /// Substrings of a joined class name that mark controls (`commentreplylink`, `upvote`).
    public var furnitureSubstrings: [String]
    /// Substrings of a joined class name that mark the header: author, date, number.
    public var headerSubstrings: [String]
    /// Substrings of a joined class name that mark the comment text: never a header.
    public var bodySubstrings: [String]
    /// Elements that are part of the header whatever their class.
    public var headerElements: Set<String>
    /// Elements skipped inside a comment: controls, media, forms.
    public var skippedElements: Set<String>
    /// Texts of links and buttons that are comment controls ("Reply", "Report").
    public var controlTexts: Set<String>
    /// Headers are short: a "header" element with more text is a wrapper, not a header.
    public var maximumHeaderLength: Int
    /// Classes naming the author element, most specific first.
    public var authorNameSubstrings: [String]
    /// Trailing words after an author's name ("Maria says:").
    /// Phrases before the commenter's name in a plain-text header line ("Comment #1 - Posted
    /// by: MattPatt at November 10, 2012"), lower-case; the name ends at one of
    /// `authorNameTerminators`.
    public var authorLeadPhrases: [String]
    public var authorNameTerminators: [String]
    /// A name taken from a header line has at most this many words.
    public var maximumAuthorWords: Int
    public var authorSuffixes: [String]
    /// Openings of texts that are notices of links from elsewhere (pingbacks, reblogs), not
    /// comments.
    public var notCommentPrefixes: [String]
    /// Class tokens that only distinguish alternate rows; ignored when comparing the
    /// structure of repeated siblings.
    public var rowTokens: Set<String>
    /// Longest plausible author name, in characters.
    public var maximumAuthorLength: Int
    /// Joined class prefix followed by a number giving the nesting level (`depth-2`).
    public var depthClassPrefix: String

    // MARK: Acceptance

    /// A comment needs at least this many visible characters of its own text.
    public var minimumCommentLength: Int
    /// Comments whose text is mostly link text (widgets, trackbacks) are dropped when shorter
    /// than `linkDenseMaximumLength`.
    public var maximumLinkDensity: Double
    public var linkDenseMaximumLength: Int
    /// A section root may hold this much text besides its comments (headings, the form's
    /// labels and consent text); more means it wraps the article too and is not excluded.
    public var maximumSectionExtraLength: Int
    /// Repeated-structure fallback inside a section without comment markup: minimum number
    /// of repeated children and their minimum total text.
    public var minimumRepeatedItems: Int
    public var minimumRepeatedTextLength: Int
    /// Elements whose repetition is ordinary text flow, not a list of comments.
    public var unrepeatedElements: Set<String>

    /// The keys of the rule file; a property not listed here is not read from it.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case includeHeaderInText
        case markupKeywords
        case sectionNames
        case sectionSuffixes
        case sectionPrefixExclusions
        case neverSectionElements
        case itemNames
        case listItemNames
        case itemPrefixExclusions
        case itemFormTokens
        case itemIdPrefixes
        case schemaCommentType
        case schemaCommentProperty
        case inlineElements
        case furnitureAncestors
        case furnitureContainerSubstrings
        case furnitureTokens
        case furnitureSubstrings
        case headerSubstrings
        case bodySubstrings
        case headerElements
        case skippedElements
        case controlTexts
        case maximumHeaderLength
        case authorNameSubstrings
        case authorLeadPhrases
        case authorNameTerminators
        case maximumAuthorWords
        case authorSuffixes
        case notCommentPrefixes
        case rowTokens
        case maximumAuthorLength
        case depthClassPrefix
        case minimumCommentLength
        case maximumLinkDensity
        case linkDenseMaximumLength
        case maximumSectionExtraLength
        case minimumRepeatedItems
        case minimumRepeatedTextLength
        case unrepeatedElements
    }
}
