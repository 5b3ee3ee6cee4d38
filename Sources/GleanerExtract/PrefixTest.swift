/// `String.hasPrefix` for the rule-list loops (block labels, discussion headings, byline
/// prefixes), answered from UTF-8 bytes whenever the bytes settle it.
///
/// The stdlib compares bytes only when both strings are flagged NFC, which in practice
/// means ASCII; a non-ASCII text (any page in German, French, Russian…) or a non-ASCII rule
/// entry sends every test through `Sequence.starts(with:)` over `Character`s, with a
/// grapheme break and a retain per character (~800 instructions a test, 1.4% of a run).
///
/// Why bytes can decide: `hasPrefix` compares `Character`s by canonical equivalence. An
/// ASCII character is equivalent only to itself and, for `K`, `;` and `` ` ``, to the
/// singletons U+212A, U+037E and U+1FEF; no other non-ASCII character or sequence
/// normalises to ASCII (checked against the Unicode data). Between two ASCII bytes there is
/// always a grapheme break except CR LF, and nothing extends an ASCII character but a
/// non-ASCII scalar. Every case these facts do not settle goes to the stdlib.
enum PrefixTest {
    /// Exactly `text.hasPrefix(prefix)`.
    @inline(__always)
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        let decided = prefix.utf8.withContiguousStorageIfAvailable { p -> Bool? in
            text.utf8.withContiguousStorageIfAvailable { t in decide(t, p) } ?? nil
        } ?? nil
        return decided ?? text.hasPrefix(prefix)
    }

    /// True when any of `prefixes` is a prefix of `text` (`contains(where: hasPrefix)`).
    static func hasAnyPrefix(_ text: String, _ prefixes: [String]) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { t -> Bool in
            for prefix in prefixes {
                let decided = prefix.utf8.withContiguousStorageIfAvailable { p in decide(t, p) } ?? nil
                if decided ?? text.hasPrefix(prefix) { return true }
            }
            return false
        }
        if let found { return found }
        return prefixes.contains { text.hasPrefix($0) }
    }

    /// The answer when the bytes settle it, nil otherwise.
    static func decide(_ t: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !p.isEmpty else { return nil }
        if !isASCII(p) {
            // A non-ASCII prefix can start an ASCII text only through the three singletons.
            guard isASCII(t), !containsASCIISingleton(p) else { return nil }
            return false
        }
        // Every character of an ASCII prefix needs at least one byte of the text.
        guard t.count >= p.count else { return false }
        for j in 0..<p.count where t[j] != p[j] {
            // An ASCII text byte starts its own character (or ends a CR LF whose CR the
            // prefix has alone): that character differs. A non-ASCII scalar there either
            // extends the text's character before it (which then holds a non-ASCII scalar:
            // no ASCII character equals it) or starts one that only a singleton can make
            // equal to the prefix's ASCII character.
            return t[j] < 0x80 || !startsASCIISingleton(t, at: j) ? false : nil
        }
        if t.count == p.count { return true }
        let next = t[p.count]
        // A non-ASCII scalar may extend the prefix's last character (a combining mark).
        guard next < 0x80, !(next == 0x0A && p[p.count - 1] == 0x0D) else { return nil }
        return true
    }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Contains U+037E (CD BE), U+1FEF (E1 BF AF) or U+212A (E2 84 AA).
    private static func containsASCIISingleton(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in bytes.indices where startsASCIISingleton(bytes, at: i) { return true }
        return false
    }

    /// One of the three singletons starts at byte `i`.
    @inline(__always)
    private static func startsASCIISingleton(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let n = bytes.count
        switch bytes[i] {
        case 0xCD: return i + 1 < n && bytes[i + 1] == 0xBE
        case 0xE1: return i + 2 < n && bytes[i + 1] == 0xBF && bytes[i + 2] == 0xAF
        case 0xE2: return i + 2 < n && bytes[i + 1] == 0x84 && bytes[i + 2] == 0xAA
        default: return false
        }
    }
}
