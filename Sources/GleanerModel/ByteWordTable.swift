/// Distinct short byte strings (class tokens, element names) found by their bytes: all
/// words back to back in one array, an open-addressing table on an FNV-1a hash of the bytes.
///
/// The per-element matchers probe it for every `id`/`class` token and every page name
/// per rule list, so a probe allocates nothing and retains nothing: the standard library's
/// `Set<String>` hashed each probe with seeded SipHash, and an array of arrays retained
/// a word's storage on every comparison.
public struct ByteWordTable: Sendable {
    /// The words back to back.
    @usableFromInline var bytes: [UInt8] = []
    /// Start of word k in `bytes`; one more entry than there are words.
    @usableFromInline var starts: [Int32] = [0]
    /// Index of a word, -1 for an empty slot.
    @usableFromInline var slots: [Int32]
    @usableFromInline let mask: Int

    /// `words` must be distinct; `index(of:)` answers with positions in this list.
    public init(_ words: [[UInt8]]) {
        var capacity = 16
        while capacity < words.count * 4 { capacity *= 2 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        for (k, word) in words.enumerated() {
            bytes.append(contentsOf: word)
            starts.append(Int32(bytes.count))
            var slot = word.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0)) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(k)
        }
    }

    /// Position of `word` in the list the table was built from, or nil. Inlinable: the
    /// probes run in other modules' per-element loops.
    @inlinable
    public func index(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Int(truncatingIfNeeded: Self.hash(word)) & mask
        return slots.withUnsafeBufferPointer { slots in
            starts.withUnsafeBufferPointer { starts in
                bytes.withUnsafeBufferPointer { bytes in
                    while true {
                        let k = Int(slots[slot])
                        if k < 0 { return nil }
                        let start = Int(starts[k])
                        if Int(starts[k + 1]) - start == word.count {
                            var j = 0
                            while j < word.count, bytes[start + j] == word[j] { j += 1 }
                            if j == word.count { return k }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// FNV-1a over the bytes.
    @inlinable @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
