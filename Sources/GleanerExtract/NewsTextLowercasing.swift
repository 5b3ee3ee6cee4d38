extension String {
    /// `lowercased()`, built from the bytes for text of ASCII and General Punctuation
    /// (U+2000–U+206F: dashes, curly quotes, ellipsis; no cased letters among them, so each
    /// maps to itself); any other text by `lowercased()`. The stdlib takes its per-scalar
    /// path for a whole paragraph as soon as it holds one curly quote (`LeadDetector.comparable`
    /// lower-cased descriptions and paragraphs that way: 0.8% of a whole run).
    func lowercasedNewsText() -> String {
        let fast = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            let n = bytes.count
            var i = 0
            while i < n {
                let byte = bytes[i]
                if byte < 0x80 {
                    i += 1
                } else if byte == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 || (bytes[i + 1] == 0x81 && bytes[i + 2] < 0xB0) {
                    i += 3
                } else {
                    return nil
                }
            }
            return String(unsafeUninitializedCapacity: n) { out in
                for k in 0..<n {
                    let byte = bytes[k]
                    out[k] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                }
                return n
            }
        }
        if let fast, let lowered = fast { return lowered }
        return lowercased()
    }
}
