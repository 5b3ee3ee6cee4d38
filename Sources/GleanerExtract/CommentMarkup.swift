import GleanerHTML

/// Reads the comment-related meaning of one element's `id`, `class`, `itemprop` and
/// `itemtype` according to `CommentRules`.
///
/// Class names are compared *joined* (lower-cased, `-`/`_` removed) so that `comment-list`,
/// `comment_list` and `commentList` are one convention, and as *tokens* where a single word
/// inside a longer name matters (`comment-reply-link` holds `reply`).
struct CommentMarkup {
    let rules: CommentRules

    /// Whether one attribute value mentions any keyword.
    func mentions(_ value: String) -> Bool {
        keywords.occurs(in: value)
    }

    /// Per-page memo of class-derived answers: comment templates repeat the same class
    /// strings hundreds of times, and splitting/lower-casing them each time dominated the cost.
    final class Memo {
        var roles: [String: (role: Role, authorRank: Int?)] = [:]
    }

    let memo = Memo()

    /// `role` and `authorRank` of an element, memoised by tag, class, itemprop and id.
    func classify(_ node: DOMNode) -> (role: Role, authorRank: Int?) {
        if rules.skippedElements.contains(node.name) { return (.furniture, nil) }
        if node.attributes.isEmpty {
            return (rules.headerElements.contains(node.name) ? .header : .plain, node.name == "cite" ? 3 : nil)
        }
        var key = node.name
        for attribute in node.attributes
        where attribute.isNamed("class") || attribute.isNamed("itemprop") || attribute.isNamed("id") {
            key += "\u{1}" + attribute.name + "=" + attribute.value
        }
        if let known = memo.roles[key] { return known }
        let result = (role(node), authorRank(node))
        memo.roles[key] = result
        return result
    }

    private let keywords: ByteNeedleSet

    /// `keywords`: `rules.markupKeywords` compiled (`RuleMatchers.commentKeywords`, once per
    /// extractor; the memo is per page).
    init(rules: CommentRules, keywords: ByteNeedleSet) {
        self.rules = rules
        self.keywords = keywords
    }

    /// Native substring test for lower-case ASCII markup names (Foundation's `contains` is
    /// an order of magnitude slower here).
    @inline(__always)
    static func has(_ haystack: String, _ needle: String) -> Bool {
        containsFolded(haystack, needle)
    }

