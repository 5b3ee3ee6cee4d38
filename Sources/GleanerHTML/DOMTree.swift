/// A parsed HTML page as a flat, immutable, `Sendable` array of nodes in document order.
///
/// libxml2's tree is converted once, right after parsing, and freed: extraction then works
/// on plain Swift values that can cross tasks, and per-node statistics can live in arrays
/// indexed by node number. Because nodes are stored in pre-order, the subtree of node `i` is
/// exactly the index range `i ... nodes[i].subtreeEnd`, and every child has a larger index than
/// its parent — so bottom-up sums are a single reverse loop, with no recursion to overflow on
/// deeply nested input.
public struct DOMTree: Sendable {
    public private(set) var nodes: [DOMNode]
    /// The distinct node names of the tree; `names[node.nameID] == node.name`.
    public let names: [String]

    /// A tree from nodes built by hand: `nameID`s are assigned here.
    public init(nodes: [DOMNode]) {
        var names: [String] = []
        var ids: [String: UInt32] = [:]
        var nodes = nodes
        for i in nodes.indices {
            let name = nodes[i].name
            if let id = ids[name] {
                nodes[i].nameID = id
            } else {
                let id = UInt32(truncatingIfNeeded: names.count)
                ids[name] = id
                names.append(name)
                nodes[i].nameID = id
            }
        }
        self.nodes = nodes
        self.names = names
    }

    /// A tree whose nodes already carry ids into `names` (the parser's case).
    init(nodes: [DOMNode], names: [String]) {
        self.nodes = nodes
        self.names = names
    }

    /// The id of node name `name` in this tree, if any node has it.
    public func nameID(_ name: String) -> UInt32? {
        names.firstIndex(of: name).map { UInt32(truncatingIfNeeded: $0) }
    }

    /// `mask[node.nameID]` tells whether the node's name is in `set`: one set lookup per
    /// distinct name of the page instead of one per node.
    public func nameMask(_ set: Set<String>) -> [Bool] {
        names.map { set.contains($0) }
    }

    /// `nameMask` for a compiled set: the page's names probed by their bytes, not hashed
    /// with the standard library's hasher (see `ElementNameSet`).
    public func nameMask(_ set: ElementNameSet) -> [Bool] {
        names.map { set.contains($0) }
    }

    @inlinable
    public var count: Int { nodes.count }

    /// A yielding accessor: `tree[i].name` reads in place instead of copying the node (and
    /// retaining its strings and attribute array) — this was 4% of extraction time.
    @inlinable
    public subscript(index: Int) -> DOMNode {
        _read { yield nodes[index] }
    }

    /// Index of the `<html>` element (or the first element), if any.
    public var rootElement: Int? {
        nodes.firstIndex { $0.isElement }
    }

    /// Indices of the direct children of `index`.
    public func children(of index: Int) -> ChildSequence {
        ChildSequence(tree: self, first: nodes[index].firstChild)
    }

    /// Indices of the element nodes in the subtree of `index` (itself included) named `name`.
    public func elements(named name: String, in index: Int = 0) -> [Int] {
        guard !nodes.isEmpty else { return [] }
        var result: [Int] = []
        var i = index
        let end = nodes[index].subtreeEnd
        while i <= end {
            if nodes[i].name == name { result.append(i) }
            i += 1
        }
        return result
    }

    /// First element named `name` in document order.
    public func firstElement(named name: String) -> Int? {
        nodes.firstIndex { $0.name == name }
    }

    /// The concatenated raw text of all text nodes below `index`, skipping scripts and styles.
    public func rawText(of index: Int) -> String {
        var out = ""
        var i = index
        let end = nodes[index].subtreeEnd
        while i <= end {
            // Fields read in place: a copy of the node retained its strings and attributes.
            if nodes[i].kind == .text {
                out += nodes[i].text
                i += 1
            } else if nodes[i].isNonContent, i != index {
                i = nodes[i].subtreeEnd + 1
            } else {
                if nodes[i].isElement, nodes[i].name == "br" { out += "\n" }
                i += 1
            }
        }
        return out
    }

    /// True when `ancestor` is `index` or contains it.
    @inlinable
    public func contains(_ ancestor: Int, _ index: Int) -> Bool {
        index >= ancestor && index <= nodes[ancestor].subtreeEnd
    }

    /// Walks up from `index` (exclusive) and returns the first ancestor satisfying `match`.
    public func ancestor(of index: Int, where match: (DOMNode) -> Bool) -> Int? {
        // Through the buffer, so each node reaches `match` borrowed, not copied.
        nodes.withUnsafeBufferPointer { nodes in
            var p = Int(nodes[index].parent)
            while p >= 0 {
                if match(nodes[p]) { return p }
                p = Int(nodes[p].parent)
            }
            return nil
        }
    }

    /// Sequence over sibling-linked children.
    public struct ChildSequence: Sequence, IteratorProtocol {
        let tree: DOMTree
        var current: Int32

        init(tree: DOMTree, first: Int32) {
            self.tree = tree
            self.current = first
        }

        public mutating func next() -> Int? {
            guard current >= 0 else { return nil }
            let value = Int(current)
            current = tree.nodes[value].nextSibling
            return value
        }
    }
}
