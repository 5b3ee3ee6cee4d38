import Foundation

/// Turns raw DOM text into what a reader sees: whitespace runs collapsed to one space,
/// soft hyphens and zero-width characters removed, non-breaking spaces made plain, and the
/// result in Unicode NFC so equal texts compare and hash equal.
public enum TextCleaner {
    /// Characters that render as nothing and only break words apart for search and hashing.
    static let invisibleScalars: Set<UInt32> = [
        0x00AD,  // soft hyphen
        0x200B, 0x200C, 0x200D,  // zero-width space / non-joiner / joiner
        0x2060,  // word joiner
        0xFEFF,  // zero-width no-break space (BOM)
        0x200E, 0x200F,  // directional marks
    ]

    /// Collapses whitespace and removes invisible characters; trims both ends.
    public static func clean(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var mayNeedNormalization = false
        for scalar in raw.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D || value == 0x0C || value == 0x0B {
                    pendingSpace = true
                    continue
                }
                if value < 0x20 || value == 0x7F { continue }  // control characters
            } else {
                if invisibleScalars.contains(value) { continue }
                if scalar.properties.isWhitespace {
                    pendingSpace = true
                    continue
                }
                if value >= 0x80 && value < 0xA0 { continue }  // C1 controls
                if !isNFCStable(value) { mayNeedNormalization = true }
            }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        let string = String(out)
        return mayNeedNormalization ? string.precomposedStringWithCanonicalMapping : string
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
