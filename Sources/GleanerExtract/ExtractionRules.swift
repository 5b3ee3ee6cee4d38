import GleanerModel

/// Every selector, word list and threshold the generic extractor uses, in one place.
///
/// Nothing here is keyed to a particular site: patterns describe markup conventions shared
/// by many CMSs (WordPress, Drupal, Arc, newspaper themes). Site-specific rules belong in a
/// user's pipeline file, never in these defaults.
public struct ExtractionRules: Sendable, Decodable {
    public static let `default` = ExtractionRules()

    /// The shipped defaults, decoded once from `Rules/extraction.json` (embedded in the binary).
    static let shipped = RuleFile.decode(PackageResources.extraction_json, as: ExtractionRules.self, name: "extraction.json")

    /// The shipped defaults (`Rules/extraction.json`).
    public init() { self = Self.shipped }

    /// Comment-section rules (see `CommentRules`).
    public var comments = CommentRules()

    /// Metadata rules (see `MetadataRules`).
    public var metadata = MetadataRules()

    // MARK: Block structure

    /// Elements that start a block of a given kind.
    public var headingLevels: [String: Int]
    /// Elements that end the running block and start a new one of the surrounding kind.
    public var blockBoundaryElements: Set<String>
    /// Inline elements whose neighbours must not run together ("a</span><span>b").
    public var inlineSeparatedElements: Set<String>

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
    public var boilerplateElements: Set<String>
    /// ARIA landmark roles of page furniture.
    public var boilerplateRoles: Set<String>
    /// Tokens of `id`/`class` values (split on `-`, `_`, space) that mark page furniture.
    public var boilerplateTokens: Set<String>
    /// Tokens of comment sections: furniture even when they hold more text than the article.
    public var strictBoilerplateTokens: Set<String>
    /// Substrings of comment-section `id`/`class` values ("commentbody", "commentlist").
    public var strictBoilerplateSubstrings: [String]
    /// Substrings of `id`/`class` that mark furniture even inside a longer token.
    public var boilerplateSubstrings: [String]
    /// Substrings of `id`/`class` that CMSs put on the element holding the article text
    /// itself (WordPress, Blogger, Drupal, hAtom, newspaper themes). Such an element, and any
    /// furniture-named wrapper around it (Blogger's `widget Blog`), is never furniture.
    public var articleBodyMarkers: [String]
    /// Whole `id` values that name the article's continuation: Movable Type's extended entry
    /// (`<div id="more">` after the "continue reading" break) — not a "more stories" box,
    /// which sits outside the article and rarely uses a bare `more` id.
    public var articleBodyMarkerIDs: Set<String>
    /// Tokens that, present in `id`/`class`, protect an element from token-based removal
    /// because they name the article body itself.
    public var contentTokens: Set<String>

    // MARK: Boilerplate lines

    /// Blocks longer than this (UTF-8 bytes) are never dropped for their wording.
    public var boilerplateBlockMaximumLength: Int
    /// Whole short blocks (normalized: lower-case words) that are furniture.
    public var boilerplateBlockTexts: Set<String>
    /// Beginnings of short blocks that are furniture.
    public var boilerplateBlockPrefixes: [String]
    /// Beginnings of short blocks, punctuation included, that announce a link to elsewhere
    /// ("Related: …") — the colon tells them from prose ("Related developments …").
    public var boilerplateBlockLabelPrefixes: [String]
    /// Headings (normalized, numbers removed) that open the discussion below a post: the
    /// body ends there. A bare "Discussion" is not one: it is the D of the IMRaD sections of
    /// a scientific paper or report (Introduction, Methods, Results, Discussion), which the
    /// article's own text follows — cutting there dropped the discussion, conclusions and
    /// everything after them. Comment sections titled so are still found by their markup
    /// (`CommentSectionFinder`) and by the unambiguous headings ("join the discussion").
    public var discussionHeadings: Set<String>
    /// Beginnings of such headings ("3 Responses to …", "TrackBack URL for this entry").
    public var discussionHeadingPrefixes: [String]
    /// Article text (UTF-8 bytes) that must precede a discussion heading for the cut.
    public var discussionMinimumTextBefore: Int
    /// Endings of short blocks that are furniture (photo credits).
    public var boilerplateBlockSuffixes: [String]

    // MARK: Content scoring

    /// Elements that own the text of their inline descendants (see `ParagraphUnits`).
    public var blockElements: Set<String>
    /// Block elements that always pass their score to their parent (a paragraph is never the
    /// container of the article, even when it holds line breaks).
    public var paragraphOnlyElements: Set<String>
    /// Own link density above which a paragraph unit adds no score.
    public var maximumUnitLinkDensity: Double
    /// Own link density up to which a paragraph unit counts as article-like "good" text.
    public var goodUnitLinkDensity: Double
    /// Share of the page's good text a furniture-looking element must hold to be kept as a
    /// layout wrapper (ASP.NET `<form>` pages, Blogger "widget" wrappers, "paywall" bodies).
    public var wrapperGoodTextShare: Double
    /// ... and at least this much good text: on a near-empty page a sidebar's author blurb
    /// outweighs the post, which is no reason to keep it.
    public var wrapperMinimumGoodText: Int32
    /// Score factor for a container marked as the article body (`articleBodyMarkers`).
    public var articleBodyMarkerBoost: Double
    /// Number of ancestors a paragraph unit passes its score to (readability uses 5).
    public var scoredAncestorLevels: Int
    /// The chosen container looks for a larger ancestor when it holds less than this share of
    /// the page's good text, again after each step (sections nested one inside the next).
    public var containerGoodTextShare: Double
    /// An inline element (`<span>`) named like furniture but holding at least this much
    /// unlinked text wraps article text (editors' stray classes), so it is kept.
    public var inlineFurnitureMaximumLength: Int32
    /// The chosen container grows to an ancestor when that ancestor holds at least this many
    /// times its good text (article text split over sibling columns).
    public var ancestorGoodTextGain: Double

