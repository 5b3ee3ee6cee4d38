import Foundation
import GleanerHTML
import GleanerModel

/// Finds the main article content and returns it as blocks.
///
/// 1. Attribute text to paragraph units (`ParagraphUnits`): `<p>`s, but also `<div>`s and
///    table cells that hold text directly.
/// 2. Mark page furniture (`BoilerplateClassifier`), except elements that hold most of the
///    page's article-like text: those are layout wrappers with unlucky names.
/// 3. Score containers readability-style: each unit adds points for its length and commas to
///    its parent and, decreasing, to a few more ancestors; scores are discounted by link
///    density.
/// 4. Take the best container; if it holds only part of the page's article-like text, grow
///    it to the ancestor that gathers the rest (text split over several columns); let
///    similar siblings join; build blocks, leaving out furniture and link-dense widgets.
struct BodyExtractor {
    let analysis: PageAnalysis
    let rules: ExtractionRules
    /// Compiled once per extractor from `rules`.
    let matchers: RuleMatchers
    /// Base for link and image URLs in the blocks.
    var base: URL? = nil

    struct Result {
        var blocks: [Block]
        /// Containers the body came from (for the comment extractor to stay out of).
        var containers: [Int]
        /// Paragraph-weighted text length of the chosen content.
        var score: Double
        /// Subtrees left out as furniture, and link-dense widgets skipped (for `--explain`).
        var furnitureRoots: Set<Int> = []
        var skipped: Set<Int> = []
    }

    func extract(excludingSubtrees excludedRoots: [Int]) -> Result {
        let tree = analysis.tree
        let n = tree.count
        guard n > 1 else { return Result(blocks: [], containers: [], score: 0) }
        let units = ParagraphUnits(analysis: analysis, blockElements: matchers.blockElements)
        let bodyIndex = tree.firstElement(named: "body") ?? 0

        // Good (article-like) text per subtree, before furniture is known.
        var isGoodUnit = [Bool](repeating: false, count: n)
        for i in 1..<n where units.ownText[i] >= rules.minimumParagraphLength {
            isGoodUnit[i] = units.ownLinkDensity(i) <= rules.goodUnitLinkDensity
        }
        let allGood = goodText(units: units, isGoodUnit: isGoodUnit, furniture: nil)
        let pageGood = max(1, allGood[bodyIndex])

        // Elements marked as the article body (with good text), and their ancestors.
        // Each element is inspected once; the verdicts feed the furniture pass below.
        let classifier = matchers.boilerplate
        var verdict = [BoilerplateClassifier.Verdict](repeating: .content, count: n)
        var isMarker = [Bool](repeating: false, count: n)
        let isBoilerplateName = tree.nameMask(matchers.boilerplateElements)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)
        // Nodes borrowed from the buffer: `tree.nodes[i]` fetched (and retained) the node
        // array on every test.
        tree.nodes.withUnsafeBufferPointer { nodes in
            for i in 1..<n where nodes[i].kind == .element && !analysis.excluded[i]
                && (!nodes[i].attributes.isEmpty || isBoilerplateName[Int(nodes[i].nameID)])
            {
                let inspection = classifier.inspect(
                    attributes: nodes[i].attributes, isBoilerplateElement: isBoilerplateName[Int(nodes[i].nameID)],
                    scratch: &scratch)
                verdict[i] = inspection.verdict
                isMarker[i] = inspection.isArticleBodyMarker
            }
        }
        var holdsMarker = [Bool](repeating: false, count: n)
        for i in stride(from: n - 1, through: 1, by: -1) {
            if isMarker[i], allGood[i] > 0 { holdsMarker[i] = true }
            if holdsMarker[i] { holdsMarker[Int(tree.nodes[i].parent)] = true }
        }

