import GleanerHTML

/// Decides whether an element is page furniture from its name, ARIA role and
/// `id`/`class` tokens, using `ExtractionRules`.
struct BoilerplateClassifier {
    let rules: ExtractionRules

    func isBoilerplate(_ node: DOMNode) -> Bool {
        guard node.isElement else { return false }
        if rules.boilerplateElements.contains(node.name) { return true }
        if let role = node.attribute("role")?.lowercased(), rules.boilerplateRoles.contains(role) { return true }
        let idClass = node.idAndClass
        guard !idClass.isEmpty else { return false }
        let tokens = Self.tokens(idClass)
        if tokens.contains(where: rules.contentTokens.contains) { return false }
        if tokens.contains(where: rules.boilerplateTokens.contains) { return true }
        return rules.boilerplateSubstrings.contains { idClass.contains($0) }
    }

    /// Splits an id/class string on spaces, dashes and underscores.
    static func tokens(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\t" || $0 == "\n" || $0 == ":" })
            .map(String.init)
    }
}
