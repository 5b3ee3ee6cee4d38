/// Unicode properties of the scalars below U+0800 (Latin, Greek, Cyrillic, Armenian, Hebrew,
/// Arabic, …) in one table, computed once from `Unicode.Scalar.Properties`.
///
/// Word counting asks `isAlphabetic` (and `numericType`, the general category) of every
/// non-ASCII scalar of a page's text; each question is a lookup in the stdlib's Unicode
/// tables (2% of a whole `gleaner extract` run on pages with accented text). The answers are
/// the same: only where they come from changes.
public enum ScalarFlags {
    public static let alphabetic: UInt8 = 1
    public static let numeric: UInt8 = 2
    /// General category Mn or Mc.
    public static let mark: UInt8 = 4

    /// Scalars below this value are in `table`.
    public static let limit: UInt32 = 0x800

    /// `table[v]`: the flags of scalar `v` (0 for surrogates, which are no scalars).
    public static let table: [UInt8] = (0..<limit).map(flags)

    /// The General Punctuation block (dashes, curly quotes, ellipsis, …): news text has one
    /// every few words, and each sent the word count to the stdlib's property tables.
    public static let punctuationStart: UInt32 = 0x2000
    public static let punctuationEnd: UInt32 = 0x2070

    /// `punctuation[v - punctuationStart]`: the flags of scalar `v` in that block.
    public static let punctuation: [UInt8] = (punctuationStart..<punctuationEnd).map(flags)

    /// The flags of scalar value `value` from the stdlib's properties (0 for a surrogate):
    /// what both tables hold.
    static func flags(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        let properties = scalar.properties
        var flags: UInt8 = 0
        if properties.isAlphabetic { flags |= alphabetic }
        if properties.numericType != nil { flags |= numeric }
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark { flags |= mark }
        return flags
    }
}