        // Pass 1: furniture, inherited downwards.
        var furniture = [Bool](repeating: false, count: n)
        var furnitureRoots = Set<Int>()
        for root in excludedRoots where root > 0 && root < n {
            for j in root...tree[root].subtreeEnd { furniture[j] = true }
            furnitureRoots.insert(root)
        }
        for i in 1..<n where !furniture[i] {
            let parent = Int(tree.nodes[i].parent)
            if furniture[parent] {
                furniture[i] = true
                continue
            }
            guard tree.nodes[i].kind == .element, !analysis.excluded[i], i != bodyIndex else { continue }
            switch verdict[i] {
            case .content:
                continue
            case .furniture:
                // A "furniture" element holding most of the page's article text is a layout
                // wrapper with an unlucky name, not furniture.
                if holdsMarker[i] { continue }
                if allGood[i] >= rules.wrapperMinimumGoodText,
                    Double(allGood[i]) >= rules.wrapperGoodTextShare * Double(pageGood),
                    !followsArticleText(i, allGood: allGood)
                {
                    continue
                }
                // The rest of the article behind a "read more" fold (Movable Type's `div#more`,
                // `more-text`), after the article's first paragraphs in the same container.
                if isFoldContinuation(i, allGood: allGood), precededByGoodText(i, allGood: allGood) { continue }
                // Inline furniture (a byline span) is short; a long one wraps running text.
                if !units.isBlock[i],
                    analysis.textLength[i] - analysis.linkTextLength[i] >= rules.inlineFurnitureMaximumLength
                {
                    continue
                }
            case .strictFurniture:
                // A comment-named element wrapping the marked article body is a page wrapper.
                if holdsMarker[i] { continue }
            }
            furniture[i] = true
            furnitureRoots.insert(i)
        }
        let good = goodText(units: units, isGoodUnit: isGoodUnit, furniture: furniture)

