import GleanerHTML
import GleanerModel

/// Matching of `class`/`id` values against a token list, prepared once per list.
///
/// CMS class names come as words ("byline"), BEM compounds ("c-article__lead") and
/// camelCase ("articleLead"); a token matches a whole space-separated word or any of its
/// `-`/`_` parts, and substrings catch the camelCase forms. Works on bytes: lower-casing
/// each value into a new `String`, splitting it into more `String`s and hashing each was
/// over 1% of extraction time for the lead and byline checks. Tokens are compared after
/// ASCII lower-casing; token lists are lower-case ASCII.
struct ClassTokenMatcher: Sendable {
    private let tokens: ByteTokenSet
    private let hasTokens: Bool
    private let substrings: ByteNeedleSet

    init(tokens: Set<String>, substrings: [String] = []) {
        self.tokens = ByteTokenSet(tokens)
        hasTokens = !tokens.isEmpty
        self.substrings = ByteNeedleSet(substrings, foldingCase: true)
    }

    /// True when `value` has a word or a `-`/`_` part of a word among the tokens, or
    /// contains one of the substrings (ASCII case ignored).
    func matches(_ value: String) -> Bool {
        if substrings.occurs(in: value) { return true }
        guard hasTokens else { return false }
        let lower = value.utf8.map(\.asciiLowercased)
        var wordStart = 0
        var partStart = 0
        var hasParts = false
        for end in 0...lower.count {
            let byte: UInt8 = end < lower.count ? lower[end] : 0x20
            switch byte {
            case 0x20, 0x09, 0x0A:
                if end > wordStart {
                    if tokens.contains(lower[wordStart..<end]) { return true }
                    if hasParts, end > partStart, tokens.contains(lower[partStart..<end]) { return true }
                }
                wordStart = end + 1
                partStart = end + 1
                hasParts = false
            case 0x2D, 0x5F:  // "-", "_": the part before it is a token candidate too
                if end > partStart, tokens.contains(lower[partStart..<end]) { return true }
                partStart = end + 1
                hasParts = true
            default:
                continue
            }
        }
        return false
    }

    /// The node's `class` or `id` matches.
    func matches(_ node: DOMNode) -> Bool {
        matches(attributes: node.attributes)
    }

    /// `matches(node)` by the element's attributes, for loops that read nodes in place.
    func matches(attributes: HTMLAttributes) -> Bool {
        for attribute in attributes where attribute.name == "class" || attribute.name == "id" {
            if matches(attribute.value) { return true }
        }
        return false
    }
}
