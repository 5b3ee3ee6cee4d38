import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Finds user comment sections by generic markup and returns one `Comment` per comment.
///
/// 1. `CommentSectionFinder` lists comment containers and single-comment elements.
/// 2. Each element is read by `CommentItemParser` (text, header, author, date).
/// 3. Wrappers are folded into the comment they wrap (`li.comment > article.comment-body`),
///    and header-only elements into the comment that follows (`dt` author line + `dd` text).
/// 4. Replies get the index of the comment they are nested in, or — for flat lists with
///    `depth-N` classes — of the last comment one level up.
/// 5. The sections (or the comments themselves) are returned for the body extractor to skip.
struct CommentExtractor {
    let analysis: PageAnalysis
    let rules: ExtractionRules
    /// Compiled once per extractor from `rules`.
    let matchers: RuleMatchers

    struct Result {
        var comments: [Comment]
        /// Roots of the comment sections, which the body extractor must leave out.
        var sectionRoots: [Int]
    }

    /// One comment being assembled.
    private struct Item {
        var root: Int
        var parsed: CommentItemParser.Parsed
        /// Header elements outside `root` (a `dt` before a `dd`) folded into this comment.
        var extraRoots: [Int] = []
        var consumedBy: Int?
        var depth: Int?
    }

    func extract() -> Result {
        let tree = analysis.tree
        let empty = Result(comments: [], sectionRoots: [])
        guard tree.count > 1 else { return empty }
        let commentRules = rules.comments
        let markup = CommentMarkup(rules: commentRules, keywords: matchers.commentKeywords)
        let finder = CommentSectionFinder(
            analysis: analysis, rules: commentRules, markup: markup, furnitureAncestors: matchers.commentFurnitureAncestors)
        let found = finder.find()
        var roots = found.items
        var headers: [Int: Int] = [:]
        if roots.isEmpty {
            // No comment markup: try the repeated structure of the outermost sections.
            var lastEnd = -1
            for section in found.sections where section > lastEnd {
                lastEnd = tree[section].subtreeEnd
                for (item, header) in finder.repeatedItems(in: section) {
                    roots.append(item)
                    if header >= 0 { headers[item] = header }
                }
            }
        }
        guard !roots.isEmpty else { return empty }

        var isItemRoot = [Bool](repeating: false, count: tree.count)
        for root in roots { isItemRoot[root] = true }
        for header in headers.values { isItemRoot[header] = true }
        var blockElements = rules.blockBoundaryElements
        blockElements.formUnion(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"])
        let parser = CommentItemParser(
            analysis: analysis, rules: commentRules, markup: markup,
            dates: CommentDateParser(), blockElements: blockElements,
            keepFullText: commentRules.includeHeaderInText)

        // A `dd` comment's author line is the `dt` before it (Blogger-style lists).
        // Previous element siblings, collected in one walk per list so long lists stay linear.
        var previousSibling: [Int: Int] = [:]
        var walkedParents = Set<Int>()
        for root in roots where tree[root].name == "dd" {
            let parent = Int(tree[root].parent)
            guard parent >= 0, walkedParents.insert(parent).inserted else { continue }
            var previous: Int?
            for child in tree.children(of: parent) where tree[child].isElement {
                if let previous { previousSibling[child] = previous }
                previous = child
            }
        }
        for root in roots where tree[root].name == "dd" && headers[root] == nil {
            if let previous = previousSibling[root], tree[previous].name == "dt", !isItemRoot[previous],
                Int(analysis.textLength[previous]) <= commentRules.maximumHeaderLength
            {
                headers[root] = previous
                isItemRoot[previous] = true
            }
        }
        var items: [Item] = roots.map { root in
            var item = Item(root: root, parsed: parser.parse(root, isItemRoot: isItemRoot), depth: markup.depth(tree[root]))
            if let header = headers[root] {
                item.parsed = Self.merge(parser.parse(header, isItemRoot: isItemRoot, asHeader: true), then: item.parsed)
                item.extraRoots.append(header)
            }
            return item
        }

        // Nesting: the nearest enclosing candidate of each candidate (roots are in document order).
        var enclosing = [Int?](repeating: nil, count: items.count)
        var firstChild = [Int?](repeating: nil, count: items.count)
        var stack: [Int] = []
        for k in items.indices {
            let root = items[k].root
            while let top = stack.last, !tree.contains(items[top].root, root) { stack.removeLast() }
            if let top = stack.last {
                enclosing[k] = top
                if firstChild[top] == nil { firstChild[top] = k }
            }
            stack.append(k)
        }

        // Wrappers with no text of their own absorb the first comment they contain. Deepest
        // first, so chains of wrappers collapse into the outermost one.
        let minimum = commentRules.minimumCommentLength
        for k in items.indices.reversed() {
            guard let child = firstChild[k], items[k].parsed.bodyLength < max(minimum, 10) else { continue }
            items[k].parsed = Self.merge(items[k].parsed, then: items[child].parsed)
            items[k].depth = items[k].depth ?? items[child].depth
            items[child].consumedBy = k
        }

        // Header-only elements (a `dt.comment` author line) go into the next comment.
        for k in items.indices where items[k].consumedBy == nil && items[k].parsed.bodyLength < minimum {
            guard k + 1 < items.count, items[k + 1].consumedBy == nil,
                Int(tree[items[k].root].nextSibling) >= 0,
                nextElementSibling(items[k].root) == items[k + 1].root
            else { continue }
            items[k + 1].parsed = Self.merge(items[k].parsed, then: items[k + 1].parsed)
            items[k + 1].extraRoots.append(items[k].root)
            items[k].consumedBy = k + 1
        }

        // Keep real comments; number them and resolve parents.
        var outputIndex = [Int?](repeating: nil, count: items.count)
        var comments: [Comment] = []
        var keptRoots: [Int] = []
        var lastAtDepth: [Int: Int] = [:]
        for k in items.indices where items[k].consumedBy == nil {
            let parsed = items[k].parsed
            guard parsed.bodyLength >= minimum, !parsed.hasOnlyEmptyTextElements else { continue }
            let opening = parsed.bodyText.prefix(24).lowercased()
            if commentRules.notCommentPrefixes.contains(where: { opening.hasPrefix($0) }) { continue }
            let linkShare = Double(parsed.bodyLinkLength) / Double(max(1, parsed.bodyLength))
            if linkShare > commentRules.maximumLinkDensity && parsed.bodyLength < commentRules.linkDenseMaximumLength {
                continue
            }
            var parent: Int?
            var e = enclosing[k]
            while let a = e {
                if let consumer = items[a].consumedBy {
                    e = consumer  // folded into another comment, which stands in for it
                    continue
                }
                if let index = outputIndex[a] {
                    parent = index
                    break
                }
                e = enclosing[a]  // dropped: look further out
            }
            if parent == nil, let depth = items[k].depth, depth > 1 { parent = lastAtDepth[depth - 1] }
            let text = commentRules.includeHeaderInText ? parsed.fullText : parsed.bodyText
            guard !text.isEmpty else { continue }
            outputIndex[k] = comments.count
            if let depth = items[k].depth { lastAtDepth[depth] = comments.count }
            comments.append(Comment(author: parsed.author, published: parsed.published, text: text, parent: parent))
            keptRoots.append(items[k].root)
            keptRoots += items[k].extraRoots
        }
        guard !comments.isEmpty else { return empty }
        return Result(comments: comments, sectionRoots: sectionRoots(for: keptRoots, sections: found.sections))
    }

    /// Concatenates a header-like part and the comment it belongs to.
    private static func merge(_ first: CommentItemParser.Parsed, then second: CommentItemParser.Parsed) -> CommentItemParser.Parsed {
        var merged = second
        merged.root = first.root
        merged.fullText = [first.fullText, second.fullText].filter { !$0.isEmpty }.joined(separator: "\n")
        merged.bodyText = [first.bodyText, second.bodyText].filter { !$0.isEmpty }.joined(separator: "\n")
        merged.bodyLength = first.bodyLength + second.bodyLength
        merged.bodyLinkLength = first.bodyLinkLength + second.bodyLinkLength
        merged.author = first.author ?? second.author
        merged.published = first.published ?? second.published
        return merged
    }

    private func nextElementSibling(_ index: Int) -> Int? {
        var s = Int(analysis.tree[index].nextSibling)
        while s >= 0 {
            if analysis.tree[s].isElement { return s }
            s = Int(analysis.tree[s].nextSibling)
        }
        return nil
    }

    /// For each top-level comment, the outermost section container around it that holds
    /// little besides comments; the comment itself when there is none.
    private func sectionRoots(for kept: [Int], sections: [Int]) -> [Int] {
        let tree = analysis.tree
        var topLevel: [Int] = []
        for root in kept.sorted() {
            if let last = topLevel.last, tree.contains(last, root) { continue }
            topLevel.append(root)
        }
        // Comment text inside each section, in one pass per section.
        var commentText: [Int: Int] = [:]
        for section in sections {
            for other in topLevel where tree.contains(section, other) {
                commentText[section, default: 0] += Int(analysis.textLength[other])
            }
        }
        var result: [Int] = []
        var covered = -1
        for root in topLevel {
            if root <= covered { continue }
            var chosen = root
            for section in sections where tree.contains(section, root) {
                let extra = Int(analysis.textLength[section]) - (commentText[section] ?? 0)
                if extra <= rules.comments.maximumSectionExtraLength {
                    chosen = section
                    break
                }
            }
            result.append(chosen)
            covered = tree[chosen].subtreeEnd
        }
        return result
    }
}
