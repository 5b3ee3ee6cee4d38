import GleanerHTML
import GleanerNormalize

/// Reads one comment element: its text, header (author/date line), author and date.
///
/// The element's subtree is walked once, without recursion. Nested comments (replies) are
/// skipped — they are comments of their own — and so are controls ("Reply", votes, avatars,
/// reply forms). Text inside header elements (author, date, number) is kept apart from the
/// text the commenter wrote.
struct CommentItemParser {
    let analysis: PageAnalysis
    let rules: CommentRules
    let markup: CommentMarkup
    let dates: CommentDateParser
    let blockElements: Set<String>
    /// Build `fullText` too (only needed when `includeHeaderInText` is on).
    let keepFullText: Bool

    struct Parsed {
        var root: Int
        /// Header text followed by body text, in page order, without controls.
        var fullText: String
        /// What the commenter wrote.
        var bodyText: String
        var bodyLength: Int
        var bodyLinkLength: Int
        var author: String?
        var published: String?
        /// The comment has elements named as its text, and all of them are empty: a template
        /// (a hidden preview box), not a comment.
        var hasOnlyEmptyTextElements = false
    }

    /// - Parameters:
    ///   - root: the comment element.
    ///   - isItemRoot: true for the roots of other comments, which are left out.
    ///   - asHeader: treat everything as header (a `dt` holding the author line of a `dd`).
    func parse(_ root: Int, isItemRoot: [Bool], asHeader: Bool = false) -> Parsed {
        let tree = analysis.tree
        var full = ""
        var body = ""
        var header = ""
        var headerLink: Int?
        var bodyLength = 0
        var bodyLinkLength = 0
        var headerEnd = asHeader ? tree[root].subtreeEnd : -1
        var linkEnd = -1
        var authorNode: Int?
        var authorRank = Int.max
        var dateNode: Int?
        var dateFromAttribute: String?
        var textElements = 0
        var textElementLength = 0
        let end = tree[root].subtreeEnd
        var i = root
        while i <= end {
            let node = tree[i]
            if i != root && (analysis.excluded[i] || isItemRoot[i]) {
                i = node.subtreeEnd + 1
                continue
            }
            if node.kind == .text {
                let length = Int(analysis.textLength[i])
                if length == 0 {
                    // Whitespace between inline elements still separates words.
                    if keepFullText { full += " " }
                    if i > headerEnd { body += " " } else { header += " " }
                } else {
                    if keepFullText { full += node.text }
                    if i <= headerEnd { header += node.text }
                    if i > headerEnd {
                        body += node.text
                        bodyLength += length
                        if i <= linkEnd { bodyLinkLength += length }
                    }
                }
                i += 1
                continue
            }
            if i != root {
                let (role, rank) = markup.classify(node)
                if role == .furniture || isControl(i) {
                    i = node.subtreeEnd + 1
                    continue
                }
                if role == .body, i > headerEnd {
                    textElements += 1
                    textElementLength += Int(analysis.textLength[i])
                }
                if role == .header, i > headerEnd, Int(analysis.textLength[i]) <= rules.maximumHeaderLength {
                    headerEnd = node.subtreeEnd
                }
                if i <= headerEnd || role == .header {
                    if let rank, rank < authorRank,
                        authorNode == nil || rank < authorRank && tree.contains(authorNode!, i)
                    {
                        authorNode = i
                        authorRank = rank
                    }
                }
                if dateFromAttribute == nil {
                    if node.name == "time", let value = node.attribute("datetime") {
                        dateFromAttribute = dates.parseAttribute(value)
                    } else if let property = node.attribute("itemprop")?.lowercased(), property.hasPrefix("date"),
                        let value = node.attribute("content") ?? node.attribute("datetime")
                    {
                        dateFromAttribute = dates.parseAttribute(value)
                    }
                }
                if dateNode == nil, i <= headerEnd, isDateElement(node) { dateNode = i }
                if headerLink == nil, i <= headerEnd, node.name == "a" || node.name == "b" || node.name == "strong",
                    analysis.textLength[i] > 1
                {
                    headerLink = i
                }
            }
            if node.name == "a", i > linkEnd { linkEnd = node.subtreeEnd }
            if node.name == "br" || blockElements.contains(node.name) {
                if keepFullText { full += "\n" }
                if i > headerEnd { body += "\n" } else { header += "\n" }
            }
            i += 1
        }
        var parsed = Parsed(
            root: root, fullText: keepFullText ? TextCleaner.cleanKeepingLines(full) : "", bodyText: TextCleaner.cleanKeepingLines(body),
            bodyLength: bodyLength, bodyLinkLength: bodyLinkLength)
        parsed.hasOnlyEmptyTextElements = textElements > 0 && textElementLength == 0
        if let authorNode { parsed.author = authorName(authorNode) }
        let headerText = TextCleaner.clean(header)
        parsed.published = dateFromAttribute
            ?? dateNode.flatMap { dates.parse(tree.rawText(of: $0)) }
            ?? dates.parse(String(headerText.prefix(rules.maximumHeaderLength)))
        if parsed.author == nil, let headerLink {
            // "Posted by: <a>Name</a> | <a>date</a>": the first link or bold name in the header.
            let name = authorName(headerLink)
            if let name, dates.parse(name) == nil, name.contains(where: { $0.isLetter }) { parsed.author = name }
        }
        if parsed.author == nil { parsed.author = postedByName(headerText) }
        return parsed
    }

