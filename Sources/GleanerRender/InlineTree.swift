import GleanerModel

/// A block's text with its links and emphasis as a tree, for renderers that nest markup.
///
/// Ranges come as offsets (Unicode scalars) that may overlap arbitrarily; markup must nest.
/// Ranges are taken longest-first at each start, and one that crosses an already taken
/// range is left out (its text stays, only the markup goes).
enum InlineNode: Equatable {
    case text(String)
    case link(href: String, children: [InlineNode])
    case mark(InlineMark.Kind, children: [InlineNode])

    /// True when this node is a link or holds one.
    var holdsLink: Bool {
        switch self {
        case .text: return false
        case .link: return true
        case .mark(_, let children): return children.contains(where: \.holdsLink)
        }
    }

    /// The tree of a block's text; plain text when it has no links or marks.
    static func tree(of block: Block) -> [InlineNode] {
        tree(text: block.text, links: block.links, marks: block.marks)
    }

    static func tree(text: String, links: [InlineLink], marks: [InlineMark]) -> [InlineNode] {
        if links.isEmpty && marks.isEmpty { return text.isEmpty ? [] : [.text(text)] }
        let scalars = Array(text.unicodeScalars)
        var ranges: [Span] = []
        for link in links where link.start < link.end && link.end <= scalars.count {
            ranges.append(Span(start: link.start, end: link.end, order: 0, link: link.href, mark: nil))
        }
        for mark in merged(marks) where mark.start < mark.end && mark.end <= scalars.count {
            ranges.append(Span(start: mark.start, end: mark.end, order: 1, link: nil, mark: mark.type))
        }
        // Ties keep the record's order (Swift's sort is not stable), so the same record
        // always renders the same way.
        ranges = ranges.enumerated().sorted { a, b in
            (a.element.start, -a.element.end, a.element.order, a.offset) < (b.element.start, -b.element.end, b.element.order, b.offset)
        }.map(\.element)
        // Keep properly nested ranges only.
        var accepted: [Span] = []
        var stack: [Span] = []
        for range in ranges {
            while let top = stack.last, top.end <= range.start { stack.removeLast() }
            if let top = stack.last, range.end > top.end { continue }
            // The same markup twice over the same text (<b><strong>…) adds nothing.
            if let top = stack.last, top.start == range.start, top.end == range.end, top.link == range.link, top.mark == range.mark { continue }
            // A link inside a link (an HTML parser's leftover of nested anchors) cannot be
            // written in Markdown — the outer one would stop being a link — nor in valid
            // HTML: the outer link wins, the inner one's text stays.
            if range.link != nil, stack.contains(where: { $0.link != nil }) { continue }
            accepted.append(range)
            stack.append(range)
        }
        var index = 0
        return build(scalars: scalars, ranges: accepted, index: &index, from: 0, to: scalars.count)
    }

    /// Marks of one kind that touch or overlap become one (`<b>FRIEN</b><b>D</b>`): written
    /// side by side they would give `**FRIEN****D**`, which no Markdown reader takes for
    /// emphasis.
    static func merged(_ marks: [InlineMark]) -> [InlineMark] {
        guard marks.count > 1 else { return marks }
        var out: [InlineMark] = []
        for mark in marks.sorted(by: { ($0.type.rawValue, $0.start) < ($1.type.rawValue, $1.start) }) {
            if let last = out.last, last.type == mark.type, mark.start <= last.end {
                out[out.count - 1].end = max(last.end, mark.end)
            } else {
                out.append(mark)
            }
        }
        return out
    }

    private struct Span {
        var start: Int
        var end: Int
        var order: Int
        var link: String?
        var mark: InlineMark.Kind?
    }

    private static func build(scalars: [Unicode.Scalar], ranges: [Span], index: inout Int, from: Int, to: Int) -> [InlineNode] {
        var nodes: [InlineNode] = []
        var position = from
        func text(_ a: Int, _ b: Int) {
            guard a < b else { return }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[a..<b])
            nodes.append(.text(String(view)))
        }
        while index < ranges.count, ranges[index].start < to {
            let range = ranges[index]
            text(position, range.start)
            index += 1
            let children = build(scalars: scalars, ranges: ranges, index: &index, from: range.start, to: range.end)
            if let href = range.link {
                nodes.append(.link(href: href, children: children))
            } else if let mark = range.mark {
                nodes.append(.mark(mark, children: children))
            }
            position = range.end
        }
        text(position, to)
        return nodes
    }

    /// The plain text of nodes.
    static func plain(_ nodes: [InlineNode]) -> String {
        var out = ""
        for node in nodes {
            switch node {
            case .text(let text): out += text
            case .link(_, let children), .mark(_, let children): out += plain(children)
            }
        }
        return out
    }
}

/// Block runs: consecutive list items form one list, consecutive quotes one quotation.
enum BlockGrouping {
    /// Index ranges of `blocks` where list items / quotes are grouped; other blocks alone.
    static func runs(_ blocks: [Block]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var i = 0
        while i < blocks.count {
            let type = blocks[i].type
            var j = i + 1
            if type == .listItem || type == .quote {
                while j < blocks.count, blocks[j].type == type { j += 1 }
            }
            runs.append(i..<j)
            i = j
        }
        return runs
    }

    /// Depth of each comment in its reply chain (0 for top level).
    static func commentDepths(_ comments: [Comment]) -> [Int] {
        var depths = [Int](repeating: 0, count: comments.count)
        for (index, comment) in comments.enumerated() {
            if let parent = comment.parent, parent >= 0, parent < index { depths[index] = min(depths[parent] + 1, 8) }
        }
        return depths
    }
}
