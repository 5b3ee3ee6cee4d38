/// One element or text node of a `DOMTree`. Links are indices into the tree (-1 for none).
public struct DOMNode: Sendable {
    /// What the node is: an element or a run of text.
    public enum Kind: UInt8, Sendable {
        case element
        case text
    }

    public var kind: Kind
    /// The element is one of `HTMLVocabulary.nonContentElements` (script, style, …): decided
    /// once per tag name while parsing, so per-node loops need no set lookup.
    public var isNonContent: Bool
    /// Index of `name` in the tree's `names`: per-node tests against tag-name sets become
    /// an array lookup (`DOMTree.nameMask`) instead of a string hash or compare.
    public var nameID: UInt32
    /// Lower-case tag name for elements; empty for text nodes.
    public var name: String
    /// Text content for text nodes (entities already decoded); empty for elements.
    public var text: String
    /// Attributes in source order, names lower-cased.
    public var attributes: HTMLAttributes
    public var parent: Int32
    public var firstChild: Int32
    public var nextSibling: Int32
    /// Declared beside the other 32-bit fields, so the node has no padding (96 bytes).
    public var depth: Int32
    /// Index of the last node in this node's subtree (itself when it has no children).
    public var subtreeEnd: Int

    public init(
        kind: Kind, name: String, text: String, attributes: HTMLAttributes,
        parent: Int32, depth: Int32
    ) {
        self.init(
            kind: kind, name: name, isNonContent: kind == .element && HTMLVocabulary.nonContentElements.contains(name),
            nameID: 0, text: text, attributes: attributes, parent: parent, depth: depth)
    }

    /// A node whose `isNonContent` and `nameID` the caller has already decided (the parser
    /// caches both per tag name).
    public init(
        kind: Kind, name: String, isNonContent: Bool, nameID: UInt32, text: String, attributes: HTMLAttributes,
        parent: Int32, depth: Int32
    ) {
        self.kind = kind
        self.isNonContent = isNonContent
        self.nameID = nameID
        self.name = name
        self.text = text
        self.attributes = attributes
        self.parent = parent
        self.firstChild = -1
        self.nextSibling = -1
        self.subtreeEnd = 0
        self.depth = depth
    }

    @inlinable
    public var isElement: Bool { kind == .element }

    /// The value of attribute `name` (lower-case), if present.
    @inlinable
    public func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name {
            return attribute.value
        }
        return nil
    }

    /// `id` and `class` joined and lower-cased: the string boilerplate and comment patterns
    /// are matched against.
    public var idAndClass: String {
        var result = ""
        if let id = attribute("id") { result += id }
        if let cls = attribute("class") {
            if !result.isEmpty { result += " " }
            result += cls
        }
        return result.lowercased()
    }
}

/// A name/value pair of an element.
public struct HTMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
