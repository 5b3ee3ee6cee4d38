import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Builds an `Explanation` after extraction, from what the stages decided (the body's
/// containers, furniture roots and link-dense skips, the excluded subtrees) and the record.
///
/// Post-hoc on purpose: the stages stay as fast as without `--explain`, and the rule named
/// for a dropped block is found again with the same rule lists the classifier used.
struct ExplanationBuilder {
    let analysis: PageAnalysis
    let rules: ExtractionRules

    /// What the extraction decided, for the block pass.
    struct Decisions {
        var body: BodyExtractor.Result?
        /// Subtrees left out of the body, with why ("comment section", "headline", "lead").
        var excluded: [(root: Int, why: String)] = []
    }

    func explain(article: Article, fieldSources: [Explanation.FieldChoice], decisions: Decisions) -> Explanation {
        var explanation = Explanation()
        explanation.fields = fieldSources
        explanation.blocks = blocks(article: article, decisions: decisions)
        return explanation
    }

    // MARK: blocks

    func blocks(article: Article, decisions: Decisions) -> [Explanation.BlockDecision] {
        let tree = analysis.tree
        guard tree.count > 1, let bodyIndex = tree.firstElement(named: "body") else { return [] }
        let units = ParagraphUnits(analysis: analysis, blockElements: ElementNameSet(rules.blockElements))
        let output = TextCleaner.clean(article.text)
        let body = decisions.body
        let furnitureRoots = body?.furnitureRoots ?? []
        let skipped = body?.skipped ?? []
        let containers = body?.containers ?? []
        var result: [Explanation.BlockDecision] = []
        for i in bodyIndex..<tree.count where units.isBlock[i] && units.ownText[i] > 0 && !analysis.excluded[i] {
            let text = TextCleaner.clean(ownText(i, units: units))
            guard !text.isEmpty else { continue }
            let path = Self.path(i, in: tree)
            func add(_ kept: Bool, _ rule: String) {
                result.append(Explanation.BlockDecision(path: path, text: Explanation.short(text, 80), kept: kept, rule: rule))
            }
            if let excluded = decisions.excluded.first(where: { tree.contains($0.root, i) }) {
                add(false, "excluded: \(excluded.why)")
                continue
            }
            if let root = nearest(i, in: furnitureRoots) {
                add(false, "furniture at \(Self.path(root, in: tree)): \(furnitureReason(root))")
                continue
            }
            if let root = nearest(i, in: skipped) {
                add(false, "link-dense widget at \(Self.path(root, in: tree)) (extraction.maximumLinkDensity, linkDenseMaximumLength)")
                continue
            }
            guard containers.contains(where: { $0 == i || tree.contains($0, i) }) else {
                let chosen = containers.first.map { Self.path($0, in: tree) } ?? "none"
                add(false, "outside the article container (\(chosen))")
                continue
            }
            let probe = String(text.prefix(40))
            if output.contains(probe) {
                add(true, containers.count > 1 ? "article container or a joined sibling" : "article container")
            } else {
                add(false, "wording or discussion cut-off (extraction.boilerplateBlockTexts/Prefixes/LabelPrefixes/Suffixes, discussionHeadings)")
            }
        }
        return result
    }

    /// The text a block element holds directly (not in nested blocks).
    func ownText(_ index: Int, units: ParagraphUnits) -> String {
        let tree = analysis.tree
        var out = ""
        var j = index + 1
        let end = tree.nodes[index].subtreeEnd
        while j <= end {
            let node = tree.nodes[j]
            if node.kind == .element, units.isBlock[j] || node.isNonContent {
                j = node.subtreeEnd + 1
                continue
            }
            if node.kind == .text { out += node.text }
            j += 1
        }
        return out
    }

    func nearest(_ index: Int, in roots: Set<Int>) -> Int? {
        guard !roots.isEmpty else { return nil }
        var p = index
        let tree = analysis.tree
        while p > 0 {
            if roots.contains(p) { return p }
            p = Int(tree.nodes[p].parent)
        }
        return nil
    }

    /// Which rule list made an element furniture.
    func furnitureReason(_ index: Int) -> String {
        let node = analysis.tree[index]
        if rules.boilerplateElements.contains(node.name) { return "element <\(node.name)> (extraction.boilerplateElements)" }
        if let role = node.attribute("role")?.lowercased(), rules.boilerplateRoles.contains(role) {
            return "role=\(role) (extraction.boilerplateRoles)"
        }
        let value = [node.attribute("id"), node.attribute("class")].compactMap { $0 }.joined(separator: " ").lowercased()
        let tokens = BoilerplateClassifier.tokens(value)
        if let token = tokens.first(where: rules.strictBoilerplateTokens.contains) {
            return "id/class token '\(token)' (extraction.strictBoilerplateTokens)"
        }
        if let needle = rules.strictBoilerplateSubstrings.first(where: { value.contains($0) }) {
            return "id/class contains '\(needle)' (extraction.strictBoilerplateSubstrings)"
        }
        if let token = tokens.first(where: rules.boilerplateTokens.contains) {
            return "id/class token '\(token)' (extraction.boilerplateTokens)"
        }
        if let needle = rules.boilerplateSubstrings.first(where: { value.contains($0) }) {
            return "id/class contains '\(needle)' (extraction.boilerplateSubstrings)"
        }
        return "left out with a comment section, the headline or the lead"
    }

    /// `html>body>div#main>article.story>p`: tag, `#id`, first class; at most six levels.
    static func path(_ index: Int, in tree: DOMTree) -> String {
        var parts: [String] = []
        var p = index
        while p > 0, parts.count < 6 {
            let node = tree[p]
            if node.isElement {
                var part = node.name
                if let id = node.attribute("id"), !id.isEmpty, !id.contains(" ") { part += "#" + id }
                if let cls = node.attribute("class")?.split(separator: " ").first { part += "." + cls }
                parts.append(part)
            }
            p = Int(tree.nodes[p].parent)
        }
        return (p > 0 ? "…>" : "") + parts.reversed().joined(separator: ">")
    }
}
