import GleanerModel

/// Word lists, meta keys and thresholds the metadata readers use. Part of `ExtractionRules`;
/// generic conventions (schema.org, OpenGraph, Dublin Core, common CMS class names), never
/// keyed to a site.
public struct MetadataRules: Sendable, Decodable {
    /// The shipped defaults, decoded once from `Rules/metadata.json` (embedded in the binary).
    static let shipped = RuleFile.decode(PackageResources.metadata_json, as: MetadataRules.self, name: "metadata.json")

    /// The shipped defaults (`Rules/metadata.json`).
    public init() { self = Self.shipped }

    // MARK: Wire agencies

    /// Short agency credits, lower case, matched as whole tokens ("dpa", "(sda/daf)",
    /// "AP", "Reuters"). A credit goes to `agency`, never to `authors`.
    public var agencyCodes: Set<String>
    /// Agencies written out in full, lower case.
    public var agencyNames: Set<String>
    /// In "sda/daf" the part after the agency is an editor's initials: 2–4 letters.
    public var agencyInitialsLength: ClosedRange<Int>

    // MARK: Bylines

    /// Words a byline starts with before the names, lower case; longest first is not needed,
    /// each is matched as whole words followed by a space or colon.
    public var bylinePrefixes: [String]
    /// Words that separate several names in one byline.
    public var nameConjunctions: Set<String>
    /// Lower-case particles allowed inside a person's name ("Ursula von der Leyen").
    public var nameParticles: Set<String>
    /// A part of a byline containing one of these (lower case) is a role or a label, not a
    /// name ("Staff Writer", "Redaktion", "Updated").
    public var bylineNonNameWords: Set<String>
    /// Longest plausible person name in words / characters.
    public var maximumNameWords: Int
    public var maximumNameLength: Int

    /// `class`/`id` tokens of elements holding the byline.
    public var bylineTokens: Set<String>
    /// Ancestors with these `class`/`id` substrings hold other people (commenters, related
    /// articles' authors, author bios), not the article's byline.
    public var bylineExcludedAncestorSubstrings: [String]
    /// Longest byline element text considered (a longer "author" box is a bio).
    public var maximumBylineLength: Int

    // MARK: Lead

    /// `class`/`id` tokens of a standfirst/teaser element below the headline.
    public var leadTokens: Set<String>
    /// `class`/`id` tokens of elements that are never the lead, and whose subtrees are
    /// skipped when looking for it: captions, credits, bylines, date lines, share bars.
    public var leadExcludedTokens: Set<String>
    /// Substrings of `class`/`id` that name a lead inside a longer word ("articleLead").
    public var leadSubstrings: [String]
    /// A lead has this many visible characters at least / at most.
    public var leadLength: ClosedRange<Int>
    /// The lead must come before the first body paragraph: a `p` at least this long ends
    /// the search.
    public var leadBodyParagraphLength: Int
    /// How far (in nodes) after the headline the lead is looked for.
    public var leadSearchNodes: Int

    // MARK: Meta keys (lower case; `dc:` and `dcterms:` are read as `dc.` / `dcterms.`)

    public var titleKeys: [String]
    public var descriptionKeys: [String]
    public var publishedKeys: [String]
    public var modifiedKeys: [String]
    public var authorKeys: [String]
    public var siteNameKeys: [String]
    public var applicationNameKeys: [String]
    public var imageKeys: [String]
    public var tagKeys: [String]
    public var keywordKeys: [String]
    public var languageKeys: [String]

    // MARK: schema.org types

    /// JSON-LD / microdata types of a single story. Any type ending in "Article" counts too.
    public var articleTypes: Set<String>
    /// Types of pages that list other pages.
    public var indexTypes: Set<String>
    /// Types that carry page-level language and name, consulted when the article lacks them.
    public var pageTypes: Set<String>

    func isArticleType(_ type: String) -> Bool {
        articleTypes.contains(type) || type.hasSuffix("Article")
    }

    // MARK: Page type

    /// An index page shows at least this many teaser headlines (headings that are links).
    public var indexMinimumTeasers: Int
    /// …and has no block of running text longer than this (visible characters of the
    /// paragraphs under one parent).
    public var indexMaximumDominantText: Int
    /// With an explicit CollectionPage/ItemList declaration the bar is lower.
    public var declaredIndexMinimumTeasers: Int
    public var declaredIndexMaximumDominantText: Int
    /// An h1 with at least this many words that agrees with the page title is a story's
    /// headline, not a section name.
    public var storyHeadlineMinimumWords: Int
    /// `class`/`id` substrings that mark a heading as a story's title rather than the
    /// site's name.
    public var storyTitleSubstrings: [String]
    /// A story-length h1 followed (as its siblings, or its `header`/`hgroup` wrapper's) by at
    /// least this much unlinked text opens the page's prose: it is the headline the reader
    /// sees, even when the metadata titles agree on other wording.
    public var openingHeadlineMinimumText: Int
    /// How many wrappers of an h1 are climbed looking for the prose it opens (a heading in a
    /// `div` in a `div` in a `header`); each holds less than `openingHeadlineMinimumText`
    /// characters besides the heading, mostly unlinked.
    public var headlineWrapperLevels: Int
    /// Teaser headings shorter than this are menu items, not teasers.
    public var teaserMinimumLength: Int

    // MARK: Dates on the page

    /// A date shown on the page counts only this close (in nodes) to the headline.
    public var pageDateMaximumNodesAfterHeadline: Int
    public var pageDateMaximumNodesBeforeHeadline: Int

    // MARK: Agency credit in the text

    /// Elements whose text is never the article's agency credit (links, navigation, asides,
    /// footers, captions, forms): the search skips their subtrees.
    public var creditSkippedElements: Set<String>
    /// `class`/`id` substrings of containers whose "(dpa)" is someone else's credit.
    public var creditExcludedAncestorSubstrings: [String]
    /// A credit such as "Berlin (dpa) –" must start the paragraph within this many characters.
    public var datelineCreditMaximumOffset: Int

    /// The keys of the rule file; a property not listed here is not read from it.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case agencyCodes
        case agencyNames
        case agencyInitialsLength
        case bylinePrefixes
        case nameConjunctions
        case nameParticles
        case bylineNonNameWords
        case maximumNameWords
        case maximumNameLength
        case bylineTokens
        case bylineExcludedAncestorSubstrings
        case maximumBylineLength
        case leadTokens
        case leadExcludedTokens
        case leadSubstrings
        case leadLength
        case leadBodyParagraphLength
        case leadSearchNodes
        case titleKeys
        case descriptionKeys
        case publishedKeys
        case modifiedKeys
        case authorKeys
        case siteNameKeys
        case applicationNameKeys
        case imageKeys
        case tagKeys
        case keywordKeys
        case languageKeys
        case articleTypes
        case indexTypes
        case pageTypes
        case indexMinimumTeasers
        case indexMaximumDominantText
        case declaredIndexMinimumTeasers
        case declaredIndexMaximumDominantText
        case storyHeadlineMinimumWords
        case storyTitleSubstrings
        case openingHeadlineMinimumText
        case headlineWrapperLevels
        case teaserMinimumLength
        case pageDateMaximumNodesAfterHeadline
        case pageDateMaximumNodesBeforeHeadline
        case creditSkippedElements
        case creditExcludedAncestorSubstrings
        case datelineCreditMaximumOffset
    }
}
