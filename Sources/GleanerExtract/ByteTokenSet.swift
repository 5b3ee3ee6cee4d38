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

/// Substrings to look for in short byte strings, bucketed by first byte so one scan of the
/// haystack tests every needle.
struct ByteNeedleSet: Sendable {
    private var buckets: [[[UInt8]]] = Array(repeating: [], count: 256)
    private(set) var isEmpty = true

    init<Words: Sequence>(_ words: Words) where Words.Element == String {
        for word in words {
            let bytes = Array(word.utf8)
            guard let first = bytes.first else { continue }
            buckets[Int(first)].append(bytes)
            isEmpty = false
        }
    }

    /// True when any needle occurs in `haystack`.
    func occurs(in haystack: [UInt8]) -> Bool {
        if isEmpty { return false }
        let count = haystack.count
        for i in 0..<count {
            let bucket = buckets[Int(haystack[i])]
            if bucket.isEmpty { continue }
            for needle in bucket where needle.count <= count - i {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
        }
        return false
    }
}
