@testable import GleanerModel
import Testing

/// The byte-level fast paths of `UnicodeWords` give what the scalar walk and `String.count`
/// give: the JSON line's `word_count` and `char_count` must not move.
@Suite struct UnicodeWordsTests {
    /// Scalars of every UTF-8 length, word characters, joiners, marks and spaces.
    static let alphabet: [Unicode.Scalar] = [
        "a", "Z", "0", "_", " ", "\n", "\r", ".", ",", "'", ":", "-", "é", "ß", "\u{00A0}", "\u{00AD}", "\u{0301}",
        "ж", "ω", "א", "ب", "\u{0903}", "अ", "\u{2019}", "\u{2014}", "\u{2026}", "\u{20AC}", "\u{200D}", "\u{1F600}",
        "\u{1F1E9}", "\u{10400}", "ᄀ", "\u{FE0F}",
    ]

    /// Deterministic pseudo-random strings over `alphabet`.
    static func samples(count: Int, from alphabet: [Unicode.Scalar]) -> [String] {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        return (0..<count).map { _ in
            var string = ""
            for _ in 0..<(next() % 24) { string.unicodeScalars.append(alphabet[next() % alphabet.count]) }
            return string
        }
    }

    @Test func wordCountOverBytesMatchesTheScalarWalk() {
        for string in Self.samples(count: 4000, from: Self.alphabet) {
            var state = UnicodeWords.WordState()
            var needsICU = false
            for scalar in string.unicodeScalars where !state.feed(scalar.value) { needsICU = true; break }
            var copy = string
            let counted = copy.withUTF8 { UnicodeWords.count(utf8: $0) }
            #expect(counted == (needsICU ? nil : state.count), "\(string.unicodeScalars.map { $0.value })")
        }
        #expect(UnicodeWords.count("Hello, world — it's 3.5 degrees.") == 5)
    }

    @Test func simpleCharactersMatchGraphemeBreaking() {
        var simple: [Unicode.Scalar] = ["\r", "\n", "\u{0}", "\u{7F}", "\u{85}", "\u{AD}", "é", "\u{2FF}"]
        for v in UInt32(0x2010)..<0x2028 { simple.append(Unicode.Scalar(v)!) }
        for v in UInt32(0x2030)..<0x205F { simple.append(Unicode.Scalar(v)!) }
        for v in UInt32(0x20A0)...0x20C0 { simple.append(Unicode.Scalar(v)!) }
        for v in UInt32(0x80)..<0x300 { simple.append(Unicode.Scalar(v)!) }
        for v in UInt32(0)..<0x80 { simple.append(Unicode.Scalar(v)!) }
        for string in Self.samples(count: 4000, from: simple) {
            var copy = string
            #expect(copy.withUTF8 { UnicodeWords.simpleCharacters(utf8: $0) } == string.count)
        }
        // Pairs: every scalar of the fast path next to every other one it could join.
        for a in simple {
            for b: Unicode.Scalar in ["a", "\r", "\n", "\u{2014}", a] {
                var string = ""
                string.unicodeScalars.append(contentsOf: [a, b, a])
                var copy = string
                #expect(copy.withUTF8 { UnicodeWords.simpleCharacters(utf8: $0) } == string.count)
            }
        }
        // Anything else goes to grapheme breaking, and the result is still `String.count`.
        for string in Self.samples(count: 2000, from: Self.alphabet) {
            #expect(UnicodeWords.characters(string) == string.count)
        }
        #expect(UnicodeWords.characters("e\u{301}") == 1)
        #expect(UnicodeWords.characters("a\r\nb") == 3)
    }
}
