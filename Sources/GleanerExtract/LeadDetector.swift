import Foundation
import GleanerHTML
import GleanerNormalize

/// Finds the standfirst (lead, teaser, dek) below the headline.
///
/// News pages set the lead apart from the body by markup, not by position alone: a class
/// such as `lead`, `standfirst`, `intro`, `teaser`, `dek`, `summary` or `subtitle` on the
/// element right after the headline. Some pages mark nothing but repeat the lead as the
/// page description, so a paragraph equal to `og:description` (or the JSON-LD
/// `description`) counts too. The search starts after the headline and ends at the first
/// real body paragraph, so a teaser box further down the page is never taken for the lead.
struct LeadDetector {
    let analysis: PageAnalysis
    let rules: MetadataRules
    private let leadMarkup: ClassTokenMatcher
    private let excludedMarkup: ClassTokenMatcher

    init(analysis: PageAnalysis, rules: MetadataRules, matchers: RuleMatchers) {
        self.analysis = analysis
        self.rules = rules
        leadMarkup = matchers.leadMarkup
        excludedMarkup = matchers.leadExcludedMarkup
    }

    /// Elements whose subtrees never hold the lead (captions, furniture, controls).
    static let skippedElements: Set<String> = [
        "figure", "figcaption", "nav", "aside", "form", "footer", "button", "time", "picture", "img", "table",
        "ul", "ol", "menu", "dialog", "address",
    ]

    /// `skippedElements` compiled: byte-for-byte membership is `Set.contains` for these
    /// ASCII names (none holds a letter a Unicode singleton normalises to).
    static let skippedNames = ElementNameSet(skippedElements)

    func find(after headline: Int, descriptions: [String]) -> (node: Int, text: String)? {
        let tree = analysis.tree
        let normalizedDescriptions = descriptions.compactMap { Self.comparable($0) }.filter { $0.count >= 30 }
        // A paragraph with fewer visible characters than the shortest description cannot
        // equal it or start with it: skip the normalising for those.
        let shortestDescription = normalizedDescriptions.map { PageAnalysis.visibleLength($0) }.min() ?? Int.max
        var j = tree[headline].subtreeEnd + 1
        let limit = min(tree.count, j + rules.leadSearchNodes)
        // Nodes read in place: `let node = tree[j]` copied each node of the window. Names
        // are tested per element of the window (a short stretch of the page), by bytes.
        return tree.nodes.withUnsafeBufferPointer { nodes -> (node: Int, text: String)? in
            while j < limit {
                guard nodes[j].isElement else { j += 1; continue }
                let subtreeEnd = nodes[j].subtreeEnd
                if analysis.excluded[j] || Self.skippedNames.contains(nodes[j].name) || nodes[j].name == "h1" {
                    j = subtreeEnd + 1
                    continue
                }
                let length = Int(analysis.textLength[j])
                if length == 0 {
                    j = subtreeEnd + 1
                    continue
                }
                if excludedMarkup.matches(attributes: nodes[j].attributes) {
                    j = subtreeEnd + 1
                    continue
                }
                if leadMarkup.matches(attributes: nodes[j].attributes) {
                    if rules.leadLength.contains(length), analysis.linkDensity(j) < 0.3, analysis.paragraphCount[j] <= 2,
                        let text = leadText(j), !looksLikeByline(text)
                    {
                        return (j, text)
                    }
                    if length < rules.leadLength.lowerBound {
                        j = subtreeEnd + 1
                        continue
                    }
                    j += 1  // a wrapper with more than a lead: look inside
                    continue
                }
                if nodes[j].name == "p" {
                    if length >= 25, length >= shortestDescription - 2, let text = TextCleaner.nonEmpty(tree.rawText(of: j)),
                        let comparable = Self.comparable(text),
                        normalizedDescriptions.contains(where: { Self.sameText(description: $0, paragraph: comparable) })
                    {
                        return (j, text)
                    }
                    if length >= rules.leadBodyParagraphLength { return nil }
                    j = subtreeEnd + 1
                    continue
                }
                j += 1
            }
            return nil
        }
    }

    /// The lead's text; a lead made of several paragraphs or list items (live blogs' key
    /// points) keeps one line per item instead of running them together.
    func leadText(_ index: Int) -> String? {
        let tree = analysis.tree
        var items: [String] = []
        var j = index + 1
        let end = tree[index].subtreeEnd
        while j <= end {
            let node = tree[j]
            if node.isElement, node.name == "li" || node.name == "p" {
                if let text = TextCleaner.nonEmpty(tree.rawText(of: j)) { items.append(text) }
                j = node.subtreeEnd + 1
                continue
            }
            j += 1
        }
        if items.count >= 2 { return items.joined(separator: "\n") }
        return TextCleaner.nonEmpty(tree.rawText(of: index))
    }

    /// "By Jane Doe, November 20, 2019": a byline line with a lead-like class.
    func looksLikeByline(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["by ", "von ", "text:", "autor:", "author:"].contains { lower.hasPrefix($0) }
    }

    /// Case-folded text without a trailing ellipsis, for comparing a description with a
    /// paragraph.
    static func comparable(_ raw: String) -> String? {
        var text = TextCleaner.clean(raw).lowercasedNewsText()
        for suffix in ["…", "..."] where text.hasSuffix(suffix) { text = String(text.dropLast(suffix.count)) }
        text = text.trimmedWhitespace()
        return text.isEmpty ? nil : text
    }

    /// Equal, or the description is the paragraph cut short (descriptions are often
    /// truncated to ~160 characters).
    static func sameText(description: String, paragraph: String) -> Bool {
        description == paragraph || (description.count >= 60 && paragraph.hasPrefix(description))
    }
}
