import Foundation

/// Turns raw DOM text into what a reader sees: whitespace runs collapsed to one space,
/// soft hyphens and zero-width characters removed, non-breaking spaces made plain, and the
/// result in Unicode NFC so equal texts compare and hash equal. The zero-width joiner and
/// non-joiner are kept: they are spelling in Persian and Indic scripts (ZWNJ in می‌خواهم)
/// and glue emoji sequences (👩‍💻), so removing them changes the text.
public enum TextCleaner {
    /// Characters that render as nothing and only break words apart for search and hashing.
    public static let invisibleScalars: Set<UInt32> = [
        0x00AD,  // soft hyphen
        0x200B,  // zero-width space (U+200C/U+200D, non-joiner/joiner, are text: kept)
        0x2060,  // word joiner
        0xFEFF,  // zero-width no-break space (BOM)
        0x200E, 0x200F,  // directional marks
    ]

    /// Collapses whitespace and removes invisible characters; trims both ends.
    ///
    /// Works on UTF-8 bytes, decoding a scalar only for non-ASCII sequences: this runs on
    /// every text of every page, and building a `String.UnicodeScalarView` scalar by scalar
    /// was the slow part.
    public static func clean(_ raw: String) -> String {
        var input = raw
        return input.withUTF8 { bytes -> String in
            // Written straight into the new string's storage (the result is never longer than
            // the input): appending to an array byte by byte and copying it into a String was
            // half of this function's cost.
            var mayNeedNormalization = false
            let count = bytes.count
            let string = String(unsafeUninitializedCapacity: count) { out -> Int in
                var written = 0
                var pendingSpace = false
                var i = 0
                while i < count {
                    let byte = bytes[i]
                    // Printable ASCII other than the space, the common case, first: one test
                    // a byte for a whole run of them instead of five.
                    if byte &- 0x21 < 0x5E {
                        if pendingSpace && written > 0 {
                            out[written] = 0x20
                            written += 1
                        }
                        pendingSpace = false
                        repeat {
                            out[written] = bytes[i]
                            written += 1
                            i += 1
                        } while i < count && bytes[i] &- 0x21 < 0x5E
                        continue
                    }
                    if byte < 0x80 {
                        i += 1
                        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                            pendingSpace = true
                            continue
                        }
                        if byte < 0x20 || byte == 0x7F { continue }  // control characters
                        if pendingSpace && written > 0 {
                            out[written] = 0x20
                            written += 1
                        }
                        pendingSpace = false
                        out[written] = byte
                        written += 1
                        continue
                    }
                    // Decode one multi-byte scalar (input is valid UTF-8: it is a String).
                    let length = byte >= 0xF0 ? 4 : (byte >= 0xE0 ? 3 : 2)
                    var value = UInt32(byte) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
                    for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                    let start = i
                    i += length
                    if isInvisible(value) { continue }
                    if isUnicodeSpace(value) {
                        pendingSpace = true
                        continue
                    }
                    if value < 0xA0 { continue }  // C1 controls
                    if !isNFCStable(value) { mayNeedNormalization = true }
                    if pendingSpace && written > 0 {
                        out[written] = 0x20
                        written += 1
                    }
                    pendingSpace = false
                    for k in start..<i {
                        out[written] = bytes[k]
                        written += 1
                    }
                }
                return written
            }
            return mayNeedNormalization ? string.precomposedStringWithCanonicalMapping : string
        }
    }

    /// `clean(raw)` that also maps positions in `raw` to positions in the result, for the
    /// link and emphasis ranges of a block (`Block.links`, `Block.marks`).
    ///
    /// - Parameters:
    ///   - positions: UTF-8 byte offsets into `raw`, each the start or the end of a range.
    /// - Returns: the text (always equal to `clean(raw)`) and, per position, a Unicode-scalar
    ///   offset into it. A start maps to the first visible character at or after it (so a
    ///   range never begins with the space before it); an end maps to just after the last
    ///   visible character before it (so it never ends with one). Offsets are clamped to the
    ///   text.
    public static func clean(_ raw: String, mapping positions: [(offset: Int, isStart: Bool)]) -> (text: String, offsets: [Int]) {
        let order = positions.indices.sorted { positions[$0].offset < positions[$1].offset }
        var offsets = [Int](repeating: 0, count: positions.count)
        var input = raw
        let (string, needsNormalization) = input.withUTF8 { bytes -> (String, Bool) in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var mayNeedNormalization = false
            var scalars = 0
            var waitingStarts: [Int] = []
            var next = 0
            var i = 0
            let count = bytes.count
            func settle(upTo index: Int) {
                while next < order.count, positions[order[next]].offset <= index {
                    let p = order[next]
                    if positions[p].isStart { waitingStarts.append(p) } else { offsets[p] = scalars }
                    next += 1
                }
            }
            func emitted() {
                // Called for every visible byte, nearly always with nothing waiting: emptying
                // the empty array still checked its uniqueness (~70 instructions a byte).
                guard !waitingStarts.isEmpty else { return }
                for p in waitingStarts { offsets[p] = scalars }
                waitingStarts.removeAll(keepingCapacity: true)
            }
            while i < count {
                settle(upTo: i)
                let byte = bytes[i]
                if byte < 0x80 {
                    i += 1
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = true
                        continue
                    }
                    if byte < 0x20 || byte == 0x7F { continue }
                    if pendingSpace && !out.isEmpty {
                        out.append(0x20)
                        scalars += 1
                    }
                    pendingSpace = false
                    emitted()
                    out.append(byte)
                    scalars += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : (byte >= 0xE0 ? 3 : 2)
                var value = UInt32(byte) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
                for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                let start = i
                i += length
                if isInvisible(value) { continue }
                if isUnicodeSpace(value) {
                    pendingSpace = true
                    continue
                }
                if value < 0xA0 { continue }
                if !isNFCStable(value) { mayNeedNormalization = true }
                if pendingSpace && !out.isEmpty {
                    out.append(0x20)
                    scalars += 1
                }
                pendingSpace = false
                emitted()
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                scalars += 1
            }
            settle(upTo: Int.max)
            emitted()
            return (String(decoding: out, as: UTF8.self), mayNeedNormalization)
        }
        guard needsNormalization else { return (string, offsets) }
        // NFC may merge or split scalars: re-measure each offset on the normalized prefix.
        let scalars = Array(string.unicodeScalars)
        let mapped = offsets.map { offset -> Int in
            var prefix = String.UnicodeScalarView()
            prefix.append(contentsOf: scalars[0..<min(offset, scalars.count)])
            return String(prefix).precomposedStringWithCanonicalMapping.unicodeScalars.count
        }
        return (string.precomposedStringWithCanonicalMapping, mapped)
    }

    /// `invisibleScalars.contains(value)` as a switch: the per-scalar loops hashed every
    /// non-ASCII scalar with the stdlib's hasher (~100 instructions each).
    @inline(__always)
    public static func isInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x200B, 0x2060, 0xFEFF, 0x200E, 0x200F: true
        default: false
        }
    }

    /// Non-ASCII scalars with the Unicode White_Space property.
    @inline(__always)
    public static func isUnicodeSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x0085, 0x00A0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// True for scalars that NFC leaves alone whatever surrounds them: no combining marks,
    /// no canonical singletons, no Hangul. Covers Latin-1, Latin Extended, Cyrillic letters
    /// and general punctuation/currency (’ “ – € …), so most European text skips the costly
    /// Foundation normalisation call. (Whitespace singletons such as U+2000 never get here:
    /// they are collapsed to a space first.)
    @inline(__always)
    static func isNFCStable(_ value: UInt32) -> Bool {
        value < 0x0300 || (value >= 0x0400 && value < 0x0483) || (value >= 0x2010 && value < 0x20D0)
    }

    /// Like `clean`, but keeps line breaks (collapsing blank runs), for multi-line texts
    /// such as comments and preformatted blocks.
    public static func cleanKeepingLines(_ raw: String) -> String {
        var lines: [String] = []
        for line in raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let cleaned = clean(String(line))
            if !cleaned.isEmpty { lines.append(cleaned) }
        }
        return lines.joined(separator: "\n")
    }

    /// nil for empty or whitespace-only strings, the cleaned string otherwise.
    public static func nonEmpty(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let cleaned = clean(raw)
        return cleaned.isEmpty ? nil : cleaned
    }
}
