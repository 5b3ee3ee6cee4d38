import CTextShim
import GleanerModel

/// Detects the language of a text with CLD2 (Compact Language Detector 2, what Common Crawl
/// annotates its pages with), and chooses a record's `language` from what the page declares
/// and what its text is.
///
/// Pages declare what their CMS template says: `lang="de"` on an English wire story, `en-US`
/// on every page of a multilingual site, or nothing (21 of 181 scrapinghub pages). The text
/// does not lie, but a detector needs enough of it. Rule (`Rules/language.json`):
/// - nothing declared → the detected language, if its confidence ≥ `undeclaredConfidence`;
/// - declared and detected share the primary subtag → the declared tag (it keeps the region,
///   `de-CH`, and the script, `zh-Hans`);
/// - they disagree → the detected language only when CLD2 calls it reliable, its confidence
///   ≥ `overrideConfidence` and the body has ≥ `minimumTextBytes` UTF-8 bytes; else the declared tag.
public enum LanguageDetector {
    struct Rules: Decodable {
        var sources: String
        var maximumSampleBytes: Int
        var minimumTextBytes: Int
        var overrideConfidence: Double
        var undeclaredConfidence: Double
        var codeAliases: [String: String]
    }

    static let rules: Rules = RuleFile.decode(PackageResources.language_json, as: Rules.self, name: "language.json")

    /// The language of `text` (valid UTF-8 plain text), or nil when CLD2 reads none. Only the
    /// first `maximumSampleBytes` are read: more text does not change the verdict.
    public static func detect(_ text: String) -> DetectedLanguage? {
        let limit = rules.maximumSampleBytes
        // Copied from the string's own bytes in one go: the generic copy of `utf8.prefix`
        // went byte by byte (0.45% of a run).
        var utf8 = text.utf8.withContiguousStorageIfAvailable { Array($0.prefix(limit)) } ?? Array(text.utf8.prefix(limit))
        // Cut at a scalar boundary: drop trailing continuation bytes and their lead byte.
        if utf8.count == limit {
            while let last = utf8.last, last & 0xC0 == 0x80 { utf8.removeLast() }
            if let last = utf8.last, last >= 0xC0 { utf8.removeLast() }
        }
        guard !utf8.isEmpty else { return nil }
        var code = [CChar](repeating: 0, count: 16)
        var reliable: Int32 = 0
        let percent = utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                gleaner_detect_language(chars.baseAddress, chars.count, &code, code.count, &reliable)
            }
        }
        guard percent >= 0 else { return nil }
        let raw = String(decoding: code.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !raw.isEmpty, raw != "un", raw != "xx" else { return nil }
        let name = rules.codeAliases[raw] ?? raw
        let share = Double(percent) / 100
        return DetectedLanguage(code: name, confidence: reliable != 0 ? share : share / 2, reliable: reliable != 0)
    }

    /// The record's `language` from the declared tag and the detection (rule above).
    public static func choose(declared: String?, detected: DetectedLanguage?, textBytes: Int) -> String? {
        guard let detected else { return declared }
        guard let declared else {
            return detected.confidence >= rules.undeclaredConfidence ? detected.code : nil
        }
        if primary(declared) == primary(detected.code) { return declared }
        if detected.reliable, detected.confidence >= rules.overrideConfidence,
            textBytes >= rules.minimumTextBytes
        {
            return detected.code
        }
        return declared
    }

    /// The primary language subtag, lower-cased (`de-CH` → `de`).
    static func primary(_ tag: String) -> String {
        String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
    }
}
