import Foundation
import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Reads an `<img>` in the body as an `image` block: the real source (lazy-loading
/// attributes included), made absolute, with alt text, and the caption and credit of the
/// figure it sits in (`<figure>`/`<figcaption>`, WordPress `wp-caption`).
///
/// Figure captions are page furniture for the plain `text` (they were never part of it), so
/// they appear only here.
struct ImageReader {
    let analysis: PageAnalysis
    let rules: RichBlockRules
    let base: URL?

    func block(for img: Int) -> Block? {
        let node = analysis.tree[img]
        if isTiny(node) { return nil }
        guard let src = source(of: node) else { return nil }
        var block = Block(type: .image, text: "", src: src, alt: TextCleaner.nonEmpty(node.attribute("alt")))
        if let figure = figure(around: img) {
            let found = captionAndCredit(in: figure)
            block.caption = found.caption
            block.credit = found.credit
        }
        return block
    }

    /// The first usable URL: `src` unless it is missing or a placeholder (`data:`), then the
    /// lazy-loading attributes; a `srcset` gives its first candidate.
    private func source(of node: DOMNode) -> String? {
        var candidates: [String] = []
        if let src = node.attributeNamed("src") { candidates.append(src) }
        for name in rules.lazyImageAttributes {
            guard let value = node.attribute(name) else { continue }
            if name.hasSuffix("srcset") {
                if let first = value.splitASCII(separator: 0x2C).first?.splitASCII(separator: 0x20).first {
                    candidates.append(String(first))
                }
            } else {
                candidates.append(value)
            }
        }
        for candidate in candidates {
            let trimmed = TextCleaner.clean(candidate)
            if trimmed.isEmpty || trimmed.lowercased().hasPrefix("data:") { continue }
            if let url = BlockLinkResolver.resolve(trimmed, base: base) { return url }
        }
        return nil
    }

    private func isTiny(_ node: DOMNode) -> Bool {
        for name in ["width", "height"] {
            if let value = node.attribute(name), let size = Int(value.prefix { $0.isNumber }), size > 0,
                size < rules.minimumImageSize
            {
                return true
            }
        }
        return false
    }

    /// The nearest `<figure>` or caption container (at most a few levels up).
    private func figure(around img: Int) -> Int? {
        let tree = analysis.tree
        var p = Int(tree[img].parent)
        var level = 0
        while p > 0, level < 4 {
            let node = tree[p]
            if node.name == "figure" || classTokens(node).contains(where: rules.captionContainerClassTokens.contains) { return p }
            p = Int(node.parent)
            level += 1
        }
        return nil
    }

    private func captionAndCredit(in figure: Int) -> (caption: String?, credit: String?) {
        let tree = analysis.tree
        var caption: String?
        var credit: String?
        var i = figure + 1
        let end = tree[figure].subtreeEnd
        while i <= end {
            let node = tree.nodes[i]
            if node.kind == .element, !analysis.excluded[i] {
                let tokens = classTokens(node)
                if credit == nil, tokens.contains(where: rules.creditClassTokens.contains) {
                    credit = TextCleaner.nonEmpty(tree.rawText(of: i))
                    i = node.subtreeEnd + 1
                    continue
                }
                if caption == nil, node.name == "figcaption" || tokens.contains(where: rules.captionClassTokens.contains) {
                    caption = TextCleaner.nonEmpty(text(of: i, skippingCredit: &credit))
                    i = node.subtreeEnd + 1
                    continue
                }
            }
            i += 1
        }
        return (caption, credit)
    }

    /// Caption text without a credit element inside it (which is read as the credit).
    private func text(of index: Int, skippingCredit credit: inout String?) -> String {
        let tree = analysis.tree
        var out = ""
        var i = index + 1
        let end = tree[index].subtreeEnd
        while i <= end {
            let node = tree.nodes[i]
            if analysis.excluded[i] {
                i = node.subtreeEnd + 1
                continue
            }
            if node.kind == .element, credit == nil, classTokens(node).contains(where: rules.creditClassTokens.contains) {
                credit = TextCleaner.nonEmpty(tree.rawText(of: i))
                i = node.subtreeEnd + 1
                continue
            }
            if node.kind == .text { out += node.text } else if node.name == "br" { out += " " }
            i += 1
        }
        return out
    }

    private func classTokens(_ node: DOMNode) -> [String] {
        guard let value = node.attributeNamed("class") else { return [] }
        return value.lowercased().splitASCII { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }.map(String.init)
    }
}

/// Makes link and image URLs of the body absolute.
enum BlockLinkResolver {
    /// Absolute when a base is known; as written (relative) when not; nil for script and
    /// data URLs and in-page fragments.
    static func resolve(_ raw: String, base: URL?) -> String? {
        let lowered = raw.lowercased()
        if raw.isEmpty || PrefixTest.hasPrefix(raw, "#") || PrefixTest.hasPrefix(lowered, "javascript:")
            || PrefixTest.hasPrefix(lowered, "data:")
        {
            return nil
        }
        if PrefixTest.hasPrefix(lowered, "mailto:") || PrefixTest.hasPrefix(lowered, "tel:") { return raw }
        if let absolute = URLResolver.absolute(raw, base: base) { return absolute }
        return base == nil && !lowered.contains(":") ? raw : (base == nil && (lowered.hasPrefix("http:") || lowered.hasPrefix("https:")) ? raw : nil)
    }
}
