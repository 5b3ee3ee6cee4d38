import GleanerHTML

/// Decides whether an element is page furniture from its name, ARIA role and
/// `id`/`class` tokens, using `ExtractionRules`.
struct BoilerplateClassifier {
    let rules: ExtractionRules

    enum Verdict {
        /// Not furniture.
        case content
        /// Furniture, unless it turns out to wrap most of the article (a layout wrapper).
        case furniture
        /// Furniture whatever it holds: comment sections can outweigh the article.
        case strictFurniture
    }

    func isBoilerplate(_ node: DOMNode) -> Bool {
        classify(node) != .content
    }

    func classify(_ node: DOMNode) -> Verdict {
        guard node.isElement else { return .content }
        if rules.boilerplateElements.contains(node.name) { return .furniture }
        if let role = node.attribute("role")?.lowercased(), rules.boilerplateRoles.contains(role) { return .furniture }
        let idClass = node.idAndClass
        guard !idClass.isEmpty else { return .content }
        let tokens = Self.tokens(idClass)
        if tokens.contains(where: rules.strictBoilerplateTokens.contains) { return .strictFurniture }
        if rules.strictBoilerplateSubstrings.contains(where: { idClass.contains($0) }) { return .strictFurniture }
        if tokens.contains(where: rules.boilerplateTokens.contains) { return .furniture }
        if tokens.contains(where: rules.contentTokens.contains) { return .content }
        return rules.boilerplateSubstrings.contains { idClass.contains($0) } ? .furniture : .content
    }

    /// True when the element is marked as the article body by its class or microdata.
    func isArticleBodyMarker(_ node: DOMNode) -> Bool {
        guard node.isElement else { return false }
        if let itemprop = node.attribute("itemprop"), itemprop.lowercased() == "articlebody" { return true }
        let idClass = node.idAndClass
        guard !idClass.isEmpty else { return false }
        return rules.articleBodyMarkers.contains { idClass.contains($0) }
    }

    /// Splits an id/class string on spaces, dashes and underscores.
    static func tokens(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\t" || $0 == "\n" || $0 == ":" })
            .map(String.init)
    }
}
