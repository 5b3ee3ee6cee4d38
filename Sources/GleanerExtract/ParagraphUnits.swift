import GleanerHTML

/// The text each block-level element holds *directly* — in its own text nodes and inline
/// descendants, not in nested blocks.
///
/// Readability-style scoring looks only at `<p>`-like elements, which misses the many pages
/// that put article text straight into a `<div>` separated by `<br>`, or into table cells.
/// Attributing every text node to its nearest block ancestor turns any such element into a
/// "paragraph unit" that can be scored like a `<p>`. Computed in one forward pass; each text
/// node walks up only through its inline ancestors.
struct ParagraphUnits {
    /// True for elements that start a block (`ExtractionRules.blockElements`).
    private(set) var isBlock: [Bool]
    /// Visible length of the text owned directly by each block element.
    private(set) var ownText: [Int32]
    /// Part of `ownText` inside links.
    private(set) var ownLinkText: [Int32]
    /// Commas in the owned text (Latin and CJK), a readability signal of running prose.
    private(set) var ownCommas: [Int32]
    /// `<br>` elements among the owned inline content: separators of text paragraphs.
    private(set) var ownBreaks: [Int32]
    /// True when a block element has block-level descendants (so it is a container too).
    private(set) var hasBlockChild: [Bool]

    /// `blockElements`: `ExtractionRules.blockElements`, compiled.
    init(analysis: PageAnalysis, blockElements: ElementNameSet) {
        let tree = analysis.tree
        let n = tree.count
        isBlock = [Bool](repeating: false, count: n)
        ownText = [Int32](repeating: 0, count: n)
        ownLinkText = [Int32](repeating: 0, count: n)
        ownCommas = [Int32](repeating: 0, count: n)
        ownBreaks = [Int32](repeating: 0, count: n)
        hasBlockChild = [Bool](repeating: false, count: n)
        guard n > 1 else { return }
        isBlock[0] = true
        // Whether a node lies inside an <a>, inherited downwards.
        var insideLink = [Bool](repeating: false, count: n)
        // Tag tests by name id: a per-node set lookup or string compare was measurable.
        let isBlockName = tree.nameMask(blockElements)
        let anchorID = tree.nameID("a")
        let breakID = tree.nameID("br")
        for i in 1..<n {
            let parent = Int(tree.nodes[i].parent)
            if analysis.excluded[i] { continue }
            insideLink[i] = insideLink[parent]
            if tree.nodes[i].kind == .element {
                let nameID = tree.nodes[i].nameID
                if isBlockName[Int(nameID)] {
                    isBlock[i] = true
                    // Mark every block ancestor up to the next block as a container.
                    var p = parent
                    while p > 0, !isBlock[p] { p = Int(tree.nodes[p].parent) }
                    if p >= 0 { hasBlockChild[p] = true }
                } else if nameID == anchorID, !PageAnalysis.isNamedTarget(tree.nodes[i]) {
                    // An `<a name>` target is no link (PageAnalysis.isNamedTarget).
                    insideLink[i] = true
                } else if nameID == breakID {
                    ownBreaks[owner(of: i, tree: tree)] += 1
                }
                continue
            }
            let length = analysis.textLength[i]
            guard length > 0 else { continue }
            let block = owner(of: i, tree: tree)
            ownText[block] += length
            if insideLink[i] { ownLinkText[block] += length }
            ownCommas[block] += Self.commas(in: tree.nodes[i].text)
        }
    }

    /// Nearest block ancestor of `index` (exclusive); inline chains are short in practice.
    @inline(__always)
    private func owner(of index: Int, tree: DOMTree) -> Int {
        var p = Int(tree.nodes[index].parent)
        while p > 0, !isBlock[p] { p = Int(tree.nodes[p].parent) }
        return max(p, 0)
    }

    /// Share of a block's own text inside links.
    func ownLinkDensity(_ index: Int) -> Double {
        let total = ownText[index]
        return total > 0 ? Double(ownLinkText[index]) / Double(total) : 0
    }

    static func commas(in text: String) -> Int32 {
        // Over the string's own bytes: it runs for every text node.
        if let count = text.utf8.withContiguousStorageIfAvailable({ commas(buffer: $0) }) { return count }
        return commas(inBytes: text.utf8)
    }

    /// `commas(inBytes:)` that skips eight bytes at a time while they hold neither a comma
    /// nor a non-ASCII byte (both wide commas start with one), where the byte loop has
    /// nothing to do; other bytes are stepped through exactly as there. Text nodes are
    /// mostly such runs: the byte loop was 0.45% of a run.
    static func commas(buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let base = buffer.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let n = buffer.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let commaBytes: UInt64 = 0x2C2C_2C2C_2C2C_2C2C
        var count: Int32 = 0
        var i = 0
        while i < n {
            if i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let x = word ^ commaBytes
                // No zero byte in `x` (no comma) and no high bit in `word` (all ASCII).
                if ((x &- ones) & ~x & highs) | (word & highs) == 0 {
                    i += 8
                    continue
                }
            }
            let byte = buffer[i]
            i += 1
            if byte == 0x2C {
                count += 1
            } else if byte == 0xEF || byte == 0xE3 {
                // U+FF0C FULLWIDTH COMMA = EF BC 8C, U+3001 IDEOGRAPHIC COMMA = E3 80 81;
                // the bytes after the lead are consumed as the byte loop's iterator does.
                let second: UInt8 = byte == 0xEF ? 0xBC : 0x80
                let third: UInt8 = byte == 0xEF ? 0x8C : 0x81
                guard i < n else { continue }
                let b1 = buffer[i]
                i += 1
                guard b1 == second, i < n else { continue }
                let b2 = buffer[i]
                i += 1
                if b2 == third { count += 1 }
            }
        }
        return count
    }

    @inline(__always)
    static func commas<Bytes: Sequence<UInt8>>(inBytes bytes: Bytes) -> Int32 {
        var count: Int32 = 0
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if byte == 0x2C {
                count += 1
            } else if byte == 0xEF {
                // U+FF0C FULLWIDTH COMMA = EF BC 8C
                if iterator.next() == 0xBC, iterator.next() == 0x8C { count += 1 }
            } else if byte == 0xE3 {
                // U+3001 IDEOGRAPHIC COMMA = E3 80 81
                if iterator.next() == 0x80, iterator.next() == 0x81 { count += 1 }
            }
        }
        return count
    }
}