    /// Paragraph-like elements shorter than this (visible characters) add no score.
    public var minimumParagraphLength: Int
    /// Score a paragraph adds per this many characters of text (capped).
    public var charactersPerPoint: Double
    public var maximumLengthPoints: Double
    /// A sibling of the best container joins it when its score reaches this share of the best.
    public var siblingScoreShare: Double
    /// A paragraph-like sibling of the best container this long joins it.
    public var siblingParagraphMinimumLength: Int
    /// Headings just before the article's first part (its title, a section heading) join it
    /// when at most this share of their text is link text.
    public var leadingHeadingMaximumLinkDensity: Double
    /// ... and when the text opens its wrapper (nothing with text before it there), the
    /// headings before the wrapper are looked for, up to this many wrapper levels.
    public var leadingHeadingWrapperLevels: Int
    /// A short line all in one of these elements counts as a heading there (`<p><b>Title</b></p>`)...
    public var boldHeadingElements: Set<String>
    /// ... when it is at most this many visible characters long.
    public var boldHeadingMaximumLength: Int
    /// Link density above which a block-level subtree inside the content is dropped.
    public var maximumLinkDensity: Double
    /// Link-dense subtrees are only dropped when their text is shorter than this.
    public var linkDenseMaximumLength: Int
    /// A block of the content whose word characters are at least this share link text is a
    /// tool line or a link list, and is dropped (`BlockBuilder`).
    public var linkOnlyBlockShare: Double
    /// `maximumLinkDensity` on an index page (a section front, a tag page): its prose is its
    /// teasers, a linked headline over a short summary, so a link-dense list is its content
    /// rather than a widget leading away from it. Above 1: nothing is dropped for its links.
    public var indexMaximumLinkDensity: Double
    /// Elements that, when they carry little text, are dropped from the content as widgets.
    public var prunableContainers: Set<String>
    /// Elements that are a part of a text (lists, quotations), never the text's own
    /// container: when one scores best, the body climbs to the ancestor that gathers more of
    /// the text (`ancestorGoodTextGain`) whatever the element's share of the page.
    public var textPartElements: Set<String>
    /// `id`/`class` tokens of the hidden rest of an article behind a "read more" fold
    /// (`more-text`, `read-more-content`, `collapsed`): such a sibling after the article
    /// joins it although "more" also names furniture, when it holds prose with few links.
    public var foldContinuationTokens: Set<String>
    /// ... at most this share of link text.
    public var foldContinuationMaximumLinkDensity: Double
    /// ... and it follows the article's text among its siblings, or among its wrapper's
    /// siblings when it opens the wrapper, looking up this many wrapper levels (Movable
    /// Type's `div#a000123more > div#more`).
    public var foldWrapperLevels: Int

    /// The keys of the rule file; a property not listed here is not read from it.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case headingLevels
        case blockBoundaryElements
        case inlineSeparatedElements
        case boilerplateElements
        case boilerplateRoles
        case boilerplateTokens
        case strictBoilerplateTokens
        case strictBoilerplateSubstrings
        case boilerplateSubstrings
        case articleBodyMarkers
        case articleBodyMarkerIDs
        case contentTokens
        case boilerplateBlockMaximumLength
        case boilerplateBlockTexts
        case boilerplateBlockPrefixes
        case boilerplateBlockLabelPrefixes
        case discussionHeadings
        case discussionHeadingPrefixes
        case discussionMinimumTextBefore
        case boilerplateBlockSuffixes
        case blockElements
        case paragraphOnlyElements
        case maximumUnitLinkDensity
        case goodUnitLinkDensity
        case wrapperGoodTextShare
        case wrapperMinimumGoodText
        case articleBodyMarkerBoost
        case scoredAncestorLevels
        case containerGoodTextShare
        case inlineFurnitureMaximumLength
        case ancestorGoodTextGain
        case minimumParagraphLength
        case charactersPerPoint
        case maximumLengthPoints
        case siblingScoreShare
        case siblingParagraphMinimumLength
        case leadingHeadingMaximumLinkDensity
        case leadingHeadingWrapperLevels
        case boldHeadingElements
        case boldHeadingMaximumLength
        case maximumLinkDensity
        case linkDenseMaximumLength
        case linkOnlyBlockShare
        case indexMaximumLinkDensity
        case prunableContainers
        case textPartElements
        case foldContinuationTokens
        case foldContinuationMaximumLinkDensity
        case foldWrapperLevels
    }
}

extension ExtractionRules {
    /// These rules for an index page's body: its teasers are its prose, so
    /// `maximumLinkDensity` is `indexMaximumLinkDensity` there.
    var forIndexPages: ExtractionRules {
        var rules = self
        rules.maximumLinkDensity = indexMaximumLinkDensity
        return rules
    }
}
