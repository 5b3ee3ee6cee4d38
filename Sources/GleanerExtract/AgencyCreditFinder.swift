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
    /// `rules.creditSkippedElements`, compiled (`RuleMatchers`).
    let skippedElements: ElementNameSet
    /// `rules.creditExcludedAncestorSubstrings`, compiled (`RuleMatchers`).
    let excludedAncestors: ClassSubstrings

    func find(after headline: Int?) -> String? {
        let tree = analysis.tree
        let parser = BylineParser(rules: rules)
        var i = headline.map { tree[$0].subtreeEnd + 1 } ?? 0
        let isSkippedName = tree.nameMask(skippedElements)
        while i < tree.count {
            // Fields read from the node array: `tree[i]` here copied each node, retaining its
            // strings and attribute array (76,000 copies over the 181 scrapinghub pages).
            if tree.nodes[i].kind == .element {
                if analysis.excluded[i] || isSkippedName[Int(tree.nodes[i].nameID)] {
                    i = tree.nodes[i].subtreeEnd + 1
                    continue
                }
                i += 1
                continue
            }
            defer { i += 1 }
            // Byte pre-check: almost no text node has both parentheses.
            // The text alone, not the node, is taken from the tree (a node passed on is copied).
            let text = tree.nodes[i].text
            guard Self.hasParentheses(text), let credit = credit(in: text, parser: parser) else { continue }
            if ClassTokens.hasAncestor(tree, of: i, substrings: excludedAncestors, depth: 15) {
                continue
            }
            if credit.trailing && !endsBlock(i) { continue }
            return credit.text
        }
        return nil
    }

    static func hasParentheses(_ text: String) -> Bool {
        // Over the string's own bytes (runs for every text node after the headline).
        if let found = text.utf8.withContiguousStorageIfAvailable({ hasParentheses(buffer: $0) }) { return found }
        return hasParentheses(bytes: text.utf8)
    }

    /// `hasParentheses(bytes:)` by `memchr`: an "(" and a ")" after it. The libc search
    /// reads many bytes a step; the byte loop was 0.3% of a run.
    @inline(__always)
    static func hasParentheses(buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress, let open = memchr(base, 0x28, buffer.count) else { return false }
        let rest = buffer.count - (UnsafeRawPointer(open) - UnsafeRawPointer(base)) - 1
        return rest > 0 && memchr(open + 1, 0x29, rest) != nil
    }

    @inline(__always)
    static func hasParentheses<Bytes: Sequence<UInt8>>(bytes: Bytes) -> Bool {
        var open = false
        for byte in bytes {
            if byte == UInt8(ascii: "(") { open = true } else if open && byte == UInt8(ascii: ")") { return true }
        }
        return false
    }

    /// A credit at the end of `text` ("(sda/daf)") or as a dateline near its start.
    /// Works on unicode scalars; Foundation trimming per text node was measurably slow.
    private func credit(in text: String, parser: BylineParser) -> (text: String, trailing: Bool)? {
        let scalars = Array(text.unicodeScalars)
        // Trailing: skip whitespace and dots from the end, expect ")".
        var end = scalars.count - 1
        while end >= 0, scalars[end].properties.isWhitespace || scalars[end] == "." { end -= 1 }
        if end > 0, scalars[end] == ")" {
            var open = end - 1
            while open >= 0, scalars[open] != "(", end - open <= 42 { open -= 1 }
            if open >= 0, scalars[open] == "(" {
                var inner = String.UnicodeScalarView()
                inner.append(contentsOf: scalars[(open + 1)..<end])
                if let credit = parser.agencyCredit(String(inner)) { return (credit, true) }
            }
        }
        // Dateline: "Berlin (dpa) - …", "(Reuters) -".
        var start = 0
        while start < scalars.count, scalars[start].properties.isWhitespace { start += 1 }
        guard let open = scalars[start...].firstIndex(of: "("), open - start <= rules.datelineCreditMaximumOffset,
            let close = scalars[open...].firstIndex(of: ")"), close - open <= 42
        else { return nil }
        var next = close + 1
        while next < scalars.count, scalars[next] == " " || scalars[next] == "\u{00A0}" { next += 1 }
        guard next < scalars.count, "-–—:".unicodeScalars.contains(scalars[next]) else { return nil }
        var inner = String.UnicodeScalarView()
        inner.append(contentsOf: scalars[(open + 1)..<close])
        return parser.agencyCredit(String(inner)).map { ($0, false) }
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
