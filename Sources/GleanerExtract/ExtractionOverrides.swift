import Foundation
import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Selectors that replace the generic extractor's choices for one site, configured per host
/// in a pipeline file (`sites:`). The mechanism is generic — any site, any selector — and
/// the project ships no overrides for benchmark sites: those must be handled by the generic
/// rules. Empty overrides leave extraction untouched.
public struct ExtractionOverrides: Sendable, Equatable {
    /// The first match's text becomes the headline.
    public var headline: CSSSelector?
    /// Every match (in document order) is the body.
    public var body: CSSSelector?
    /// Every match is one comment.
    public var comments: CSSSelector?
    /// Subtrees dropped from body and comments.
    public var remove: [CSSSelector] = []

    public init(headline: CSSSelector? = nil, body: CSSSelector? = nil, comments: CSSSelector? = nil, remove: [CSSSelector] = []) {
        self.headline = headline
        self.body = body
        self.comments = comments
        self.remove = remove
    }

    public var isEmpty: Bool { headline == nil && body == nil && comments == nil && remove.isEmpty }

    /// Applies the overrides to what the generic pass produced.
    func apply(
        to article: inout Article, analysis: PageAnalysis, rules: ExtractionRules, matchers: RuleMatchers, excluded: [Int],
        base: URL? = nil
    ) {
        let tree = analysis.tree
        var removed: [Int] = []
        for selector in remove { removed += selector.select(in: tree) }
        let removedSet = Set(removed)
        func isRemoved(_ index: Int) -> Bool {
            removed.contains { tree.contains($0, index) }
        }
        if let headline, let node = headline.select(in: tree).first(where: { !isRemoved($0) }),
            let text = TextCleaner.nonEmpty(tree.rawText(of: node))
        {
            article.headline = text
        }
        var commentRoots: [Int] = []
        if let comments {
            commentRoots = comments.select(in: tree).filter { !isRemoved($0) }
            article.comments = commentRoots.compactMap { root in
                TextCleaner.nonEmpty(tree.rawText(of: root)).map { Comment(text: $0) }
            }
        }
        let builder = BlockBuilder(analysis: analysis, rules: rules, base: base)
        if let body {
            let roots = body.select(in: tree).filter { !isRemoved($0) }
            // Nested matches: keep the outermost only.
            let outer = roots.filter { root in !roots.contains { $0 != root && tree.contains($0, root) } }
            let skip = removedSet.union(commentRoots)
            article.blocks = outer.flatMap { builder.blocks(in: $0, skipping: skip) }
        } else if !removed.isEmpty || !commentRoots.isEmpty {
            // Re-run the generic body pass with the removed subtrees left out.
            let body = BodyExtractor(analysis: analysis, rules: rules, matchers: matchers, base: base).extract(excludingSubtrees: excluded + removed + commentRoots)
            article.blocks = body.blocks
        }
    }
}
