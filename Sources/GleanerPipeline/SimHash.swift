/// 64-bit SimHash over word 3-shingles of a body: texts that share most of their wording
/// (agency copy republished with a different intro) land a few bits apart, unrelated texts
/// about 32 bits apart (a 270-word story with a new intro sentence measured 5 bits from its
/// original; unrelated loopback stories 25–47). Near-duplicate lookup buckets the hash into
/// four 16-bit bands and probes each band's value and its one-bit neighbours: two hashes
/// within 7 bits have a band within 1 bit (pigeonhole), so the band indexes find every
/// candidate without comparing against all stored records.
public enum SimHash {
    public static let shingleSize = 3

    public static func compute(_ text: String) -> UInt64? {
        var words: [UInt64] = []
        var current: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
                current = (current ^ UInt64(lower.value)) &* 0x0000_0100_0000_01B3
                inWord = true
            } else if inWord {
                words.append(current)
                current = 0xcbf2_9ce4_8422_2325
                inWord = false
            }
        }
        if inWord { words.append(current) }
        guard words.count >= shingleSize else { return nil }
        var weights = [Int](repeating: 0, count: 64)
        for start in 0...(words.count - shingleSize) {
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            for offset in 0..<shingleSize {
                hash = mix(hash ^ words[start + offset])
            }
            for bit in 0..<64 {
                weights[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    /// splitmix64 finaliser: spreads every input bit over the output.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    public static func bands(_ hash: UInt64) -> [Int64] {
        (0..<4).map { Int64((hash >> UInt64(16 * $0)) & 0xFFFF) }
    }
}
