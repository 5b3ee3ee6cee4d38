import GleanerHTML
@testable import GleanerExtract

/// Parses `html` and runs only the metadata stage, so tests can see internals such as
/// `headlineNode` and `leadNode`.
func extractMetadata(_ html: String, url: String? = nil) -> (Metadata, DOMTree)? {
    let bytes = Array(html.utf8)
    guard let tree = bytes.withUnsafeBytes({ try? HTMLParser.parse($0, charset: "UTF-8") }) else { return nil }
    let metadata = MetadataExtractor(analysis: PageAnalysis(tree: tree), rules: .default, matchers: RuleMatchers(.default), pageURL: url).extract()
    return (metadata, tree)
}

/// A page around `head` and `body` markup.
func page(head: String = "", body: String = "", lang: String? = nil) -> String {
    let langAttribute = lang.map { " lang=\"\($0)\"" } ?? ""
    return "<!DOCTYPE html><html\(langAttribute)><head><meta charset=\"utf-8\">\(head)</head><body>\(body)</body></html>"
}

/// A paragraph long enough to count as body text.
let longParagraph = "<p>Der Gemeinderat hat am Montagabend nach langer Debatte beschlossen, die Sanierung des alten Schulhauses um ein Jahr zu verschieben, weil die Kosten gestiegen sind.</p>"
