/// A small CSS selector subset for per-site overrides: `tag`, `.class`, `#id`, `[attr]`,
/// `[attr=value]`, compounds of these (`div.story#main`), descendant (`a b`) and child
/// (`a > b`) combinators and comma lists. Enough to point at a site's headline or body
/// container without an XPath engine; matching is a right-to-left walk up `parent` links,
/// so no recursion over the DOM depth.
public struct CSSSelector: Sendable, Equatable, CustomStringConvertible {
    struct Compound: Sendable, Equatable {
        var tag: String?
        var id: String?
        var classes: [String] = []
        var attributes: [(name: String, value: String?)] = []

        static func == (lhs: Compound, rhs: Compound) -> Bool {
            lhs.tag == rhs.tag && lhs.id == rhs.id && lhs.classes == rhs.classes
                && lhs.attributes.map(\.name) == rhs.attributes.map(\.name) && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
        }
    }

    enum Combinator: Sendable, Equatable { case descendant, child }

    /// One comma-separated alternative: compounds left to right; `combinators[i]` joins
    /// `compounds[i]` and `compounds[i + 1]`.
    struct Complex: Sendable, Equatable {
        var compounds: [Compound]
        var combinators: [Combinator]
    }

    let alternatives: [Complex]
    public let description: String

    public init(_ text: String) throws(CSSSelectorError) {
        description = text
        var parser = SelectorParser(Array(text.unicodeScalars))
        alternatives = try parser.parse()
    }

    /// Elements matching the selector, in document order.
    public func select(in tree: DOMTree) -> [Int] {
        var result: [Int] = []
        for index in 0..<tree.count where tree[index].isElement && matches(tree, index) {
            result.append(index)
        }
        return result
    }

    public func matches(_ tree: DOMTree, _ index: Int) -> Bool {
        alternatives.contains { matches($0, tree, index) }
    }

    private func matches(_ complex: Complex, _ tree: DOMTree, _ index: Int) -> Bool {
        var part = complex.compounds.count - 1
        guard Self.matches(complex.compounds[part], tree[index]) else { return false }
        var node = index
        // Greedy right-to-left: each earlier compound is matched at the nearest fitting
        // ancestor; a backtracking-free approximation that is exact for child-free chains.
        while part > 0 {
            let combinator = complex.combinators[part - 1]
            part -= 1
            var found = false
            var current = Int(tree[node].parent)
            while current >= 0 {
                if tree[current].isElement && Self.matches(complex.compounds[part], tree[current]) {
                    node = current
                    found = true
                    break
                }
                if combinator == .child { break }
                current = Int(tree[current].parent)
            }
            if !found { return false }
        }
        return true
    }

    static func matches(_ compound: Compound, _ node: DOMNode) -> Bool {
        guard node.isElement else { return false }
        if let tag = compound.tag, tag != "*", node.name != tag { return false }
        if let id = compound.id, node.attribute("id") != id { return false }
        if !compound.classes.isEmpty {
            guard let classAttribute = node.attribute("class") else { return false }
            let classes = classAttribute.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            for wanted in compound.classes where !classes.contains(where: { $0 == wanted }) { return false }
        }
        for attribute in compound.attributes {
            guard let value = node.attribute(attribute.name) else { return false }
            if let wanted = attribute.value, value != wanted { return false }
        }
        return true
    }
}

/// A selector outside the supported CSS subset, with what was wrong and where.
public struct CSSSelectorError: Error, Sendable, Equatable {
    public var message: String
}

/// Recursive-descent parser over the selector's scalars.
struct SelectorParser {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func parse() throws(CSSSelectorError) -> [CSSSelector.Complex] {
        var alternatives: [CSSSelector.Complex] = []
        while true {
            alternatives.append(try complex())
            skipSpaces()
            if position == scalars.count { break }
            guard scalars[position] == "," else { throw failure("unexpected \"\(scalars[position])\"") }
            position += 1
        }
        return alternatives
    }

    func failure(_ message: String) -> CSSSelectorError {
        CSSSelectorError(message: "\(message) at offset \(position) in \"\(String(String.UnicodeScalarView(scalars)))\"")
    }

    @discardableResult
    mutating func skipSpaces() -> Bool {
        var skipped = false
        while position < scalars.count, scalars[position].properties.isWhitespace {
            position += 1
            skipped = true
        }
        return skipped
    }

    mutating func complex() throws(CSSSelectorError) -> CSSSelector.Complex {
        _ = skipSpaces()
        var compounds = [try compound()]
        var combinators: [CSSSelector.Combinator] = []
        while true {
            let spaced = skipSpaces()
            guard position < scalars.count, scalars[position] != "," else { break }
            if scalars[position] == ">" {
                position += 1
                _ = skipSpaces()
                combinators.append(.child)
            } else if spaced {
                combinators.append(.descendant)
            } else {
                throw failure("unexpected \"\(scalars[position])\"")
            }
            compounds.append(try compound())
        }
        return CSSSelector.Complex(compounds: compounds, combinators: combinators)
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar.value > 0x7F
    }

    mutating func name() throws(CSSSelectorError) -> String {
        let start = position
        while position < scalars.count, Self.isNameScalar(scalars[position]) { position += 1 }
        guard position > start else { throw failure("expected a name") }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    mutating func compound() throws(CSSSelectorError) -> CSSSelector.Compound {
        var compound = CSSSelector.Compound()
        var any = false
        if position < scalars.count, scalars[position] == "*" {
            position += 1
            compound.tag = "*"
            any = true
        } else if position < scalars.count, Self.isNameScalar(scalars[position]) {
            compound.tag = try name().lowercased()
            any = true
        }
        loop: while position < scalars.count {
            switch scalars[position] {
            case "#":
                position += 1
                compound.id = try name()
            case ".":
                position += 1
                compound.classes.append(try name())
            case "[":
                position += 1
                _ = skipSpaces()
                let attribute = try name().lowercased()
                _ = skipSpaces()
                var value: String?
                if position < scalars.count, scalars[position] == "=" {
                    position += 1
                    _ = skipSpaces()
                    value = try attributeValue()
                    _ = skipSpaces()
                }
                guard position < scalars.count, scalars[position] == "]" else { throw failure("expected \"]\"") }
                position += 1
                compound.attributes.append((attribute, value))
            default:
                break loop
            }
            any = true
        }
        guard any else {
            throw position < scalars.count ? failure("unexpected \"\(scalars[position])\"") : failure("selector ends early")
        }
        return compound
    }

    mutating func attributeValue() throws(CSSSelectorError) -> String {
        guard position < scalars.count else { throw failure("expected a value") }
        let quote = scalars[position]
        if quote == "\"" || quote == "'" {
            position += 1
            let start = position
            while position < scalars.count, scalars[position] != quote { position += 1 }
            guard position < scalars.count else { throw failure("unterminated string") }
            let value = String(String.UnicodeScalarView(scalars[start..<position]))
            position += 1
            return value
        }
        return try name()
    }
}