    /// The name in a plain-text header line: "Posted by: MattPatt at November 10, 2012" →
    /// "MattPatt". Nil unless a lead phrase is followed by a short name.
    func postedByName(_ headerText: String) -> String? {
        let line = headerText.prefix(rules.maximumHeaderLength)
        let lower = line.lowercased()
        guard lower.count == line.count else { return nil }  // case mapping changed offsets
        for phrase in rules.authorLeadPhrases {
            guard let range = lower.range(of: phrase) else { continue }
            let offset = lower.distance(from: lower.startIndex, to: range.upperBound)
            var rest = String(line.dropFirst(offset)).trimming { $0.isWhiteSpace || $0 == ":" }
            for terminator in rules.authorNameTerminators {
                if let end = rest.range(of: terminator) { rest = String(rest[..<end.lowerBound]) }
            }
            let name = rest.trimmedWhitespace()
            let words = name.split(separator: " ")
            guard !words.isEmpty, words.count <= rules.maximumAuthorWords, name.contains(where: { $0.isLetter }),
                dates.parse(name) == nil
            else { return nil }
            return name
        }
        return nil
    }

    /// A short link or button whose whole text is a control word ("Reply", "Melden").
    private func isControl(_ index: Int) -> Bool {
        let node = analysis.tree[index]
        guard node.name == "a" || node.name == "span" || node.name == "div" || node.name == "p" || node.name == "li" else {
            return false
        }
        let length = analysis.textLength[index]
        guard length > 0, length <= 24 else { return false }
        let text = TextCleaner.clean(analysis.tree.rawText(of: index)).lowercased()
        return rules.controlTexts.contains(text)
    }

    private func isDateElement(_ node: DOMNode) -> Bool {
        if node.name == "time" { return true }
        for name in CommentMarkup.names(node) {
            let joined = CommentMarkup.joined(name)
            if CommentMarkup.has(joined, "date") || CommentMarkup.has(joined, "time") || CommentMarkup.has(joined, "posted") || CommentMarkup.has(joined, "meta") {
                return true
            }
        }
        return false
    }

    /// The author element's text, without "says:" and similar trailing words.
    private func authorName(_ index: Int) -> String? {
        var name = TextCleaner.clean(analysis.tree.rawText(of: index))
        var changed = true
        while changed {
            changed = false
            let lower = name.lowercased()
            for suffix in rules.authorSuffixes {
                for variant in [suffix + ":", suffix + "...", suffix + "…", suffix] where lower.hasSuffix(" " + variant) || lower == variant {
                    name = String(name.dropLast(variant.count)).trimmedWhitespace()
                    changed = true
                    break
                }
                if changed { break }
            }
        }
        while let last = name.last, last == ":" || last == "," || last == "-" || last == "|" {
            name.removeLast()
            name = name.trimmedWhitespace()
        }
        name = Self.cutHeaderTail(name, controls: rules.controlTexts)
        guard !name.isEmpty, name.count <= rules.maximumAuthorLength else { return nil }
        return name
    }

    /// An author element that also holds the rest of the header ("nomaduk 10.29.2012 Log in
    /// to Reply", "Anna 14:02 Antworten"): the name ends where a date, a time or a control
    /// word ("Reply", "Log in to Reply") begins. A name that starts with one is left alone.
    static func cutHeaderTail(_ name: String, controls: Set<String>) -> String {
        let words = name.split(separator: " ")
        guard words.count > 1 else { return name }
        for k in 1..<words.count {
            let rest = words[k...].joined(separator: " ")
            let lower = rest.lowercased()
            let startsDate = words[k].contains(where: \.isNumber) && DateNormalizer.parse(rest) != nil
            let startsTime = words[k].first?.isNumber == true && words[k].contains(":")
            let startsControl = controls.contains { lower == $0 || lower.hasPrefix($0 + " ") }
            if startsDate || startsTime || startsControl {
                return words[..<k].joined(separator: " ").trimming { $0.isWhiteSpace || $0 == "," || $0 == "|" || $0 == "-" }
            }
        }
        return name
    }
}
