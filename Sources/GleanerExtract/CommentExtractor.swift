import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Finds user comment sections by generic markup and returns one `Comment` per comment.
struct CommentExtractor {
    let analysis: PageAnalysis
    let rules: ExtractionRules

    struct Result {
        var comments: [Comment]
        /// Roots of the comment sections, which the body extractor must leave out.
        var sectionRoots: [Int]
    }

    func extract() -> Result {
        Result(comments: [], sectionRoots: [])
    }
}
