import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Reads page metadata. Each field has one precedence function below.
struct MetadataExtractor {
    let analysis: PageAnalysis
    let rules: ExtractionRules
    let pageURL: String?

    func extract() -> Metadata {
        var metadata = Metadata()
        let tree = analysis.tree
        var metaTags: [String: String] = [:]
        var canonical: String?
        for i in 0..<tree.count where tree[i].isElement {
            let node = tree[i]
            if node.name == "meta", let content = node.attribute("content") {
                let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop") ?? "").lowercased()
                if !key.isEmpty, metaTags[key] == nil { metaTags[key] = content }
            } else if node.name == "link", canonical == nil,
                node.attribute("rel")?.lowercased().split(separator: " ").contains("canonical") == true
            {
                canonical = node.attribute("href")
            }
        }
        metadata.url = TextCleaner.nonEmpty(canonical) ?? TextCleaner.nonEmpty(metaTags["og:url"]) ?? pageURL
        if let h1 = tree.firstElement(named: "h1"), !analysis.excluded[h1] {
            metadata.headline = TextCleaner.nonEmpty(tree.rawText(of: h1))
            metadata.headlineNode = h1
        }
        if metadata.headline == nil {
            metadata.headline = TextCleaner.nonEmpty(metaTags["og:title"])
                ?? tree.firstElement(named: "title").flatMap { TextCleaner.nonEmpty(tree.rawText(of: $0)) }
        }
        metadata.siteName = TextCleaner.nonEmpty(metaTags["og:site_name"])
        if let html = tree.firstElement(named: "html") {
            metadata.language = TextCleaner.nonEmpty(tree[html].attribute("lang"))
        }
        metadata.image = TextCleaner.nonEmpty(metaTags["og:image"])
        metadata.published = TextCleaner.nonEmpty(metaTags["article:published_time"])
        metadata.modified = TextCleaner.nonEmpty(metaTags["article:modified_time"])
        return metadata
    }
}
