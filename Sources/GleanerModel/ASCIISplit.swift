extension StringProtocol where SubSequence == Substring {
    /// `split(whereSeparator:)` for separators that are single ASCII characters, done on the
    /// UTF-8 bytes: the `Character` walk built and compared a grapheme per character
    /// (about 2% of a run over class, `rel` and `itemprop` values and heading keys).
    ///
    /// Gives exactly the pieces of the `Character` split. Between two ASCII characters
    /// there is always a grapheme boundary except inside CR LF, so the byte walk can only
    /// differ next to non-ASCII bytes (a combining mark after a space makes one grapheme of
    /// both) or at a CR; a string with a separator beside a non-ASCII byte, or with a CR,
    /// goes the `Character` way.
    public func splitASCII(omittingEmptySubsequences: Bool = true, where isSeparator: (UInt8) -> Bool) -> [Substring] {
        // Byte offsets of the pieces, found on the contiguous UTF-8 (native strings have it).
        let ranges: [Range<Int>]?? = utf8.withContiguousStorageIfAvailable { bytes -> [Range<Int>]? in
            var ranges: [Range<Int>] = []
            var start = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                if byte == 0x0D { return nil }
                guard isSeparator(byte) else { continue }
                if (i > 0 && bytes[i - 1] >= 0x80) || (i + 1 < bytes.count && bytes[i + 1] >= 0x80) { return nil }
                if !omittingEmptySubsequences || start != i { ranges.append(start..<i) }
                start = i + 1
            }
            if !omittingEmptySubsequences || start != bytes.count { ranges.append(start..<bytes.count) }
            return ranges
        }
        // No contiguous UTF-8 (not a native string), or a CR or non-ASCII byte beside a separator.
        guard let found = ranges, let ranges = found else { return characterSplit(omittingEmptySubsequences, isSeparator) }
        let base = utf8.startIndex
        return ranges.map { range in
            self[utf8.index(base, offsetBy: range.lowerBound)..<utf8.index(base, offsetBy: range.upperBound)]
        }
    }

    /// `splitASCII` on one separator character.
    public func splitASCII(separator: UInt8, omittingEmptySubsequences: Bool = true) -> [Substring] {
        splitASCII(omittingEmptySubsequences: omittingEmptySubsequences) { $0 == separator }
    }

    private func characterSplit(_ omittingEmpty: Bool, _ isSeparator: (UInt8) -> Bool) -> [Substring] {
        split(omittingEmptySubsequences: omittingEmpty) { character in
            character.utf8.count == 1 && isSeparator(character.utf8.first!)
        }
    }
}
