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
        var nonASCII = false
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
                nonASCII = true
            }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        let string = String(out)
        return nonASCII ? string.precomposedStringWithCanonicalMapping : string
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
