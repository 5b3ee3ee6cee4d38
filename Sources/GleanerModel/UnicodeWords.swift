import CTextShim

/// Word counts by Unicode word boundaries (UAX #29), not by spaces: a Japanese article of
/// 1,000 characters has a few spaces but hundreds of words, and `min_words` must work for it.
///
/// Text in scripts that write spaces between words (Latin, Cyrillic, Greek, Arabic, …) is
/// counted natively by the UAX #29 rules that matter there: a word is a run of letters and
/// digits, kept whole across an apostrophe, period or comma between two of them ("it's",
/// "e.g", "3.5", "1,000"); punctuation and symbols are no words. Text with characters of a
/// script written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) goes
/// to ICU's word break iterator, whose dictionaries find the words. ICU is reached through
/// the opaque `CTextShim` header, so this module never sees ICU's headers (which clash with
/// Foundation's own ICU). The native path exists for speed: ICU costs about a millisecond
/// per page, a fifth of a whole extraction.
public enum UnicodeWords {
    /// Words in `string` (see above).
    public static func count(_ string: String) -> Int {
        if string.isEmpty { return 0 }
        var count = 0
        var inWord = false
        var joinerPending = false
        let flags = ScalarFlags.table
        for scalar in string.unicodeScalars {
            let v = scalar.value
            let isWordCharacter: Bool
            if v < 0x80 {
                let b = UInt8(v)
                isWordCharacter = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
            } else if v < ScalarFlags.limit {
                isWordCharacter = flags[Int(v)] != 0
            } else {
                if needsDictionary(v) { return icuCount(string) }
                let properties = scalar.properties
                isWordCharacter = properties.isAlphabetic || properties.numericType != nil
                    || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
            }
            if isWordCharacter {
                if !inWord && !joinerPending { count += 1 }
                inWord = true
                joinerPending = false
            } else if inWord, v == 0x27 || v == 0x2019 || v == 0x2E || v == 0x2C || v == 0x3A {
                // "it's", "3.5", "1,000": one word when a word character follows.
                inWord = false
                joinerPending = true
            } else {
                inWord = false
                joinerPending = false
            }
        }
        return count
    }

    /// Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, CJK
    /// ideographs, Hiragana, Katakana (and their extensions).
    @inline(__always)
    static func needsDictionary(_ v: UInt32) -> Bool {
        (v >= 0x0E00 && v <= 0x0EFF) || (v >= 0x1000 && v <= 0x109F) || (v >= 0x1780 && v <= 0x17FF)
            || (v >= 0x3040 && v <= 0x30FF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x3FFFF)
    }

    /// ICU's UAX #29 word break iterator with its dictionaries.
    static func icuCount(_ string: String) -> Int {
        var copy = string
        let result = copy.withUTF8 { buffer -> Int in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                Int(gleaner_count_words(chars.baseAddress, chars.count))
            }
        }
        return result >= 0 ? result : Article.countSpaceSeparated(string)
    }

    /// User-perceived characters (grapheme clusters) in `string`. ASCII text is counted
    /// from its bytes — one character per byte, but CR LF is one — without grapheme
    /// breaking (0.3% of a run); any other text by `String.count`.
    public static func characters(_ string: String) -> Int {
        let ascii = string.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var count = bytes.count
            var previous: UInt8 = 0
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == 0x0A && previous == 0x0D { count -= 1 }
                previous = byte
            }
            return count
        }
        if let ascii, let count = ascii { return count }
        return string.count
    }
}
