import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Turns the content subtree chosen by the body extractor into blocks in reading order.
///
/// Block-level elements open a new block; inline text accumulates into the block of the
/// innermost open block element. Skipped nodes (boilerplate found inside the content) and
/// excluded nodes (scripts, hidden) contribute nothing.
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

        func currentKind() -> (Block.Kind, Int?) {
            guard let top = open.last else { return (.paragraph, nil) }
            return (top.kind, top.level)
        }

        func flush() {
            let (kind, level) = currentKind()
            let text = kind == .preformatted ? TextCleaner.cleanKeepingLines(buffer) : TextCleaner.clean(buffer)
            buffer = ""
            guard !text.isEmpty else { return }
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
                i = node.subtreeEnd + 1
                continue
            }
            if node.kind == .text {
                buffer += node.text
                if node.text.utf8.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D) }) { consecutiveBreaks = 0 }
                i += 1
                continue
            }
            let name = node.name
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
}