        // Pass 2: score containers.
        var score = [Double](repeating: 0, count: n)
        for i in 1..<n where units.ownText[i] >= rules.minimumParagraphLength && !furniture[i] {
            let linkDensity = units.ownLinkDensity(i)
            if linkDensity > rules.maximumUnitLinkDensity { continue }
            let length = Double(units.ownText[i])
            // Text split by line breaks counts as several paragraphs.
            let segments = max(1, min(Double(units.ownBreaks[i] / 2 + 1), length / 80))
            var points = segments * (1 + min(length / segments / rules.charactersPerPoint, rules.maximumLengthPoints))
            points += min(Double(units.ownCommas[i]), 10 * segments)
            points *= (1 - linkDensity)
            let selfContainer = units.hasBlockChild[i] || (segments > 1 && !rules.paragraphOnlyElements.contains(tree.nodes[i].name))
            var target = selfContainer ? i : Int(tree.nodes[i].parent)
            var level = 0
            while target > 0, level < rules.scoredAncestorLevels {
                let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level) * 3)
                score[target] += points / divider
                if target == bodyIndex { break }
                target = Int(tree.nodes[target].parent)
                level += 1
            }
        }
        var best = -1
        var bestScore = 0.0
        for i in 1..<n where score[i] > 0 {
            var adjusted = score[i] * (1 - analysis.linkDensity(i))
            if holdsMarker[i], isMarker[i] { adjusted *= rules.articleBodyMarkerBoost }
            score[i] = adjusted
            if adjusted > bestScore, !furniture[i] {
                bestScore = adjusted
                best = i
            }
        }
        guard best > 0 else {
            return shortPage(bodyIndex: bodyIndex, units: units, furniture: furniture, furnitureRoots: furnitureRoots, excludedRoots: excludedRoots)
        }

        // Pass 3: article text split over several containers: climb to the ancestor that
        // gathers it.
        // Repeated while the container still holds too little: sections nested one inside
        // the next (unclosed `<p>`/`<a name>` on old documentation pages) gain one level
        // per step.
        let totalGood = max(1, good[bodyIndex])
        // A list or a quotation is a part of a text, never the text's own container
        // (`textPartElements`): above one, the ancestor that gathers more of the text is
        // taken whatever its share of the page.
        let isTextPart = tree.nameMask(matchers.textPartElements)
        climbing: while Double(good[best]) < rules.containerGoodTextShare * Double(totalGood)
            || isTextPart[Int(tree.nodes[best].nameID)]
        {
            let bestGood = good[best]
            var a = Int(tree[best].parent)
            while a > 0, a != bodyIndex {
                if Double(good[a]) >= rules.ancestorGoodTextGain * Double(bestGood) {
                    guard analysis.linkDensity(a) < rules.maximumLinkDensity else { break climbing }
                    best = a
                    continue climbing
                }
                a = Int(tree[a].parent)
            }
            break
        }

        // Pass 4: siblings that continue the article join the best container.
        var containers: [Int] = []
        var folds = Set<Int>()
        let parent = Int(tree[best].parent)
        if parent >= 0 {
            let bestClass = tree[best].attribute("class")
            // An unnamed element (no class, no id) that is not a table cell: its unnamed
            // siblings of the same kind may be the other parts of the same text.
            let bestIsPlain = bestClass == nil && tree[best].attribute("id") == nil
                && !["td", "th", "tr"].contains(tree[best].name)
            for sibling in tree.children(of: parent) {
                if sibling == best {
                    containers.append(sibling)
                    continue
                }
                guard tree[sibling].isElement, !analysis.excluded[sibling] else { continue }
                if furniture[sibling] {
                    if sibling > best, verdict[sibling] == .furniture, isFoldContinuation(sibling, allGood: allGood) {
                        containers.append(sibling)
                        folds.insert(sibling)
                    }
                    continue
                }
                let siblingScore = score[sibling]
                let length = Int(analysis.textLength[sibling])
                // A text-bearing sibling (a <p>, or a <div> used as one) continues the article.
                let isGoodParagraph = isGoodUnit[sibling] && !units.hasBlockChild[sibling]
                    && length >= rules.siblingParagraphMinimumLength && analysis.linkDensity(sibling) < 0.25
                let sameKind = good[sibling] > 0 && tree[sibling].name == tree[best].name
                    && bestClass != nil && tree[sibling].attribute("class") == bestClass
                // Unnamed parts of one text with a box between them (an ad, a sponsor's note,
                // a newsletter form): the same element, unnamed too, holding prose of its own
                // (`wrapperMinimumGoodText`) with few links.
                let plainPart = bestIsPlain && tree[sibling].name == tree[best].name
                    && tree[sibling].attribute("class") == nil && tree[sibling].attribute("id") == nil
                    && Int(good[sibling]) >= rules.wrapperMinimumGoodText && analysis.linkDensity(sibling) < 0.25
                if siblingScore >= bestScore * rules.siblingScoreShare || isGoodParagraph || sameKind || plainPart {
                    containers.append(sibling)
                }
            }
            // The heading of the text just before its first part (`<h2>` then `<div class=entry>`),
            // or a box holding nothing but a heading: the text's own title, not furniture.
            containers.insert(contentsOf: leadingHeadings(before: containers.first ?? best, furniture: furniture), at: 0)
            // Table layouts give each part of a text a row of its own: a cell named like the
            // best one (same class) in another row of the same table, holding article-like
            // text with few links, is another part — when the best cell's row holds no
            // other text (a row of cells side by side is columns, not parts).
            if ["td", "th"].contains(tree[best].name), let bestClass, tree[parent].name == "tr", good[parent] == good[best] {
                let table = Int(tree[parent].parent)
                for row in tree.children(of: table) where row != parent && tree[row].name == "tr" && !furniture[row] {
                    for cell in tree.children(of: row) where tree[cell].name == tree[best].name && !furniture[cell]
                        && !analysis.excluded[cell] && good[cell] > 0 && tree[cell].attribute("class") == bestClass
                        && analysis.linkDensity(cell) < 0.25
                    {
                        containers.append(cell)
                    }
                }
                containers.sort()
            }
        } else {
            containers = [best]
        }

        // Skip furniture and link-dense widgets inside the content.
        let isPrunableName = tree.nameMask(matchers.prunableContainers)
        var skip = furnitureRoots.subtracting(folds)
        for container in containers {
            let end = tree[container].subtreeEnd
            var j = container + 1
            while j <= end {
                // Cheap numeric tests first; the name lookup only for link-dense elements.
                if analysis.linkDensity(j) > rules.maximumLinkDensity,
                    Int(analysis.textLength[j]) < rules.linkDenseMaximumLength,
                    tree.nodes[j].kind == .element, isPrunableName[Int(tree.nodes[j].nameID)]
                {
                    skip.insert(j)
                    j = tree.nodes[j].subtreeEnd + 1
                    continue
                }
                j += 1
            }
        }
        let builder = BlockBuilder(analysis: analysis, rules: rules, base: base)
        var built = BlockBuilder.Built()
        for container in containers {
            if furniture[container], !folds.contains(container) { continue }
            builder.append(container, skipping: skip, to: &built)
        }
        let filtered = built.merged(keeping: BlockFilter(rules: rules).keptIndices(built.blocks, tableOf: built.tableOf))
        if filtered.isEmpty {
            return shortPage(bodyIndex: bodyIndex, units: units, furniture: furniture, furnitureRoots: furnitureRoots, excludedRoots: excludedRoots)
        }
        return Result(
            blocks: filtered, containers: containers, score: bestScore, furnitureRoots: furnitureRoots,
            skipped: skip.subtracting(furnitureRoots))
    }

    /// A page without a scoring paragraph (a notice, a one-line post, bare text in `<body>`):
    /// a page with visible prose must never give an empty body. The same scoring without the
    /// length floor: the container holding the most unlinked text outside furniture (a short
    /// paragraph's parent, or `<body>` itself for bare text) — or, when everything is named
    /// like furniture, `<body>` without only the excluded subtrees (comments, headline, lead).
    private func shortPage(
        bodyIndex: Int, units: ParagraphUnits, furniture: [Bool], furnitureRoots: Set<Int>, excludedRoots: [Int]
    ) -> Result {
        let tree = analysis.tree
        let builder = BlockBuilder(analysis: analysis, rules: rules, base: base)
        let filter = BlockFilter(rules: rules)
        var text = [Int32](repeating: 0, count: tree.count)
        var best = -1
        for i in bodyIndex..<tree.count where units.ownText[i] > 0 && !furniture[i] && !analysis.excluded[i] {
            let unlinked = units.ownText[i] - units.ownLinkText[i]
            guard unlinked > 0, units.ownLinkDensity(i) <= rules.maximumUnitLinkDensity else { continue }
            let target = rules.paragraphOnlyElements.contains(tree.nodes[i].name) && i != bodyIndex ? Int(tree.nodes[i].parent) : i
            text[target] += unlinked
            if best < 0 || text[target] > text[best] { best = target }
        }
        if best >= 0 {
            let blocks = filter.filter(builder.blocks(in: best, skipping: furnitureRoots))
            if !blocks.isEmpty {
                return Result(blocks: blocks, containers: [best], score: 0, furnitureRoots: furnitureRoots)
            }
        }
        let excluded = Set(excludedRoots.filter { $0 > 0 && $0 < analysis.tree.count })
        let everything = filter.filter(builder.blocks(in: bodyIndex, skipping: excluded))
        return Result(blocks: everything, containers: everything.isEmpty ? [] : [bodyIndex], score: 0)
    }

    /// Headings just before `first` among its siblings, nearest last: each an `<h1>`–`<h6>`
    /// (or an element whose text is all one heading's, a title box) outside furniture with
    /// few links (`leadingHeadingMaximumLinkDensity`). Elements without visible text between
    /// them are passed over; anything else ends the run. When nothing with text comes before
    /// `first` in its parent, the parent is a wrapper the text opens (`div.post > div.entry`
    /// after an `<h2>`): the headings before the wrapper are looked for, up to
    /// `leadingHeadingWrapperLevels` wrappers up — never past `<body>` or a table cell (a
    /// layout column's neighbours are other columns).
    private func leadingHeadings(before first: Int, furniture: [Bool]) -> [Int] {
        let tree = analysis.tree
        func textBefore(_ node: Int) -> [Int] {
            let parent = Int(tree[node].parent)
            guard parent >= 0 else { return [] }
            var before: [Int] = []
            for sibling in tree.children(of: parent) {
                if sibling == node { break }
                if tree[sibling].isElement, !analysis.excluded[sibling], analysis.textLength[sibling] > 0 { before.append(sibling) }
            }
            return before
        }
        var anchor = first
        var before = textBefore(anchor)
        var level = 0
        while before.isEmpty, level < rules.leadingHeadingWrapperLevels {
            let parent = Int(tree[anchor].parent)
            guard parent > 0, !["body", "html", "td", "th"].contains(tree[parent].name) else { break }
            anchor = parent
            before = textBefore(anchor)
            level += 1
        }
        var headings: [Int] = []
        for sibling in before.reversed() {
            guard !furniture[sibling], analysis.linkDensity(sibling) <= rules.leadingHeadingMaximumLinkDensity,
                isHeadingOnly(sibling)
            else { break }
            headings.append(sibling)
        }
        return headings.reversed()
    }

    /// A heading element, an element whose visible text is all inside its first heading, or
    /// a short line that is all bold (`<p><b>Title</b></p>`, the heading of pages written
    /// before CSS): `boldHeadingElements`, at most `boldHeadingMaximumLength` characters.
    private func isHeadingOnly(_ index: Int) -> Bool {
        let tree = analysis.tree
        if Int(analysis.textLength[index]) <= rules.boldHeadingMaximumLength {
            for j in index...tree[index].subtreeEnd where tree[j].isElement && rules.boldHeadingElements.contains(tree[j].name) {
                if analysis.textLength[j] == analysis.textLength[index] { return true }
                break
            }
        }
        for j in index...tree[index].subtreeEnd where tree[j].isElement && rules.headingLevels[tree[j].name] != nil {
            return analysis.textLength[j] == analysis.textLength[index]
        }
        return false
    }

    /// The hidden rest of the article behind a "read more" fold: named like one
    /// (`foldContinuationTokens`), holding prose (a good paragraph's worth) with few links.
    private func isFoldContinuation(_ index: Int, allGood: [Int32]) -> Bool {
        guard Int(allGood[index]) >= rules.siblingParagraphMinimumLength,
            analysis.linkDensity(index) <= rules.foldContinuationMaximumLinkDensity
        else { return false }
        let node = analysis.tree[index]
        let value = [node.attribute("id"), node.attribute("class")].compactMap { $0 }.joined(separator: " ").lowercased()
        return BoilerplateClassifier.tokens(value).contains(where: rules.foldContinuationTokens.contains)
    }

    /// True when a sibling before `index` holds article-like text — or, when the fold is
    /// the only element in a `<div>` wrapper, a sibling before that wrapper (Movable Type's
    /// default templates put `div#more` alone inside `div#a000123more`), up to
    /// `foldWrapperLevels` levels. Table cells are layout columns, not wrappers: a
    /// "more" box heading a column of a home page is no continuation.
    private func precededByGoodText(_ index: Int, allGood: [Int32]) -> Bool {
        let tree = analysis.tree
        var node = index
        for level in 0...rules.foldWrapperLevels {
            let parent = Int(tree[node].parent)
            guard parent > 0 else { return false }
            if level > 0 {
                // Climbing from `node` to `parent`: `node` must be a lone element in a div.
                guard tree[node].name == "div",
                    tree.children(of: node).filter({ tree[$0].isElement }).count == 1
                else { return false }
            }
            for sibling in tree.children(of: parent) {
                if sibling == node { break }
                if allGood[sibling] > 0 { return true }
            }
            node = parent
        }
        return false
    }

    /// True when good text comes before `index` among its siblings: an element named like
    /// furniture (a promo or slideshow box) that follows the article's own paragraphs in the
    /// same container is a box after the article, not a layout wrapper around it.
    private func followsArticleText(_ index: Int, allGood: [Int32]) -> Bool {
        let tree = analysis.tree
        let parent = Int(tree[index].parent)
        guard parent >= 0 else { return false }
        var before: Int32 = 0
        for sibling in tree.children(of: parent) {
            if sibling == index { break }
            before += allGood[sibling]
        }
        return before >= rules.wrapperMinimumGoodText
    }

    /// Visible length of good paragraph units per subtree, leaving out furniture when given.
    private func goodText(units: ParagraphUnits, isGoodUnit: [Bool], furniture: [Bool]?) -> [Int32] {
        let tree = analysis.tree
        var result = [Int32](repeating: 0, count: tree.count)
        for i in stride(from: tree.count - 1, through: 1, by: -1) {
            if let furniture, furniture[i] { continue }
            if isGoodUnit[i] { result[i] += units.ownText[i] }
            result[Int(tree.nodes[i].parent)] += result[i]
        }
        return result
    }
}
