import GleanerHTML

/// Finds comment section containers and single-comment elements in one linear scan.
///
/// A single comment is recognised by its own markup (class `comment`, `li-comment-123`,
/// schema.org `Comment`). When a section container holds none of those, the finder falls back
/// to its repeated structure: the largest group of same-tag, same-class siblings inside it
/// (forum-style post lists, `dl` lists of `dt` author lines and `dd` texts).
struct CommentSectionFinder {
    let analysis: PageAnalysis
    let rules: CommentRules
    let markup: CommentMarkup
    /// `rules.furnitureAncestors`, compiled (`RuleMatchers`).
    let furnitureAncestors: ElementNameSet

    struct Found {
        /// Section containers, in document order (outer before inner).
        var sections: [Int] = []
        /// Single-comment elements, in document order.
        var items: [Int] = []
    }

    /// What a class attribute value says, memoised per page.
    private struct ClassInfo {
        var furniture = false
        var section = false
        var item = false
        /// A `listItemNames` class: an item only as one of several.
        var listItem = false
    }

    func find() -> Found {
        let tree = analysis.tree
        var found = Found()
        var classMemo: [String: ClassInfo] = [:]
        var furnitureEnd = -1
        var sectionEnd = -1
        var weakItems: [Int] = []
        var strongItems: [Int] = []
        let isFurnitureAncestor = tree.nameMask(furnitureAncestors)
        // Nodes are read in place from the buffer: a copy of each element with attributes
        // (its strings and attribute array retained) was 0.65% of a run.
        tree.nodes.withUnsafeBufferPointer { nodes in
            for i in 1..<tree.count {
                guard nodes[i].isElement, !analysis.excluded[i], i > furnitureEnd else { continue }
                if isFurnitureAncestor[Int(nodes[i].nameID)] {
                    furnitureEnd = nodes[i].subtreeEnd
                    continue
                }
                guard !nodes[i].attributes.isEmpty else { continue }
                // Older templates mark a comment only by an anchor at the start of its block:
                // `<div><a name="comment-4711"></a>text…</div>`; the block is the comment.
                if let anchored = anchoredItem(i) {
                    strongItems.append(anchored)
                    continue
                }
                let attributes = nodes[i].attributes
                let schema = markup.isSchemaComment(attributes: attributes)
                var classInfo = ClassInfo()
                var idInfo = ClassInfo()
                var idItem = false
                var mentioned = false
                if let classes = attributes.attributeNamed("class"), markup.mentions(classes) {
                    mentioned = true
                    if let known = classMemo[classes] {
                        classInfo = known
                    } else {
                        let joined = classes.splitASCII(separator: 0x20).map { CommentMarkup.joined($0.lowercased()) }
                        classInfo = ClassInfo(
                            furniture: markup.isFurnitureContainer(joinedNames: joined),
                            section: markup.isSection(joinedNames: joined), item: markup.isItemClass(nodes[i]),
                            listItem: joined.contains { rules.listItemNames.contains($0) })
                        classMemo[classes] = classInfo
                    }
                }
                if let id = attributes.attributeNamed("id"), markup.mentions(id) {
                    mentioned = true
                    let lower = id.lowercased()
                    idItem = markup.isItemID(lower)
                    let joined = [CommentMarkup.joined(lower)]
                    idInfo = ClassInfo(
                        furniture: markup.isFurnitureContainer(joinedNames: joined),
                        section: markup.isSection(joinedNames: joined), item: false)
                }
                guard schema || mentioned else {
                    // Movable Type's numbered ids, only where no comment markup says otherwise;
                    // weak: they count when several form a list.
                    if let id = attributes.attributeNamed("id"), Self.isNumberedCommentID(id), !rules.inlineElements.contains(nodes[i].name),
                        analysis.textLength[i] > 0
                    {
                        weakItems.append(i)
                    }
                    continue
                }
                if classInfo.furniture || idInfo.furniture {
                    furnitureEnd = nodes[i].subtreeEnd
                    continue
                }
                if !schema, !idItem, classInfo.section || idInfo.section, !rules.neverSectionElements.contains(nodes[i].name) {
                    found.sections.append(i)
                    sectionEnd = max(sectionEnd, nodes[i].subtreeEnd)
                    continue
                }
                guard !rules.inlineElements.contains(nodes[i].name), analysis.textLength[i] > 0 else { continue }
                let classItem = classInfo.item
                if schema || idItem || (classItem && i <= sectionEnd) {
                    strongItems.append(i)
                } else if classItem || classInfo.listItem {
                    weakItems.append(i)
                }
            }
        }
        // An element with a class like "comment" outside any comment section counts only
        // when it is one of a list: a sibling or a nested reply of another such element.
        // Each in its own wrapper (`div#c123 > div.comment-body`) counts as a list too.
        var parents: [Int32: Int] = [:]
        var grandparents: [Int32: Int] = [:]
        for item in weakItems {
            let parent = tree[item].parent
            parents[parent, default: 0] += 1
            if parent >= 0 { grandparents[tree[Int(parent)].parent, default: 0] += 1 }
        }
        var accepted: [Int] = []
        for (k, item) in weakItems.enumerated() {
            let nested = (k > 0 && tree.contains(weakItems[k - 1], item))
                || (k + 1 < weakItems.count && tree.contains(item, weakItems[k + 1]))
            let parent = tree[item].parent
            let grandparent = parent >= 0 ? tree[Int(parent)].parent : -1
            if nested || (parents[parent] ?? 0) >= 2 || (grandparent >= 0 && (grandparents[grandparent] ?? 0) >= 2) {
                accepted.append(item)
            }
        }
        found.items = Array(Set(strongItems + accepted)).sorted()
        return found
    }

