import Foundation
import GleanerHTML

/// Finds a wire-agency credit written into the story text, for pages that name the agency
/// nowhere else: "… Ergebnisse gab es nicht. (sda/daf)" at the end of the text, or the
/// dateline form "Berlin (dpa) – …" / "WASHINGTON (AP) —" at the start of a paragraph.
///
/// Runs before the body is known, so it reads text nodes after the headline and skips
/// links and containers of other stories (related teasers, sidebars, comments), whose
/// "(dpa)" credits someone else's copy.
struct AgencyCreditFinder {
    let analysis: PageAnalysis
    let rules: MetadataRules

    func find(after headline: Int?) -> String? {
        let tree = analysis.tree
        let parser = BylineParser(rules: rules)
        var i = headline.map { tree[$0].subtreeEnd + 1 } ?? 0
        while i < tree.count {
            let node = tree[i]
            if node.isElement {
                if analysis.excluded[i] || node.name == "a" || node.name == "nav" || node.name == "aside"
                    || node.name == "footer" || node.name == "figure" || node.name == "form"
                {
                    i = node.subtreeEnd + 1
                    continue
                }
                i += 1
                continue
            }
            defer { i += 1 }
            guard node.text.contains("("), let credit = credit(in: node.text, parser: parser) else { continue }
            if ClassTokens.hasAncestor(tree, of: i, substrings: rules.creditExcludedAncestorSubstrings, depth: 15) {
                continue
            }
            if credit.trailing && !endsBlock(i) { continue }
            return credit.text
        }
        return nil
    }

    /// A credit at the end of `text` ("(sda/daf)") or as a dateline near its start.
    private func credit(in text: String, parser: BylineParser) -> (text: String, trailing: Bool)? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var end = trimmed
        while end.hasSuffix(".") { end.removeLast() }
        if end.hasSuffix(")"), let open = end.lastIndex(of: "(") {
            let inner = String(end[end.index(after: open)..<end.index(before: end.endIndex)])
            if let credit = parser.agencyCredit(inner) { return (credit, true) }
        }
        // Dateline: "Berlin (dpa) - …", "(Reuters) -".
        guard let open = trimmed.firstIndex(of: "("),
            trimmed.distance(from: trimmed.startIndex, to: open) <= rules.datelineCreditMaximumOffset,
            let close = trimmed[open...].firstIndex(of: ")")
        else { return nil }
        let after = trimmed[trimmed.index(after: close)...].drop { $0 == " " || $0 == "\u{00A0}" }
        guard let dash = after.first, "-–—:".contains(dash) else { return nil }
        let inner = String(trimmed[trimmed.index(after: open)..<close])
        return parser.agencyCredit(inner).map { ($0, false) }
    }

    /// True when no visible text follows text node `index` inside its paragraph-level
    /// container: an end credit ends its paragraph.
    private func endsBlock(_ index: Int) -> Bool {
        let tree = analysis.tree
        guard let block = tree.ancestor(of: index, where: { ["p", "div", "li", "section", "article", "td", "blockquote", "span", "em", "i", "small", "strong", "b"].contains($0.name) })
        else { return true }
        var container = block
        // Inline wrappers ("<em>(dpa)</em>"): judge at the enclosing block.
        while ["span", "em", "i", "small", "strong", "b"].contains(tree[container].name), tree[container].parent > 0 {
            container = Int(tree[container].parent)
        }
        var j = index + 1
        let end = tree[container].subtreeEnd
        while j <= end {
            if tree[j].kind == .text, !analysis.excluded[j], PageAnalysis.visibleLength(tree[j].text) > 0 { return false }
            if tree[j].isElement, analysis.excluded[j] { j = tree[j].subtreeEnd + 1; continue }
            j += 1
        }
        return true
    }
}
