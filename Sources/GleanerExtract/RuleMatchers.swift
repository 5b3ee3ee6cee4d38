import GleanerHTML
/// The byte matchers compiled from `ExtractionRules`: hash tables of tokens, needle tables
/// of substrings.
///
/// Built once per `ArticleExtractor` (in its `init`, again only when its `rules` change)
/// and shared, read-only, by every page it extracts (issue 9): built per page, they were
/// 1.2% of a whole `gleaner extract` run. The extractors receive them instead of building
/// their own, so no per-page path can compile a rule.
/// A class: every stage of every page holds the extractor's matchers, and copying a struct
/// of them retained each of their arrays and strings (about 375 retains and releases a page).
final class RuleMatchers: Sendable {
    /// Furniture, strict furniture, content and article-body markers (`BodyExtractor`).
    let boilerplate: BoilerplateClassifier
    /// Lead markup (`LeadDetector`).
    let leadMarkup: ClassTokenMatcher
    /// Markup that never holds the lead (`LeadDetector`).
    let leadExcludedMarkup: ClassTokenMatcher
    /// Story-title classes of an h1 (`MetadataExtractor.isStoryTitleElement`).
    let storyTitleMarkup: ClassTokenMatcher
    /// Byline classes (`MetadataExtractor.bylineFromPage`).
    let bylineMarkup: ClassTokenMatcher
    /// Comment keywords in markup names (`CommentMarkup.mentions`).
    let commentKeywords: ByteNeedleSet
    /// Element-name lists, compiled for `DOMTree.nameMask`.
    let boilerplateElements: ElementNameSet
    let textPartElements: ElementNameSet
    let prunableContainers: ElementNameSet
    let blockElements: ElementNameSet
    let commentFurnitureAncestors: ElementNameSet
    let creditSkippedElements: ElementNameSet
    /// `id`/`class` substrings of containers whose bylines, dates and credits are someone
    /// else's (`ClassTokens.hasAncestor` in `MetadataExtractor`, `AgencyCreditFinder`).
    let bylineExcludedAncestors: ClassSubstrings
    let creditExcludedAncestors: ClassSubstrings

    init(_ rules: ExtractionRules) {
        let meta = rules.metadata
        boilerplate = BoilerplateClassifier(rules: rules)
        leadMarkup = ClassTokenMatcher(tokens: meta.leadTokens, substrings: meta.leadSubstrings)
        leadExcludedMarkup = ClassTokenMatcher(tokens: meta.leadExcludedTokens)
        storyTitleMarkup = ClassTokenMatcher(tokens: [], substrings: meta.storyTitleSubstrings)
        bylineMarkup = ClassTokenMatcher(tokens: meta.bylineTokens)
        commentKeywords = ByteNeedleSet(rules.comments.markupKeywords, foldingCase: true)
        boilerplateElements = ElementNameSet(rules.boilerplateElements)
        textPartElements = ElementNameSet(rules.textPartElements)
        prunableContainers = ElementNameSet(rules.prunableContainers)
        blockElements = ElementNameSet(rules.blockElements)
        commentFurnitureAncestors = ElementNameSet(rules.comments.furnitureAncestors)
        creditSkippedElements = ElementNameSet(meta.creditSkippedElements)
        bylineExcludedAncestors = ClassSubstrings(meta.bylineExcludedAncestorSubstrings)
        creditExcludedAncestors = ClassSubstrings(meta.creditExcludedAncestorSubstrings)
    }
}