    /// The block an empty comment anchor (`<a name="comment-4711">`, id or name with a
    /// comment item prefix) opens: the anchor's parent, when the anchor is its first element
    /// child and the parent has text of its own. An anchor in the middle of a long column
    /// marks a position, not an element.
    private func anchoredItem(_ index: Int) -> Int? {
        let tree = analysis.tree
        guard tree[index].name == "a", analysis.textLength[index] == 0,
            let label = tree[index].attributeNamed("id") ?? tree[index].attributeNamed("name"),
            markup.isItemID(label.lowercased())
        else { return nil }
        let parent = Int(tree[index].parent)
        guard parent > 0, tree[parent].isElement, analysis.textLength[parent] > 0,
            !rules.inlineElements.contains(tree[parent].name), tree[parent].name != "body"
        else { return nil }
        var child = tree[parent].firstChild
        while child >= 0, !tree[Int(child)].isElement { child = tree[Int(child)].nextSibling }
        return Int(child) == index ? parent : nil
    }

    /// Movable Type's comment ids: `c` and at least four digits (`c115850`).
    static func isNumberedCommentID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard bytes.count >= 5, bytes.first == UInt8(ascii: "c") else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Repeated-structure fallback for a section without comment markup. Returns the item
    /// elements and, for each, a header sibling (the `dt` before a `dd`) or -1.
    func repeatedItems(in section: Int) -> [(item: Int, header: Int)] {
        let tree = analysis.tree
        let end = tree[section].subtreeEnd
        // Elements holding form controls are the comment form, not comments.
        var hasControl = Set<Int>()
        var j = section
        while j <= end {
            let name = tree[j].name
            if name == "textarea" || name == "input" || name == "button" || name == "select" {
                var p = j
                while p >= section, hasControl.insert(p).inserted {
                    p = Int(tree[p].parent)
                }
            }
            j += 1
        }
        var bestParent = -1
        var bestSignature = ""
        var bestText = 0
        var bestCount = 0
        var i = section
        while i <= end {
            let node = tree[i]
            if node.isElement, analysis.excluded[i] || node.name == "form" {
                i = node.subtreeEnd + 1
                continue
            }
            if node.isElement, node.firstChild >= 0 {
                var groups: [String: (count: Int, text: Int, name: String)] = [:]
                for child in tree.children(of: i) where tree[child].isElement && !analysis.excluded[child] {
                    let c = tree[child]
                    let signature = markup.signature(c)
                    var entry = groups[signature] ?? (0, 0, c.name)
                    entry.count += 1
                    if !hasControl.contains(child) { entry.text += Int(analysis.textLength[child]) }
                    groups[signature] = entry
                }
                for (signature, entry) in groups
                where entry.count >= rules.minimumRepeatedItems && entry.text > bestText && !rules.unrepeatedElements.contains(entry.name)
                {
                    bestParent = i
                    bestSignature = signature
                    bestText = entry.text
                    bestCount = entry.count
                }
            }
            i += 1
        }
        guard bestParent >= 0, bestText >= rules.minimumRepeatedTextLength,
            Int(analysis.textLength[section]) - bestText <= rules.maximumSectionExtraLength
        else { return [] }
        var result: [(Int, Int)] = []
        var previous = -1
        var previousSignatureCount: [String: Int] = [:]
        for child in tree.children(of: bestParent) where tree[child].isElement {
            let c = tree[child]
            previousSignatureCount[markup.signature(c), default: 0] += 1
        }
        for child in tree.children(of: bestParent) where tree[child].isElement {
            let c = tree[child]
            let signature = markup.signature(c)
            if signature == bestSignature, !hasControl.contains(child), analysis.textLength[child] > 0 {
                var header = -1
                if previous >= 0 {
                    let p = tree[previous]
                    let pSignature = markup.signature(p)
                    if pSignature != bestSignature, (previousSignatureCount[pSignature] ?? 0) >= bestCount - 1,
                        Int(analysis.textLength[previous]) <= rules.maximumHeaderLength
                    {
                        header = previous
                    }
                }
                result.append((child, header))
            }
            previous = child
        }
        return result
    }
}
