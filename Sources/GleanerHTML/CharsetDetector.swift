#if canImport(Glibc)
import Glibc
#endif
import GleanerModel

/// Decides which character encoding a page's bytes are in: byte-order mark, the charset
/// passed in (HTTP `Content-Type`), `<meta charset>` or `http-equiv`, UTF-8 validity, and
/// windows-1252 as the last resort — but a declaration the bytes contradict loses.
///
/// Why: pages saved by a browser are re-encoded to UTF-8 yet keep `<meta charset=gb2312>`
/// (or Shift_JIS, windows-1251…), and servers send `charset=utf-8` for windows-1252 bytes.
/// Valid multi-byte UTF-8 is strong evidence (legacy-encoded text is almost never valid
/// UTF-8 by chance), and UTF-8 that is mostly invalid is strong evidence against a UTF-8
/// declaration. The same function serves `extract`, `scrape` and WARC records.
public enum CharsetDetector {
    /// How the decision was made, so tests and diagnostics can tell.
    public enum Evidence: String, Sendable {
        case byteOrderMark
        case transport
        case meta
        case utf8Validity
        case nullBytePattern
        case fallback
    }

    /// The charset to decode with, why it was chosen, and the byte-order-mark bytes to skip.
    public struct Decision: Sendable, Equatable {
        /// A label libxml2/iconv understands, e.g. `UTF-8`, `windows-1252`, `UTF-16LE`.
        public var charset: String
        public var evidence: Evidence
        /// Bytes at the start to skip (a byte-order mark).
        public var skipBytes: Int
    }

    /// How far into the document `<meta>` declarations are looked for (the HTML standard's
    /// prescan reads 1024 bytes; real pages put them later, behind long `<head>`s).
    static let metaScanLimit = 8192

    public static func detect(_ bytes: UnsafeRawBufferPointer, declared: String?) -> Decision {
        var validUTF8: Bool?
        return detect(bytes, declared: declared, validUTF8: &validUTF8)
    }

    /// `detect`, and whether `bytes` are valid UTF-8 (`isValidUTF8`) where the decision
    /// already found out, nil where it did not look (a byte-order mark, UTF-16): a page
    /// declared UTF-8 was validated a second time by `ArticleExtractor.parse` (1.3% of a
    /// whole `gleaner extract` run).
    public static func detectCheckingUTF8(_ bytes: UnsafeRawBufferPointer, declared: String?) -> (decision: Decision, validUTF8: Bool?) {
        var validUTF8: Bool?
        let decision = detect(bytes, declared: declared, validUTF8: &validUTF8)
        return (decision, validUTF8)
    }

