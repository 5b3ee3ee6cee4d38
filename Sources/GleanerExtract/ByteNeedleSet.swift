/// Substrings to look for in short byte strings (`class` and `id` values), tested in one
/// scan of the haystack however many needles there are.
///
/// Runs for nearly every element of every page, so it allocates nothing per call: all
/// needles live back to back in one byte array, grouped by first byte, and a 257-entry
/// table says where each first byte's group starts. (An array of arrays retained and
/// released a needle array for every haystack byte, and a `Set<UInt8>` of first bytes
/// hashed every byte.)
struct ByteNeedleSet: Sendable {
    /// All needles back to back, ordered by first byte.
    private var bytes: [UInt8] = []
    /// Start of needle k in `bytes`; one more entry than there are needles.
    private var needleStarts: [Int32] = [0]
    /// Needles whose first byte is b are `bucketStarts[b] ..< bucketStarts[b + 1]`.
    private var bucketStarts = [Int32](repeating: 0, count: 257)
    /// Needles are lower-cased and haystack bytes ASCII-lower-cased before comparing.
    let foldsCase: Bool

    var isEmpty: Bool { needleStarts.count <= 1 }

    init<Words: Sequence>(_ words: Words, foldingCase: Bool = false) where Words.Element == String {
        foldsCase = foldingCase
        var needles = words.map { Array($0.utf8) }.filter { !$0.isEmpty }
        if foldingCase { needles = needles.map { $0.map(Self.lower) } }
        needles.sort { $0[0] < $1[0] }
        var counts = [Int32](repeating: 0, count: 256)
        for needle in needles {
            bytes.append(contentsOf: needle)
            needleStarts.append(Int32(bytes.count))
            counts[Int(needle[0])] += 1
        }
        for byte in 0..<256 { bucketStarts[byte + 1] = bucketStarts[byte] + counts[byte] }
    }

    /// True when any needle occurs in `haystack`.
    func occurs(in haystack: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { occurs(in: $0) }
    }

    /// True when any needle occurs in the UTF-8 of `string`.
    func occurs(in string: String) -> Bool {
        var string = string
        return string.withUTF8 { occurs(in: $0) }
    }

    func occurs(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        if isEmpty { return false }
        let foldsCase = self.foldsCase
        return bytes.withUnsafeBufferPointer { needleBytes in
            needleStarts.withUnsafeBufferPointer { starts in
                bucketStarts.withUnsafeBufferPointer { buckets in
                    let count = haystack.count
                    for i in 0..<count {
                        let first = foldsCase ? Self.lower(haystack[i]) : haystack[i]
                        var k = Int(buckets[Int(first)])
                        let end = Int(buckets[Int(first) + 1])
                        while k < end {
                            let start = Int(starts[k])
                            let length = Int(starts[k + 1]) - start
                            if length <= count - i {
                                var j = 1
                                while j < length {
                                    let byte = foldsCase ? Self.lower(haystack[i + j]) : haystack[i + j]
                                    if byte != needleBytes[start + j] { break }
                                    j += 1
                                }
                                if j == length { return true }
                            }
                            k += 1
                        }
                    }
                    return false
                }
            }
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
