import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Tells apart what would otherwise be an empty or bogus "article" (`Rules/pages.json`):
/// - `error`: a "soft 404" — an error page served with status 200, whose title or h1 says
///   "Page not found" (in the page's language) and whose body is short;
/// - `listing`: a server's directory listing ("Index of /") or a page of links with next
///   to no text of its own.
/// A page the metadata already called `index` stays one.
struct PageTypeRefiner {
    let analysis: PageAnalysis
    private var rules: PageKindRules { .shared }

    func refine(_ article: Article) -> PageType {
        guard article.pageType == .article else { return article.pageType }
        let tree = analysis.tree
        let title = tree.firstElement(named: "title").map { tree.rawText(of: $0) } ?? ""
        let titles = [article.headline ?? "", title]
        let text = article.text
        // Cheap byte-length bounds before the title test and the word count (4 bytes ≈
        // shortest word and space): most pages are longer than an error page.
        if text.utf8.count < rules.errorMaximumWords * 40, titles.contains(where: { rules.isErrorTitle($0) }),
            UnicodeWords.count(text) <= rules.errorMaximumWords
        {
            return .error
        }
        let lowerTitle = title.trimmedWhitespace().lowercased()
        if rules.listingTitlePrefixes.contains(where: { lowerTitle.hasPrefix($0) }) { return .listing }
        if text.utf8.count < rules.listingMaximumWords * 40, UnicodeWords.count(text) < rules.listingMaximumWords,
            tree.elements(named: "a").count >= rules.listingMinimumLinks
        {
            return .listing
        }
        return .article
    }
}
