import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Turns the content subtree chosen by the body extractor into blocks in reading order.
///
/// Block-level elements open a new block; inline text accumulates into the block of the
/// innermost open block element. Skipped nodes (boilerplate found inside the content) and
/// excluded nodes (scripts, hidden) contribute nothing.
///
/// Blocks whose words are (almost) all link text are dropped: inside the article container
/// such lines are tool links ("Print | Recommend") or link lists to other articles, rarely
/// prose. Blocks without any word (a lone "|" or "·" left between removed furniture) go too.
struct BlockBuilder {
    let analysis: PageAnalysis
    let rules: ExtractionRules

    /// - Parameters:
    ///   - root: the content container.
    ///   - skip: nodes whose subtrees are left out.
    func blocks(in root: Int, skipping skip: Set<Int>) -> [Block] {
        let tree = analysis.tree
        var blocks: [Block] = []
        var buffer = ""
        // Open block elements: (subtree end, kind, heading level).
        var open: [(end: Int, kind: Block.Kind, level: Int?)] = []
        var consecutiveBreaks = 0
        // Word characters in the running block, and how many of them are inside links.
        var wordCount = 0
        var linkWordCount = 0
        // Subtree end of the outermost open <a>; -1 when outside links.
        var linkEnd = -1

        func currentKind() -> (Block.Kind, Int?) {
            guard let top = open.last else { return (.paragraph, nil) }
            return (top.kind, top.level)
        }

        func flush() {
            let (kind, level) = currentKind()
            let text = kind == .preformatted ? TextCleaner.cleanKeepingLines(buffer) : TextCleaner.clean(buffer)
            buffer = ""
            let words = wordCount
            let linkWords = linkWordCount
            wordCount = 0
            linkWordCount = 0
            guard !text.isEmpty else { return }
            if kind != .preformatted {
                if words == 0 { return }
                // Only short plain lines: a linked headline or a long linked paragraph may be
                // the article itself on a sparse page.
                if kind == .paragraph, text.utf8.count <= rules.boilerplateBlockMaximumLength,
                    Double(linkWords) >= rules.linkOnlyBlockShare * Double(words)
                {
                    return
                }
            }
            blocks.append(Block(type: kind, text: text, level: kind == .heading ? level : nil))
        }

        var i = root
        let end = tree[root].subtreeEnd
        while i <= end {
            while let top = open.last, top.end < i {
                flush()
                open.removeLast()
            }
            let node = tree[i]
            if analysis.excluded[i] || (i != root && skip.contains(i)) {
                // A left-out block (a headline) still separates the text around it.
                if node.kind == .element, rules.blockBoundaryElements.contains(node.name) || rules.blockKind(for: node.name, inside: nil) != nil {
                    flush()
                    consecutiveBreaks = 0
                }
                i = node.subtreeEnd + 1
                continue
            }
            if node.kind == .text {
                buffer += node.text
                let words = Self.wordCharacters(in: node.text)
                wordCount += words
                if i <= linkEnd { linkWordCount += words }
                if node.text.utf8.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D) }) { consecutiveBreaks = 0 }
                i += 1
                continue
            }
            let name = node.name
            if name == "a", i > linkEnd { linkEnd = node.subtreeEnd }
            if name == "br" {
                consecutiveBreaks += 1
                if consecutiveBreaks >= 2 { flush() } else { buffer += "\n" }
                i += 1
                continue
            }
            if let kind = rules.blockKind(for: name, inside: open.last?.kind) {
                flush()
                consecutiveBreaks = 0
                open.append((node.subtreeEnd, kind.kind, kind.level))
            } else if rules.blockBoundaryElements.contains(name) {
                flush()
                consecutiveBreaks = 0
                let inherited = currentKind()
                open.append((node.subtreeEnd, inherited.0, inherited.1))
            } else if rules.inlineSeparatedElements.contains(name) {
                buffer += " "
            }
            i += 1
        }
        while !open.isEmpty {
            flush()
            open.removeLast()
        }
        flush()
        return blocks
    }

    /// Letters and digits in `text` (Unicode scalars); punctuation, symbols and spaces don't
    /// count, so "» <a>…</a>" and "<a>…</a> | <a>…</a>" are all link.
    static func wordCharacters(in text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value | 0x20
                if (v >= 0x61 && v <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39) { count += 1 }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                count += 1
            }
        }
        return count
    }
}
