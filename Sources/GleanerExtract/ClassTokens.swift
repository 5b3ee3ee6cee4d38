import GleanerHTML

/// Matching of `class`/`id` values against token lists, as the metadata readers need it.
///
/// CMS class names come as words ("byline"), BEM compounds ("c-article__lead") and
/// camelCase ("articleLead"); a token matches a whole space-separated word or any of its
/// `-`/`_` parts, and substrings catch the camelCase forms.
enum ClassTokens {
    /// True when `value` (any case) has a word or word part in `tokens`, or contains one of
    /// `substrings`.
    static func matches(_ value: String, tokens: Set<String>, substrings: [String] = []) -> Bool {
        let lower = value.lowercased()
        for word in lower.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if tokens.contains(String(word)) { return true }
            if word.contains(where: { $0 == "-" || $0 == "_" }) {
                for part in word.split(whereSeparator: { $0 == "-" || $0 == "_" }) where tokens.contains(String(part)) {
                    return true
                }
            }
        }
        for substring in substrings where lower.contains(substring) { return true }
        return false
    }

    /// `id` and `class` of a node matched as above.
    static func nodeMatches(_ node: DOMNode, tokens: Set<String>, substrings: [String] = []) -> Bool {
        if let cls = node.attribute("class"), matches(cls, tokens: tokens, substrings: substrings) { return true }
        if let id = node.attribute("id"), matches(id, tokens: tokens, substrings: substrings) { return true }
        return false
    }

    /// Cheap pre-check without allocation: does `value` contain `needle` (lower-case ASCII),
    /// ignoring ASCII case? Used in the one linear scan before any string is built.
    static func containsASCII(_ value: String, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        var value = value
        return value.withUTF8 { bytes in
            guard bytes.count >= n else { return false }
            for i in 0...(bytes.count - n) where lower(bytes[i]) == needle[0] {
                var k = 1
                while k < n && lower(bytes[i + k]) == needle[k] { k += 1 }
                if k == n { return true }
            }
            return false
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// True when an ancestor of `index` (up to `depth` levels) has an `id`/`class` containing
    /// one of `substrings`, or is one of `elements`.
    static func hasAncestor(
        _ tree: DOMTree, of index: Int, substrings: [String], elements: Set<String> = [], depth: Int = 12
    ) -> Bool {
        var p = Int(tree[index].parent)
        var level = 0
        while p > 0 && level < depth {
            let node = tree[p]
            if elements.contains(node.name) { return true }
            if node.attribute("class") != nil || node.attribute("id") != nil {
                let value = node.idAndClass
                for substring in substrings where value.contains(substring) { return true }
            }
            p = Int(node.parent)
            level += 1
        }
        return false
    }
}
