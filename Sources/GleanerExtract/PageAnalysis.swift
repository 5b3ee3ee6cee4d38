import GleanerModel
import GleanerHTML

/// Per-node statistics over a `DOMTree`, computed once per page in two linear passes and
/// shared by the metadata, body and comment extractors.
///
/// Lengths count Unicode scalars that are not whitespace, so indentation in the source
/// doesn't inflate a node's weight.
public struct PageAnalysis: Sendable {
    public let tree: DOMTree
    /// True for nodes that can never hold readable content: scripts, styles, hidden
    /// elements, and everything below them.
    public private(set) var excluded: [Bool]
    /// Visible text length of each node's subtree.
    public private(set) var textLength: [Int32]
    /// Visible text length inside `<a>` elements in each node's subtree.
    public private(set) var linkTextLength: [Int32]
    /// Number of `<p>` elements (with some text) in each subtree.
    public private(set) var paragraphCount: [Int32]

    public init(tree: DOMTree) {
        self.tree = tree
        let n = tree.count
        excluded = [Bool](repeating: false, count: n)
        textLength = [Int32](repeating: 0, count: n)
        linkTextLength = [Int32](repeating: 0, count: n)
        paragraphCount = [Int32](repeating: 0, count: n)
        guard n > 0 else { return }

        // Forward pass: exclusion is inherited from the parent (parents precede children).
        var insideLink = [Bool](repeating: false, count: n)
        var excluded = self.excluded
        var textLength = self.textLength
        var linkTextLength = self.linkTextLength
        var paragraphCount = self.paragraphCount
        let anchorID = tree.nameID("a")
        let paragraphID = tree.nameID("p")
        // Nodes are borrowed from the buffer: copying a `DOMNode` retains three fields. The
        // per-node arrays are written through buffers too: indexed writes to the captured
        // arrays checked uniqueness and bounds on every node.
        tree.nodes.withUnsafeBufferPointer { nodes in
          insideLink.withUnsafeMutableBufferPointer { insideLink in
          excluded.withUnsafeMutableBufferPointer { excluded in
          textLength.withUnsafeMutableBufferPointer { textLength in
          linkTextLength.withUnsafeMutableBufferPointer { linkTextLength in
          paragraphCount.withUnsafeMutableBufferPointer { paragraphCount in
            for i in 1..<n {
                let parent = Int(nodes[i].parent)
                if excluded[parent] {
                    excluded[i] = true
                    continue
                }
                insideLink[i] = insideLink[parent]
                guard nodes[i].isElement else { continue }
                if nodes[i].isNonContent
                    || (!nodes[i].attributes.isEmpty && Self.isHidden(attributes: nodes[i].attributes))
                {
                    excluded[i] = true
                } else if nodes[i].nameID == anchorID, !Self.isNamedTarget(attributes: nodes[i].attributes) {
                    insideLink[i] = true
                }
            }

            // Reverse pass: children have larger indices than parents, so sums bubble up.
            for i in stride(from: n - 1, through: 1, by: -1) {
                if excluded[i] { continue }
                if nodes[i].kind == .text {
                    let length = Int32(Self.visibleLength(nodes[i].text))
                    textLength[i] = length
                    if insideLink[i] { linkTextLength[i] = length }
                } else if nodes[i].nameID == paragraphID, nodes[i].kind == .element, textLength[i] > 0 {
                    paragraphCount[i] += 1
                }
                let parent = Int(nodes[i].parent)
                textLength[parent] += textLength[i]
                linkTextLength[parent] += linkTextLength[i]
                paragraphCount[parent] += paragraphCount[i]
            }
          }
          }
          }
          }
          }
        }
        self.excluded = excluded
        self.textLength = textLength
        self.linkTextLength = linkTextLength
        self.paragraphCount = paragraphCount
    }

    /// Share of a node's text that sits inside links (0 when it has no text).
    @inlinable
    public func linkDensity(_ index: Int) -> Double {
        let total = textLength[index]
        return total > 0 ? Double(linkTextLength[index]) / Double(total) : 0
    }

    /// An `<a name>` with no `href`: a jump target, not a link. Old documentation pages
    /// leave these unclosed, and libxml2 then nests the whole following section in them,
    /// which would read as a page of links (headings as teasers, prose as link text).
    /// An `<a>` with neither `href` nor `name` stays a link: scripts make those clickable.
    @inlinable
    public static func isNamedTarget(_ node: DOMNode) -> Bool {
        isNamedTarget(attributes: node.attributes)
    }

    /// `isNamedTarget` by an element's attributes (see `HTMLAttributes.attributeNamed`).
    @inlinable
    public static func isNamedTarget(attributes: HTMLAttributes) -> Bool {
        var named = false
        for attribute in attributes {
            if attribute.name == "href" { return false }
            if attribute.name == "name" { named = true }
        }
        return named
    }

    /// Hidden by attribute or inline style: never rendered, so never content.
    static func isHidden(_ node: DOMNode) -> Bool {
        isHidden(attributes: node.attributes)
    }

    /// `isHidden` by an element's attributes (see `HTMLAttributes.attributeNamed`).
    static func isHidden(attributes: HTMLAttributes) -> Bool {
        for attribute in attributes {
            if attribute.isNamed("hidden") {
                return true
            } else if attribute.isNamed("aria-hidden") {
                if attribute.value == "true" { return true }
            } else if attribute.isNamed("style") {
                if let hides = asciiStyleHides(attribute.value) {
                    if hides { return true }
                    continue
                }
                let style = attribute.value.lowercased().filter { $0 != " " }
                if style.containsUTF8("display:none") || style.containsUTF8("visibility:hidden") { return true }
            }
        }
        return false
    }

    /// `isHidden`'s style test for an ASCII value, in place: the value lower-cased with its
    /// spaces removed contains `display:none` or `visibility:hidden`. Nil for a value with
    /// other bytes (Unicode lower-casing and characters then decide, as before). Lower-casing
    /// and filtering a copy of every style value was half of the page analysis.
    static func asciiStyleHides(_ value: String) -> Bool? {
        value.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for byte in bytes where byte >= 0x80 { return nil }
            return containsIgnoringSpaces(bytes, Self.displayNone) || containsIgnoringSpaces(bytes, Self.visibilityHidden)
        } ?? nil
    }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    /// Whether ASCII `bytes`, lower-cased and without their spaces, contain `needle`
    /// (lower-case, no spaces).
    private static func containsIgnoringSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = bytes.count
        var start = 0
        while start < n {
            if bytes[start] != 0x20 {
                var j = 0
                var k = start
                while j < needle.count, k < n {
                    var byte = bytes[k]
                    k += 1
                    if byte == 0x20 { continue }
                    if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                    if byte != needle[j] { break }
                    j += 1
                }
                if j == needle.count { return true }
                if k >= n && j > 0 { return false }
            }
            start += 1
        }
        return false
    }

    @inline(__always)
    static func visibleLength(_ text: String) -> Int {
        // Over the string's own bytes: indexing `utf8` byte by byte was a third of the
        // page analysis.
        if let count = text.utf8.withContiguousStorageIfAvailable({ visibleLength(bytes: $0) }) { return count }
        var count = 0
        for byte in text.utf8 {
            // Count scalar starts that are not ASCII whitespace.
            if byte & 0xC0 == 0x80 { continue }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { continue }
            count += 1
        }
        return count
    }

    @inline(__always)
    static func visibleLength(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes {
            if byte & 0xC0 == 0x80 { continue }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { continue }
            count += 1
        }
        return count
    }
}
