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
        // Over the string's own UTF-8 bytes, decoded by hand: walking `unicodeScalars` was
        // two thirds of the JSON line's word count (~1% of a whole `gleaner extract` run).
        if let counted = string.utf8.withContiguousStorageIfAvailable({ count(utf8: $0) }) {
            return counted ?? icuCount(string)
        }
        var state = WordState()
        for scalar in string.unicodeScalars where !state.feed(scalar.value) { return icuCount(string) }
        return state.count
    }

    /// Words in valid UTF-8 `bytes`; nil when the text needs ICU's dictionaries.
    static func count(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var state = WordState()
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = UInt32(bytes[i])
            let v: UInt32
            if lead < 0x80 {
                v = lead
                i += 1
            } else if lead < 0xE0 {
                v = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if lead < 0xF0 {
                v = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i += 3
            } else {
                v = (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F)
                i += 4
            }
            if !state.feed(v) { return nil }
        }
        return state.count
    }

    /// The word counter's state, fed one scalar at a time (the same rules for the byte and
    /// the scalar walk).
    struct WordState {
        var count = 0
        var inWord = false
        var joinerPending = false
        /// `ScalarFlags.table`, read once per text, not once per scalar.
        let flags = ScalarFlags.table
        let punctuation = ScalarFlags.punctuation

        /// Takes scalar `v`; false when the text needs ICU's dictionaries (`needsDictionary`).
        @inline(__always)
        mutating func feed(_ v: UInt32) -> Bool {
            let isWordCharacter: Bool
            if v < 0x80 {
                let b = UInt8(v)
                isWordCharacter = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
            } else if v < ScalarFlags.limit {
                isWordCharacter = flags[Int(v)] != 0
            } else if v >= ScalarFlags.punctuationStart && v < ScalarFlags.punctuationEnd {
                isWordCharacter = punctuation[Int(v - ScalarFlags.punctuationStart)] != 0
            } else {
                if needsDictionary(v) { return false }
                let properties = Unicode.Scalar(v)!.properties
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
            return true
        }
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

    /// User-perceived characters (grapheme clusters) in `string`. Text whose every scalar
    /// is a grapheme of its own (`simpleCharacters`) is counted from its bytes — one
    /// character per scalar, but CR LF is one — without grapheme breaking; any other text by
    /// `String.count`. ASCII alone was not enough: a single curly quote or dash sent a page
    /// to grapheme breaking (0.6% of a whole run).
    public static func characters(_ string: String) -> Int {
        let simple = string.utf8.withContiguousStorageIfAvailable { simpleCharacters(utf8: $0) }
        if let simple, let count = simple { return count }
        return string.count
    }

    /// Characters of valid UTF-8 `bytes` when each scalar is one: ASCII, U+0080–U+02FF
    /// (Latin letters and signs; combining marks start at U+0300), U+2010–U+2027 and
    /// U+2030–U+205E (dashes, quotes, bullets, ellipsis, primes) and U+20A0–U+20C0
    /// (currency). Their grapheme break property is Other or Control, so UAX #29 breaks on
    /// both sides of each (no Extend, SpacingMark, Prepend, ZWJ, regional indicator or
    /// Hangul jamo among them), CR LF aside. Nil for any other scalar.
    static func simpleCharacters(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0
        var previous: UInt8 = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte < 0x80 {
                if byte != 0x0A || previous != 0x0D { count += 1 }
                previous = byte
                i += 1
                continue
            }
            if byte < 0xCC {
                // Lead bytes C2–CB: U+0080–U+02FF.
                i += 2
            } else if byte == 0xE2 {
                let v = 0x2000 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                guard (v >= 0x2010 && v < 0x2028) || (v >= 0x2030 && v < 0x205F) || (v >= 0x20A0 && v <= 0x20C0) else { return nil }
                i += 3
            } else {
                return nil
            }
            count += 1
            previous = byte
        }
        return count
    }
}
