import GleanerModel

/// Groups of substrings to look for in short byte strings (`class` and `id` values): one
/// scan of the haystack tells which groups have a needle in it, however many needles there
/// are.
///
/// Runs for nearly every element of every page, so it allocates nothing per call: all
/// needles live back to back in one byte array, grouped by first byte; a 257-entry table
/// says where each first byte's needles start, and a bit per (first byte, second byte) pair
/// skips most positions without looking at any needle. (An array of arrays retained and
/// released a needle array for every haystack byte; a `Set<UInt8>` of first bytes hashed
/// every byte.)
struct ByteNeedleSet: Sendable {
    /// All needles back to back, ordered by first byte.
    private var bytes: [UInt8] = []
    /// Start of needle k in `bytes`; one more entry than there are needles.
    private var needleStarts: [Int32] = [0]
    /// Group bit of needle k.
    private var needleGroups: [UInt32] = []
    /// Needles whose first byte is b are `bucketStarts[b] ..< bucketStarts[b + 1]`.
    private var bucketStarts = [Int32](repeating: 0, count: 257)
    /// Bit (b2 & 63) of word `b1 * 4 + b2 >> 6` is set when some needle starts with b1 b2
    /// (or is the single byte b1).
    private var pairMask = [UInt64](repeating: 0, count: 256 * 4)
    /// Needles are lower-cased and haystack bytes ASCII-lower-cased before comparing.
    let foldsCase: Bool
    /// Bits of all groups that have at least one needle.
    private var allGroups: UInt32 = 0

    var isEmpty: Bool { needleGroups.isEmpty }

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
        needles.sort { $0.bytes[0] < $1.bytes[0] }
        var counts = [Int32](repeating: 0, count: 256)
        for needle in needles {
            bytes.append(contentsOf: needle.bytes)
            needleStarts.append(Int32(bytes.count))
            needleGroups.append(needle.group)
            allGroups |= needle.group
            let first = Int(needle.bytes[0])
            counts[first] += 1
            if needle.bytes.count == 1 {
                for word in 0..<4 { pairMask[first * 4 + word] = ~0 }
            } else {
                let second = Int(needle.bytes[1])
                pairMask[first * 4 + second >> 6] |= 1 << UInt64(second & 63)
            }
        }
        for byte in 0..<256 { bucketStarts[byte + 1] = bucketStarts[byte] + counts[byte] }
    }

    /// True when any needle occurs in `haystack`.
    func occurs(in haystack: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { groups(in: $0, stopAtFirst: true) != 0 }
    }

    /// True when any needle occurs in the UTF-8 of `string`.
    func occurs(in string: String) -> Bool {
        var string = string
        return string.withUTF8 { groups(in: $0, stopAtFirst: true) != 0 }
    }

    /// The bits of the groups with a needle in `haystack`.
    func groups(in haystack: [UInt8]) -> UInt32 {
        haystack.withUnsafeBufferPointer { groups(in: $0, stopAtFirst: false) }
    }

    /// The bits of the groups with a needle in the UTF-8 of `string`.
    func groups(in string: String) -> UInt32 {
        var string = string
        return string.withUTF8 { groups(in: $0, stopAtFirst: false) }
    }

    private func groups(in haystack: UnsafeBufferPointer<UInt8>, stopAtFirst: Bool) -> UInt32 {
        if isEmpty { return 0 }
        let foldsCase = self.foldsCase
        let allGroups = self.allGroups
        var found: UInt32 = 0
        bytes.withUnsafeBufferPointer { needleBytes in
            needleStarts.withUnsafeBufferPointer { starts in
                needleGroups.withUnsafeBufferPointer { groupOf in
                    bucketStarts.withUnsafeBufferPointer { buckets in
                        pairMask.withUnsafeBufferPointer { pairs in
                            let count = haystack.count
                            var i = 0
                            scan: while i < count {
                                defer { i += 1 }
                                let first = Int(foldsCase ? haystack[i].asciiLowercased : haystack[i])
                                if i + 1 < count {
                                    let second = Int(foldsCase ? haystack[i + 1].asciiLowercased : haystack[i + 1])
                                    if pairs[first * 4 + second >> 6] & (1 << UInt64(second & 63)) == 0 { continue }
                                } else if buckets[first] == buckets[first + 1] {
                                    continue
                                }
                                var k = Int(buckets[first])
                                let end = Int(buckets[first + 1])
                                while k < end {
                                    defer { k += 1 }
                                    if found & groupOf[k] != 0 { continue }
                                    let start = Int(starts[k])
                                    let length = Int(starts[k + 1]) - start
                                    guard length <= count - i else { continue }
                                    var j = 1
                                    while j < length {
                                        let byte = foldsCase ? haystack[i + j].asciiLowercased : haystack[i + j]
                                        if byte != needleBytes[start + j] { break }
                                        j += 1
                                    }
                                    if j == length {
                                        found |= groupOf[k]
                                        if stopAtFirst || found == allGroups { break scan }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return found
    }
}
