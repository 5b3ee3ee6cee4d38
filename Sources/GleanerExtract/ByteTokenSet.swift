/// A set of short ASCII words that can be probed with a slice of bytes, so `id`/`class`
/// tokens are looked up without allocating a `String` per token.
struct ByteTokenSet: Sendable {
    private var table: [UInt64: [[UInt8]]] = [:]

    init<Words: Sequence>(_ words: Words) where Words.Element == String {
        for word in words {
            let bytes = Array(word.utf8)
            table[Self.hash(bytes[...]), default: []].append(bytes)
        }
    }

    func contains(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let candidates = table[Self.hash(bytes)] else { return false }
        return candidates.contains { $0.elementsEqual(bytes) }
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
