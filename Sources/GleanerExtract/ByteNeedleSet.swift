import GleanerModel

/// Groups of substrings to look for in short byte strings (`class` and `id` values): one
/// scan of the haystack tells which groups have a needle in it, however many needles there
/// are.
///
/// Runs for nearly every element of every page, so it allocates nothing per call and reads
/// each haystack byte once: the needles are compiled into an Aho–Corasick automaton, a
/// complete state table (one row per trie node, one column per distinct needle byte) whose
/// every state also knows the groups of all needles that end there. Per byte the scan does
/// one column lookup, one table lookup and one test of the state's groups. (The earlier
/// first-byte buckets with a two-byte filter compared candidate needles byte by byte; class
/// names are full of common pairs like "co", "en", "po", so it averaged about 35
/// instructions per haystack byte.)
struct ByteNeedleSet: Sendable {
    /// Column of each byte value in `transitions`; column 0 is every byte no needle has. With
    /// case folding an upper-case ASCII letter shares its lower-case letter's column.
    private var columnOf = [UInt8](repeating: 0, count: 256)
    private var columnCount = 1
    /// Next state for (state, column): `transitions[state * columnCount + column]`.
    private var transitions: [UInt32] = []
    /// Bits of the groups whose needles end at each state (directly or as a suffix).
    private var outputs: [UInt32] = []
    /// Needles are lower-cased and haystack bytes ASCII-lower-cased before comparing.
    let foldsCase: Bool
    /// Bits of all groups that have at least one needle.
    private var allGroups: UInt32 = 0

    var isEmpty: Bool { allGroups == 0 }

    /// One group of needles.
    init<Words: Sequence>(_ words: Words, foldingCase: Bool = false) where Words.Element == String {
        self.init(groups: [Array(words)], foldingCase: foldingCase)
    }

    /// Up to 32 groups; `groups(in:)` answers with bit i set when group i has a needle there.
    init(groups: [[String]], foldingCase: Bool = false) {
        precondition(groups.count <= 32, "at most 32 needle groups")
        foldsCase = foldingCase
        var needles: [(bytes: [UInt8], group: UInt32)] = []
        for (index, words) in groups.enumerated() {
            for word in words where !word.isEmpty {
                let bytes = foldingCase ? Array(word.utf8).map(\.asciiLowercased) : Array(word.utf8)
                needles.append((bytes, 1 << UInt32(index)))
            }
        }
        // Columns: one per distinct needle byte.
        for needle in needles {
            for byte in needle.bytes where columnOf[Int(byte)] == 0 {
                columnOf[Int(byte)] = UInt8(truncatingIfNeeded: columnCount)
                columnCount += 1
            }
        }
        precondition(columnCount <= 256)
        if foldingCase {
            for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { columnOf[Int(upper)] = columnOf[Int(upper.asciiLowercased)] }
        }
        // The trie, with 0 for "no edge" (no edge can lead back to the root).
        let columns = columnCount
        var next = [UInt32](repeating: 0, count: columns)
        var output: [UInt32] = [0]
        for needle in needles {
            var state = 0
            for byte in needle.bytes {
                let slot = state * columns + Int(columnOf[Int(byte)])
                if next[slot] == 0 {
                    next[slot] = UInt32(output.count)
                    output.append(0)
                    next.append(contentsOf: repeatElement(0, count: columns))
                }
                state = Int(next[slot])
            }
            output[state] |= needle.group
            allGroups |= needle.group
        }
        // Breadth first: each state's missing edges are its failure state's edges, and its
        // groups include its failure state's (the longest proper suffix that is a trie node).
        var failure = [Int](repeating: 0, count: output.count)
        var queue: [Int] = []
        for column in 0..<columns where next[column] != 0 { queue.append(Int(next[column])) }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            output[state] |= output[failure[state]]
            for column in 0..<columns {
                let slot = state * columns + column
                let child = Int(next[slot])
                let fallback = next[failure[state] * columns + column]
                if child != 0 {
                    failure[child] = Int(fallback)
                    queue.append(child)
                } else {
                    next[slot] = fallback
                }
            }
        }
        transitions = next
        outputs = output
    }

    /// True when any needle occurs in `haystack`.
    func occurs(in haystack: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { groups(in: $0, stopAtFirst: true) != 0 }
    }

    /// True when any needle occurs in the UTF-8 of `string`.
    func occurs(in string: String) -> Bool {
        // The borrowed string's own bytes: `withUTF8` needed a mutable copy (a retain and a
        // release per call, ~90,000 calls a run).
        if let found = string.utf8.withContiguousStorageIfAvailable({ groups(in: $0, stopAtFirst: true) != 0 }) {
            return found
        }
        var string = string
        return string.withUTF8 { groups(in: $0, stopAtFirst: true) != 0 }
    }

    /// The bits of the groups with a needle in `haystack`.
    func groups(in haystack: [UInt8]) -> UInt32 {
        haystack.withUnsafeBufferPointer { groups(in: $0, stopAtFirst: false) }
    }

    /// The bits of the groups with a needle in the UTF-8 of `string`.
    func groups(in string: String) -> UInt32 {
        if let found = string.utf8.withContiguousStorageIfAvailable({ groups(in: $0, stopAtFirst: false) }) {
            return found
        }
        var string = string
        return string.withUTF8 { groups(in: $0, stopAtFirst: false) }
    }

    private func groups(in haystack: UnsafeBufferPointer<UInt8>, stopAtFirst: Bool) -> UInt32 {
        if allGroups == 0 { return 0 }
        let allGroups = self.allGroups
        let columns = columnCount
        var found: UInt32 = 0
        columnOf.withUnsafeBufferPointer { columnOf in
            transitions.withUnsafeBufferPointer { transitions in
                outputs.withUnsafeBufferPointer { outputs in
                    var state = 0
                    for byte in haystack {
                        state = Int(transitions[state &* columns &+ Int(columnOf[Int(byte)])])
                        let groups = outputs[state]
                        if groups != 0 {
                            found |= groups
                            if stopAtFirst || found == allGroups { break }
                        }
                    }
                }
            }
        }
        return found
    }
}
