import GleanerHTML
import GleanerModel

/// Substring tests on `class`/`id` values and their ancestors, as the metadata and comment
/// readers need them (token matching is `ClassTokenMatcher`). They work on UTF-8 bytes
/// without allocating (Foundation's `String.contains` was the metadata stage's hottest
/// call), since every needle is lower-case ASCII.
enum ClassTokens {
    /// Does `value` contain `needle` (lower-case ASCII), ignoring ASCII case? No allocation.
    static func containsASCII(_ value: String, _ needle: String) -> Bool {
        // The borrowed strings' own bytes; `withUTF8` needed a mutable copy of each (a
        // retain and release apiece, for ~30,000 ancestor tests a run).
        let found = needle.utf8.withContiguousStorageIfAvailable { n -> Bool? in
            value.utf8.withContiguousStorageIfAvailable { bytes in contains(bytes, n) }
        } ?? nil
        if let found { return found }
        var value = value
        var needle = needle
        return needle.withUTF8 { n in
            value.withUTF8 { bytes in contains(bytes, n) }
        }
    }

    /// Byte-array form of `containsASCII` for needles prepared once.
    static func containsASCII(_ value: String, _ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { n in
            if let found = value.utf8.withContiguousStorageIfAvailable({ bytes in contains(bytes, n) }) { return found }
            var value = value
            return value.withUTF8 { bytes in contains(bytes, n) }
        }
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard bytes.count >= n else { return false }
        let first = needle[0]
        for i in 0...(bytes.count - n) where bytes[i].asciiLowercased == first {
            var k = 1
            while k < n && bytes[i + k].asciiLowercased == needle[k] { k += 1 }
            if k == n { return true }
        }
        return false
    }


    /// True when the node's own `id`/`class` contains one of `substrings`.
    static func hasSubstring(_ node: DOMNode, _ substrings: [String]) -> Bool {
        hasSubstring(attributes: node.attributes, substrings)
    }

    /// `hasSubstring` by the element's attributes.
    static func hasSubstring(attributes: HTMLAttributes, _ substrings: [String]) -> Bool {
        for attribute in attributes where attribute.name == "class" || attribute.name == "id" {
            for substring in substrings where containsASCII(attribute.value, substring) { return true }
        }
        return false
    }

    /// `hasSubstring` for a compiled list: one scan a value.
    static func hasSubstring(attributes: HTMLAttributes, _ substrings: ClassSubstrings) -> Bool {
        for attribute in attributes where attribute.name == "class" || attribute.name == "id" {
            if substrings.occurs(in: attribute.value) { return true }
        }
        return false
    }

    /// `hasAncestor` for a compiled list: one scan a value.
    static func hasAncestor(
        _ tree: DOMTree, of index: Int, substrings: ClassSubstrings, elements: Set<String> = [], depth: Int = 12
    ) -> Bool {
        hasAncestor(tree, of: index, elements: elements, depth: depth) { hasSubstring(attributes: $0, substrings) }
    }

    /// True when an ancestor of `index` (up to `depth` levels) has an `id`/`class` containing
    /// one of `substrings`, or is one of `elements`.
    static func hasAncestor(
        _ tree: DOMTree, of index: Int, substrings: [String], elements: Set<String> = [], depth: Int = 12
    ) -> Bool {
        hasAncestor(tree, of: index, elements: elements, depth: depth) { hasSubstring(attributes: $0, substrings) }
    }

    /// The walk up from `index` both `hasAncestor`s make. Ancestors are read in place:
    /// `let node = tree[p]` copied each one.
    private static func hasAncestor(
        _ tree: DOMTree, of index: Int, elements: Set<String>, depth: Int, where matches: (HTMLAttributes) -> Bool
    ) -> Bool {
        tree.nodes.withUnsafeBufferPointer { nodes in
            var p = Int(nodes[index].parent)
            var level = 0
            while p > 0 && level < depth {
                if !elements.isEmpty, elements.contains(nodes[p].name) { return true }
                if matches(nodes[p].attributes) { return true }
                p = Int(nodes[p].parent)
                level += 1
            }
            return false
        }
    }
}
