/// A set of short ASCII words that can be probed with a slice of bytes, so `id`/`class`
/// tokens are looked up without allocating a `String` per token.
struct ByteTokenSet: Sendable {
    private var words: [[UInt8]] = []
    /// Open addressing on the FNV hash: index into `words`, -1 for an empty slot.
    private var slots: [Int32]
    private let mask: Int

    init<Words: Sequence>(_ words: Words) where Words.Element == String {
        let list = Array(Set(words)).map { Array($0.utf8) }
        var capacity = 16
        while capacity < list.count * 4 { capacity *= 2 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        self.words = list
        for (index, word) in list.enumerated() {
            var slot = Int(truncatingIfNeeded: Self.hash(word[...])) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    func contains(_ bytes: ArraySlice<UInt8>) -> Bool {
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return false }
            if words[Int(index)].elementsEqual(bytes) { return true }
            slot = (slot + 1) & mask
        }
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
