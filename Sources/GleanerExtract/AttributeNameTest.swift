import GleanerHTML

extension HTMLAttribute {
    /// `name == literal` for a `literal` of ASCII lower-case letters, digits and hyphens,
    /// byte counts compared first. Such a literal is canonically equivalent only to its own
    /// bytes (no Unicode scalar decomposes into those characters alone: the few that
    /// decompose to ASCII give `K`, `;` and `` ` ``), so a name of another length never
    /// equals it. The stdlib's `==` on two different small strings calls into its Unicode
    /// comparison: once per attribute and name tested in the per-element loops (~1% of a
    /// whole `gleaner extract` run).
    @inline(__always)
    func isNamed(_ literal: String) -> Bool {
        name.utf8.count == literal.utf8.count && name == literal
    }
}

extension DOMNode {
    /// `attribute(literal)` through `HTMLAttribute.isNamed` (same `literal` rule), for the
    /// per-element loops.
    @inline(__always)
    func attributeNamed(_ literal: String) -> String? {
        attributes.attributeNamed(literal)
    }
}

extension HTMLAttributes {
    /// `DOMNode.attributeNamed` for an element's attributes alone. The per-element loops
    /// hand a test an element's attributes rather than the element: an element read from
    /// the tree's buffer and passed to a function was copied, its name, text and attribute
    /// array each retained and released (about 2% of a run's instructions).
    @inline(__always)
    func attributeNamed(_ literal: String) -> String? {
        for attribute in self where attribute.isNamed(literal) { return attribute.value }
        return nil
    }
}
