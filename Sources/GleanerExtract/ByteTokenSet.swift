/// A set of short ASCII words that can be probed with a run of bytes, so `id`/`class`
/// tokens are looked up without allocating a `String` per token.
///
/// Words can come in groups (up to 32): `groups(of:)` answers with the bits of every group
/// holding the token, so a caller with several lists probes once per token, not once per
/// list. All words live back to back in one byte array: an array of arrays retained and
/// released a word's storage on every probe.
struct ByteTokenSet: Sendable {
    /// The distinct words back to back.
    private var bytes: [UInt8] = []
    /// Start of word k in `bytes`; one more entry than there are words.
    private var starts: [Int32] = [0]
    /// Group bits of word k.
    private var groupBits: [UInt32] = []
    /// Open addressing on the FNV hash: index of a word, -1 for an empty slot.
    private var slots: [Int32]
    private let mask: Int

    /// One group of words.
    init<Words: Sequence>(_ words: Words) where Words.Element == String {
        self.init(groups: [Array(words)])
    }

    init(groups: [[String]]) {
        precondition(groups.count <= 32, "at most 32 token groups")
        var index: [[UInt8]: Int] = [:]
        var words: [[UInt8]] = []
        var bits: [UInt32] = []
        for (group, list) in groups.enumerated() {
            for word in list {
                let utf8 = Array(word.utf8)
                if let k = index[utf8] {
                    bits[k] |= 1 << UInt32(group)
                } else {
                    index[utf8] = words.count
                    words.append(utf8)
                    bits.append(1 << UInt32(group))
                }
            }
        }
        var capacity = 16
        while capacity < words.count * 4 { capacity *= 2 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        groupBits = bits
        for (k, word) in words.enumerated() {
            bytes.append(contentsOf: word)
            starts.append(Int32(bytes.count))
            let hash = word.withUnsafeBufferPointer { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(k)
        }
    }

    /// The bits of the groups holding `token` (0 when no group does).
    func groups(of token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var slot = Int(truncatingIfNeeded: Self.hash(token)) & mask
        return slots.withUnsafeBufferPointer { slots in
            starts.withUnsafeBufferPointer { starts in
                bytes.withUnsafeBufferPointer { bytes in
                    while true {
                        let k = Int(slots[slot])
                        if k < 0 { return 0 }
                        let start = Int(starts[k])
                        if Int(starts[k + 1]) - start == token.count {
                            var j = 0
                            while j < token.count, bytes[start + j] == token[j] { j += 1 }
                            if j == token.count { return groupBits[k] }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    func contains(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        groups(of: token) != 0
    }

    func contains(_ token: ArraySlice<UInt8>) -> Bool {
        token.withUnsafeBufferPointer { groups(of: $0) != 0 }
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
