import GleanerModel
import GleanerNormalize

/// A record for an input that holds no markup at all (a `.txt` file, a README, a server's
/// plain-text response): `page_type` `text`, its paragraphs (blank-line separated) as
/// blocks, the first line as headline when it is short and stands alone.
enum PlainTextPage {
    static func article(text raw: String, url: String?, source: String) -> Article {
        var article = Article(source: source, url: url, pageType: .text)
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var paragraphs: [String] = []
        var current: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0.isWhitespace }) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        article.blocks = paragraphs.map { TextCleaner.clean($0) }.filter { !$0.isEmpty }.map { Block(type: .paragraph, text: $0) }
        if let first = article.blocks.first, article.blocks.count > 1, first.text.count <= 120,
            !first.text.hasSuffix(".")
        {
            article.headline = first.text
            article.blocks.removeFirst()
        }
        return article
    }
}
