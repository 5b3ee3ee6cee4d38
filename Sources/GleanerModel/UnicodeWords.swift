import CTextShim

/// Word counts by Unicode word boundaries (UAX #29, ICU's break iterator with its
/// dictionaries for Chinese, Japanese and Thai), not by spaces: a Japanese article of
/// 1,000 characters has a few spaces but hundreds of words, and `min_words` must work for it.
///
/// ICU is reached through the opaque `CTextShim` header, so this module never sees ICU's
/// headers (which clash with Foundation's own ICU).
public enum UnicodeWords {
    /// Words in `string`: segments that hold a letter, digit or ideograph; punctuation and
    /// spaces are not words. Falls back to counting space-separated runs if ICU fails.
    public static func count(_ string: String) -> Int {
        if string.isEmpty { return 0 }
        var copy = string
        let result = copy.withUTF8 { buffer -> Int in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                Int(gleaner_count_words(chars.baseAddress, chars.count))
            }
        }
        return result >= 0 ? result : Article.countSpaceSeparated(string)
    }

    /// User-perceived characters (grapheme clusters) in `string`.
    public static func characters(_ string: String) -> Int { string.count }
}
