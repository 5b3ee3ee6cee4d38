import GleanerModel
import GleanerNormalize

/// A record for an input that holds no markup at all (a `.txt` file, a README, a server's
/// plain-text response): `page_type` `text`, its paragraphs (blank-line separated) as
/// blocks, the first line as headline when it is short and stands alone.
enum PlainTextPage {
    static func article(text raw: String, url: String?, source: String) -> Article {
        var article = Article(source: source, url: url, pageType: .text)
        var paragraphs: [String] = []
        var current: [String] = []
        for line in lines(of: raw) {
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

    /// The lines of `text`, broken at LF, CRLF or a lone CR, found on the UTF-8 bytes: one
    /// pass, where two Foundation `replacingOccurrences` took 2.3 s on a 10-million-character
    /// file. (A Character split cannot do it: "\r\n" is one Character.)
    static func lines(of text: String) -> [Substring] {
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = utf8.index(after: index)
                continue
            }
            lines.append(text[start..<index])
            index = utf8.index(after: index)
            if byte == 0x0D, index < utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
            start = index
        }
        lines.append(text[start...])
        return lines
    }
}
