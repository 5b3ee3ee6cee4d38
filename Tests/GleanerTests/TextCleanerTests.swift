import Testing
import GleanerNormalize

@Suite struct TextCleanerTests {
    @Test func collapsesWhitespaceAndDropsInvisibleCharacters() {
        #expect(TextCleaner.clean("  Zeit\u{00AD}ung \n\t im\u{200B}  Netz\u{00A0}heute ") == "Zeitung im Netz heute")
    }

    @Test func composesDecomposedText() {
        // "e" + COMBINING ACUTE ACCENT becomes "é" (U+00E9).
        let cleaned = TextCleaner.clean("Cafe\u{0301} au lait")
        #expect(Array(cleaned.unicodeScalars).map(\.value).contains(0xE9))
        #expect(!Array(cleaned.unicodeScalars).map(\.value).contains(0x301))
    }

    @Test func leavesPrecomposedPunctuationAlone() {
        #expect(TextCleaner.clean("«Grösse» – 5 € … “quoted”") == "«Grösse» – 5 € … “quoted”")
    }

    @Test func keepsLinesWhenAsked() {
        #expect(TextCleaner.cleanKeepingLines("one  line\n\n\n two\r\nthree ") == "one line\ntwo\nthree")
    }
}

@Suite struct TextCleanerUnicodeTests {
    @Test func everyUnicodeSpaceCollapsesAndControlsVanish() {
        let raw = "a\u{00A0}b\u{2003}c\u{3000}d\u{202F}e\u{0085}f\u{0007}g\u{FEFF}h 😀  i"
        #expect(TextCleaner.clean(raw) == "a b c d e fgh 😀 i")
    }

    @Test func keepsZeroWidthJoinerAndNonJoiner() {
        // Persian "I want" is spelled with a ZWNJ; the technologist emoji is joined by a ZWJ.
        let persian = "می\u{200C}خواهم"
        #expect(TextCleaner.clean(persian) == persian)
        let emoji = "👩\u{200D}💻 at work"
        #expect(TextCleaner.clean(emoji) == emoji)
        #expect(TextCleaner.clean("a\u{200B}b\u{2060}c") == "abc")
    }
}
