import GleanerHTML
import GleanerModel

/// Substring tests on `class`/`id` values and their ancestors, as the metadata and comment
/// readers need them (token matching is `ClassTokenMatcher`). They work on UTF-8 bytes
/// without allocating (Foundation's `String.contains` was the metadata stage's hottest
/// call), since every needle is lower-case ASCII.
enum ClassTokens {
    /// Does `value` contain `needle` (lower-case ASCII), ignoring ASCII case? No allocation.
    static func containsASCII(_ value: String, _ needle: String) -> Bool {
        var value = value
        var needle = needle
        return needle.withUTF8 { n in
            value.withUTF8 { bytes in contains(bytes, n) }
        }
    }

    /// Byte-array form of `containsASCII` for needles prepared once.
    static func containsASCII(_ value: String, _ needle: [UInt8]) -> Bool {
        var value = value
        return needle.withUnsafeBufferPointer { n in
            value.withUTF8 { bytes in contains(bytes, n) }
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
        for attribute in node.attributes where attribute.name == "class" || attribute.name == "id" {
            for substring in substrings where containsASCII(attribute.value, substring) { return true }
        }
        return false
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
            if !elements.isEmpty, elements.contains(node.name) { return true }
            if hasSubstring(node, substrings) { return true }
            p = Int(node.parent)
            level += 1
        }
        return false
    }
}