    private static func detect(_ bytes: UnsafeRawBufferPointer, declared: String?, validUTF8: inout Bool?) -> Decision {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return Decision(charset: "UTF-8", evidence: .byteOrderMark, skipBytes: 3)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return Decision(charset: "UTF-16LE", evidence: .byteOrderMark, skipBytes: 2)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return Decision(charset: "UTF-16BE", evidence: .byteOrderMark, skipBytes: 2)
        }
        if let utf16 = utf16WithoutBOM(bytes) {
            // NUL bytes at every other position: no ASCII-compatible declaration can be right.
            if let declared, let label = canonicalLabel(declared), label.hasPrefix("UTF-16") {
                return Decision(charset: label, evidence: .transport, skipBytes: 0)
            }
            return Decision(charset: utf16, evidence: .nullBytePattern, skipBytes: 0)
        }
        let profile = UTF8Profile(bytes)
        // `UTF8Profile` and `isValidUTF8` apply the same rules: no invalid byte means valid.
        validUTF8 = profile.invalid == 0
        var declarations: [(label: String, evidence: Evidence)] = []
        if let declared, let label = canonicalLabel(declared) { declarations.append((label, .transport)) }
        if let meta = metaCharset(bytes), let label = canonicalLabel(meta), !label.hasPrefix("UTF-16") {
            // A page that claims UTF-16 in an ASCII-compatible meta tag cannot be UTF-16.
            declarations.append((label, .meta))
        }
        for (label, evidence) in declarations {
            if label == "UTF-8" {
                // Invalid UTF-8 under a UTF-8 declaration: believe the declaration only when
                // the valid multi-byte sequences outweigh the broken ones (a few damaged bytes
                // in a UTF-8 page are repaired later, with U+FFFD).
                if profile.invalid == 0 || profile.multiByte >= 4 * profile.invalid {
                    return Decision(charset: label, evidence: evidence, skipBytes: 0)
                }
                continue
            }
            if profile.isUTF8Evidence {
                // Valid multi-byte UTF-8 under a legacy declaration: the bytes win.
                return Decision(charset: "UTF-8", evidence: .utf8Validity, skipBytes: 0)
            }
            return Decision(charset: label, evidence: evidence, skipBytes: 0)
        }
        if profile.invalid == 0 {
            return Decision(charset: "UTF-8", evidence: .utf8Validity, skipBytes: 0)
        }
        return Decision(charset: "windows-1252", evidence: .fallback, skipBytes: 0)
    }

    /// Counts of well-formed multi-byte UTF-8 sequences and of bytes that break UTF-8.
    struct UTF8Profile {
        var multiByte = 0
        var invalid = 0

        /// Valid UTF-8 with at least one non-ASCII character: a legacy encoding's text is
        /// practically never valid UTF-8 by chance.
        var isUTF8Evidence: Bool { invalid == 0 && multiByte > 0 }

        init(_ bytes: UnsafeRawBufferPointer) {
            var i = 0
            let n = bytes.count
            while i < n {
                while i + 8 <= n, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                guard i < n else { break }
                let length = CharsetDetector.sequenceLength(bytes, at: i)
                if length == 0 {
                    invalid += 1
                    i += 1
                } else {
                    if length > 1 { multiByte += 1 }
                    i += length
                }
            }
        }
    }

    /// Length of the well-formed UTF-8 sequence at `i` (1 for ASCII), or 0 when the byte
    /// there does not start one (no overlongs, no surrogates, nothing above U+10FFFF).
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 { return 1 }
        var need = 0
        var minimum: UInt32 = 0
        var scalar: UInt32 = 0
        if b & 0xE0 == 0xC0 { need = 1; minimum = 0x80; scalar = UInt32(b & 0x1F) }
        else if b & 0xF0 == 0xE0 { need = 2; minimum = 0x800; scalar = UInt32(b & 0x0F) }
        else if b & 0xF8 == 0xF0 { need = 3; minimum = 0x10000; scalar = UInt32(b & 0x07) }
        else { return 0 }
        if i + need >= bytes.count { return 0 }
        for k in 1...need {
            let c = bytes[i + k]
            if c & 0xC0 != 0x80 { return 0 }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return 0 }
        return need + 1
    }

    /// Maps a charset label to the name handed to libxml2, following the WHATWG Encoding
    /// standard where it differs from IANA (latin-1 and ASCII labels mean windows-1252).
    public static func canonicalLabel(_ raw: String) -> String? {
        var label = raw.trimmedWhitespace().lowercased()
        if label.hasPrefix("\"") || label.hasPrefix("'") { label.removeFirst() }
        if label.hasSuffix("\"") || label.hasSuffix("'") { label.removeLast() }
        guard !label.isEmpty, label.count < 40 else { return nil }
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
            "windows-1252", "cp1252", "x-cp1252", "iso_8859-1", "ansi_x3.4-1968", "cp819":
            return "windows-1252"
        case "utf-16", "utf-16le", "unicode", "ucs-2":
            return "UTF-16LE"
        case "utf-16be":
            return "UTF-16BE"
        case "shift_jis", "sjis", "x-sjis", "ms_kanji", "windows-31j":
            return "SHIFT_JIS"
        case "gb2312", "gbk", "x-gbk", "chinese":
            return "GBK"
        case "iso-8859-15", "latin9", "l9":
            return "ISO-8859-15"
        default:
            let allowed = label.unicodeScalars.allSatisfy {
                ($0.value >= 0x61 && $0.value <= 0x7A) || ($0.value >= 0x30 && $0.value <= 0x39)
                    || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "."
            }
            return allowed ? label.uppercased() : nil
        }
    }

    /// Finds `charset=` inside a `<meta>` tag within the first `metaScanLimit` bytes.
    static func metaCharset(_ bytes: UnsafeRawBufferPointer) -> String? {
        let limit = min(bytes.count, metaScanLimit)
        guard limit > 0, let base = bytes.baseAddress else { return nil }
        var i = 0
        while i + 5 < limit {
            // The next '<' by memchr, and a String only for a meta tag that names a charset:
            // a news page has dozens of `<meta property=…>` tags before (or without) one, and
            // the byte loop with a lower-cased String per tag was 0.6% of a whole run.
            guard let found = memchr(base + i, 0x3C, limit - i) else { return nil }
            i = base.distance(to: UnsafeRawPointer(found))
            guard i + 5 < limit else { return nil }
            if bytes[i + 1].asciiLowercased == UInt8(ascii: "m"),
                bytes[i + 2].asciiLowercased == UInt8(ascii: "e"), bytes[i + 3].asciiLowercased == UInt8(ascii: "t"),
                bytes[i + 4].asciiLowercased == UInt8(ascii: "a")
            {
                let end = memchr(base + i + 5, 0x3E, limit - i - 5).map { base.distance(to: UnsafeRawPointer($0)) } ?? limit
                let tagBytes = UnsafeRawBufferPointer(rebasing: bytes[i..<end])
                // Unicode lower-casing turns no other character into one of "charset"'s letters.
                if containsCharsetWord(tagBytes) {
                    let tag = String(decoding: tagBytes, as: UTF8.self).lowercased()
                    if let value = charsetValue(inMetaTag: tag) { return value }
                }
                i = end
            }
            i += 1
        }
        return nil
    }

    /// `charset` in any ASCII case.
    static func containsCharsetWord(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let word: StaticString = "charset"
        let n = word.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        let letters = word.utf8Start
        for start in 0...(bytes.count - n) where bytes[start] | 0x20 == letters[0] {
            var k = 1
            while k < n, bytes[start + k] | 0x20 == letters[k] { k += 1 }
            if k == n { return true }
        }
        return false
    }

    /// The value after `charset=` in a lower-cased `<meta …>` tag (covers both
    /// `<meta charset=x>` and `content="text/html; charset=x"`).
    static func charsetValue(inMetaTag tag: String) -> String? {
        let chars = Array(tag.utf8)
        let needle = Array("charset".utf8)
        guard chars.count >= needle.count else { return nil }
        var start = 0
        while start + needle.count <= chars.count {
            // Compared in place: an array per position was 1% of a whole `gleaner extract` run.
            if chars[start] == needle[0], chars[start..<start + needle.count].elementsEqual(needle) {
                var j = start + needle.count
                while j < chars.count, chars[j] == 0x20 { j += 1 }
                if j < chars.count, chars[j] == UInt8(ascii: "=") {
                    j += 1
                    let skip: Set<UInt8> = [0x20, UInt8(ascii: "\""), UInt8(ascii: "'")]
                    while j < chars.count, skip.contains(chars[j]) { j += 1 }
                    let stop: Set<UInt8> = [0x20, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: ">")]
                    var k = j
                    while k < chars.count, !stop.contains(chars[k]) { k += 1 }
                    if k > j { return String(decoding: chars[j..<k], as: UTF8.self) }
                }
            }
            start += 1
        }
        return nil
    }

    /// UTF-16 without a BOM shows as NUL bytes at every other position of ASCII markup.
    static func utf16WithoutBOM(_ bytes: UnsafeRawBufferPointer) -> String? {
        let n = min(bytes.count, 512) & ~1
        guard n >= 8 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for i in stride(from: 0, to: n, by: 2) {
            if bytes[i] == 0 { evenZeros += 1 }
            if bytes[i + 1] == 0 { oddZeros += 1 }
        }
        let half = n / 2
        if oddZeros * 10 > half * 7 && evenZeros * 10 < half { return "UTF-16LE" }
        if evenZeros * 10 > half * 7 && oddZeros * 10 < half { return "UTF-16BE" }
        return nil
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF).
    public static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            // ASCII fast path, eight bytes at a time (markup is mostly ASCII).
            while i + 8 <= n, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var minimum: UInt32 = 0
            var scalar: UInt32 = 0
            if b & 0xE0 == 0xC0 { need = 1; minimum = 0x80; scalar = UInt32(b & 0x1F) }
            else if b & 0xF0 == 0xE0 { need = 2; minimum = 0x800; scalar = UInt32(b & 0x0F) }
            else if b & 0xF8 == 0xF0 { need = 3; minimum = 0x10000; scalar = UInt32(b & 0x07) }
            else { return false }
            if i + need >= n { return false }
            for k in 1...need {
                let c = bytes[i + k]
                if c & 0xC0 != 0x80 { return false }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return false }
            i += need + 1
        }
        return true
    }
}