    /// Lower-case class names and the id of an element, each as one entry.
    static func names(_ node: DOMNode) -> [String] {
        var result: [String] = []
        for attribute in node.attributes where attribute.isNamed("class") || attribute.isNamed("id") {
            if attribute.isNamed("id"), attribute.value.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) {
                // Numbered ids (`comment-123`) are unique keys, not a naming convention.
                continue
            }
            for name in attribute.value.splitASCII(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                result.append(name.lowercased())
            }
        }
        return result
    }

    /// `comment_list` → `commentlist`.
    static func joined(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0 != "-" && $0 != "_" })
    }

    /// `comment-reply-link` → `comment`, `reply`, `link`.
    static func tokens(_ name: String) -> [Substring] {
        name.splitASCII { $0 == 0x2D || $0 == 0x5F }
    }

    /// True for widgets and sidebars, which list comments of other pages.
    func isFurnitureContainer(joinedNames: [String]) -> Bool {
        for joined in joinedNames {
            if rules.furnitureContainerSubstrings.contains(where: { CommentMarkup.has(joined, $0) }) { return true }
        }
        return false
    }

    /// True when the element is a container of a comment section.
    func isSection(joinedNames: [String]) -> Bool {
        for joined in joinedNames {
            if rules.sectionNames.contains(joined) { return true }
            for suffix in rules.sectionSuffixes where joined.hasSuffix(suffix) {
                let prefix = String(joined.dropLast(suffix.count))
                let excluded = rules.sectionPrefixExclusions.contains { word in
                    word.count >= 4 ? CommentMarkup.has(prefix, word) : prefix.hasPrefix(word)
                }
                if prefix.count <= 12, !excluded {
                    return true
                }
            }
        }
        return false
    }

    /// True when the element's class names one comment.
    func isItemClass(_ node: DOMNode) -> Bool {
        guard let classes = node.attributeNamed("class") else { return false }
        for raw in classes.splitASCII(separator: 0x20) {
            let name = raw.lowercased()
            let joined = Self.joined(name)
            if rules.itemNames.contains(joined) { return true }
            guard joined.hasSuffix("comment"), joined.count <= 19 else { continue }
            let tokens = Self.tokens(name)
            if let first = tokens.first, rules.itemPrefixExclusions.contains(String(first)) { continue }
            if tokens.contains(where: { rules.itemFormTokens.contains(String($0)) }) { continue }
            let prefix = String(joined.dropLast(7))
            if rules.itemPrefixExclusions.contains(prefix) { continue }
            if rules.itemPrefixExclusions.contains(where: { prefix.hasPrefix($0) && $0.count >= 3 }) { continue }
            return true
        }
        return false
    }

    /// `comment-123`, `li-comment-123`, `div-comment-123`, `comment-6a00d834…`: a prefix from
    /// the rules followed by a number or a long hexadecimal key.
    func isItemID(_ id: String) -> Bool {
        let joined = Array(Self.joined(id).unicodeScalars)
        for prefix in rules.itemIdPrefixes {
            let p = Array(prefix.unicodeScalars)
            guard joined.count > p.count, joined.starts(with: p) else { continue }
            let rest = joined[p.count...]
            var digits = 0
            var hex = true
            for scalar in rest {
                if scalar.value >= 48 && scalar.value <= 57 {
                    digits += 1
                } else if !(scalar.value >= 97 && scalar.value <= 102) {
                    hex = false
                    break
                }
            }
            if hex, digits == rest.count || (rest.count >= 12 && digits > 0) { return true }
        }
        return false
    }

    /// schema.org `Comment` by `itemtype` or `itemprop="comment"`.
    func isSchemaComment(_ node: DOMNode) -> Bool {
        isSchemaComment(attributes: node.attributes)
    }

    /// `isSchemaComment` by an element's attributes (see `HTMLAttributes.attributeNamed`).
    func isSchemaComment(attributes: HTMLAttributes) -> Bool {
        if let type = attributes.attributeNamed("itemtype"), Self.containsFolded(type, rules.schemaCommentType) { return true }
        if let property = attributes.attributeNamed("itemprop") {
            for token in property.splitASCII(separator: 0x20) where token.lowercased() == rules.schemaCommentProperty {
                return true
            }
        }
        return false
    }

    /// Tag and class of an element with digits and alternate-row tokens removed, so that
    /// `div.comment-odd#…1` and `div.comment-even` compare equal.
    func signature(_ node: DOMNode) -> String {
        var result = node.name
        guard let classes = node.attributeNamed("class") else { return result }
        var names: [String] = []
        for raw in classes.splitASCII(separator: 0x20) {
            let tokens = Self.tokens(raw.lowercased()).map { $0.filter { !$0.isNumber } }.filter {
                !$0.isEmpty && !rules.rowTokens.contains(String($0))
            }
            if !tokens.isEmpty { names.append(tokens.joined(separator: "-")) }
        }
        for name in names.sorted() { result += "." + name }
        return result
    }

    /// The nesting level from a `depth-N` class, if any.
    func depth(_ node: DOMNode) -> Int? {
        guard let classes = node.attributeNamed("class") else { return nil }
        for raw in classes.splitASCII(separator: 0x20) {
            let joined = Self.joined(raw.lowercased())
            guard joined.hasPrefix(rules.depthClassPrefix) else { continue }
            if let level = Int(joined.dropFirst(rules.depthClassPrefix.count)) { return level }
        }
        return nil
    }

    /// What an element inside a comment is.
    enum Role {
        case plain
        /// Named as the comment's text (`comment-content`, `itemprop=text`).
        case body
        case header
        case furniture
    }

    func role(_ node: DOMNode) -> Role {
        if rules.skippedElements.contains(node.name) { return .furniture }
        if node.attributes.isEmpty { return rules.headerElements.contains(node.name) ? .header : .plain }
        var header = rules.headerElements.contains(node.name)
        // schema.org says what the element is; a class name can only suggest it. So an
        // `itemprop=author`/`datePublished` element is header even when its BEM class names
        // a content wrapper (`content-wrapper__info-nick`), and its text stays out of the
        // comment's text.
        var declaredHeader = false
        if let property = node.attributeNamed("itemprop")?.lowercased() {
            if CommentMarkup.has(property, "author") || CommentMarkup.has(property, "date") || property == "creator" {
                header = true
                declaredHeader = true
            }
            if property == "text" || property == "commenttext" || property == "articlebody" { return .body }
        }
        let names = Self.names(node)
        if names.isEmpty { return header ? .header : .plain }
        var body = false
        for name in names {
            let joined = Self.joined(name)
            for token in Self.tokens(name) where rules.furnitureTokens.contains(String(token)) {
                return .furniture
            }
            if rules.furnitureSubstrings.contains(where: { CommentMarkup.has(joined, $0) }) && !CommentMarkup.has(joined, "replies") {
                return .furniture
            }
            if rules.bodySubstrings.contains(where: { CommentMarkup.has(joined, $0) }) {
                body = true
            } else if rules.headerSubstrings.contains(where: { CommentMarkup.has(joined, $0) }) {
                header = true
            }
        }
        if body && !declaredHeader && !rules.headerElements.contains(node.name) { return .body }
        return header ? .header : .plain
    }

    /// How specific an element is as the author's name: lower is better, nil when it is not
    /// an author element at all.
    func authorRank(_ node: DOMNode) -> Int? {
        if let property = node.attributeNamed("itemprop")?.lowercased() {
            if property == "name" { return 0 }
            if property == "author" || property == "creator" { return 1 }
        }
        var best: Int?
        for name in Self.names(node) {
            let joined = Self.joined(name)
            if rules.bodySubstrings.contains(where: { CommentMarkup.has(joined, $0) }) { continue }
            if CommentMarkup.has(joined, "avatar") || CommentMarkup.has(joined, "date") || CommentMarkup.has(joined, "time") { continue }
            for (rank, marker) in rules.authorNameSubstrings.enumerated() {
                let hit = marker.count <= 2 ? joined == marker : CommentMarkup.has(joined, marker)
                if hit { best = min(best ?? Int.max, rank + 1) }
            }
        }
        if best == nil, node.name == "cite" { best = 3 }
        return best
    }

    /// Case-insensitive (ASCII) substring test; `needle` must be lower-case ASCII.
    static func containsFolded(_ haystack: String, _ needle: String) -> Bool {
        ClassTokens.containsASCII(haystack, needle)
    }
}
