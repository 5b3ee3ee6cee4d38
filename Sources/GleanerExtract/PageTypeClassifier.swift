import GleanerHTML
import GleanerModel

/// Decides whether a page is one story (`article`) or a list of stories (`index`: a
/// section front, a tag page, a blog home).
///
/// Misreading an article as an index drops its lead, authors and comments, so the test is
/// conservative: a page is an index only when nothing declares it an article (no
/// article-typed JSON-LD or microdata, no `og:type=article`, no `article:published_time`),
/// no h1 reads like a story's headline, and its layout is a list — many teaser headlines
/// (headings that are links) and no block of running text. A JSON-LD `CollectionPage`/
/// `ItemList`/`SearchResultsPage` declaration lowers the bar. (On the dragnet development pages the
/// articles with the most teaser links around a short text reach 15 teasers and 600
/// characters; the thresholds keep clear of them.)
struct PageTypeClassifier {
    let analysis: PageAnalysis
    let rules: MetadataRules

    struct Evidence {
        /// Something declares the page an article.
        var declaresArticle: Bool
        /// JSON-LD declares a list page.
        var declaresIndex: Bool
        /// The page shows one story's headline: an h1 that agrees with the page title and
        /// is a sentence rather than a section name.
        var hasStoryHeadline: Bool
    }

    func classify(_ evidence: Evidence) -> PageType {
        if evidence.declaresArticle { return .article }
        // A story headline rules out the undeclared index test; skip the measuring pass.
        if evidence.hasStoryHeadline && !evidence.declaresIndex { return .article }
        let layout = measure()
        if evidence.declaresIndex, layout.teasers >= rules.declaredIndexMinimumTeasers,
            layout.dominantText <= rules.declaredIndexMaximumDominantText
        {
            return .index
        }
        if !evidence.hasStoryHeadline, layout.teasers >= rules.indexMinimumTeasers,
            layout.dominantText <= rules.indexMaximumDominantText
        {
            return .index
        }
        return .article
    }

    /// Teaser headlines (h2–h4 that are, or contain, a link of some length) and the
    /// largest amount of paragraph text under one parent.
    func measure() -> (teasers: Int, dominantText: Int) {
        let tree = analysis.tree
        var teasers = 0
        var paragraphText = [Int32](repeating: 0, count: tree.count)
        var dominant: Int32 = 0
        // Names by id, looked up once per page; nodes read in place (a copied node retained
        // its strings and attribute array).
        let isTeaserHeading = tree.names.map { $0 == "h2" || $0 == "h3" || $0 == "h4" }
        let paragraphID = tree.nameID("p")
        tree.nodes.withUnsafeBufferPointer { nodes in
            for i in 0..<nodes.count {
                guard nodes[i].isElement, !analysis.excluded[i] else { continue }
                let nameID = nodes[i].nameID
                if isTeaserHeading[Int(nameID)] {
                    let length = analysis.textLength[i]
                    guard length >= rules.teaserMinimumLength else { continue }
                    // Text inside an enclosing <a> counts as link text too (PageAnalysis inherits it).
                    if analysis.linkTextLength[i] * 2 >= length { teasers += 1 }
                } else if nameID == paragraphID {
                    let length = analysis.textLength[i]
                    let parent = Int(nodes[i].parent)
                    guard length >= 40, analysis.linkTextLength[i] * 3 < length, parent >= 0 else { continue }
                    paragraphText[parent] += length
                    dominant = max(dominant, paragraphText[parent])
                }
            }
        }
        return (teasers, Int(dominant))
    }
}
