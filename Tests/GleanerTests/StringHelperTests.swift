import Testing
import GleanerModel

/// The Foundation-free string helpers extraction uses in its per-element loops must agree
/// with what Foundation's `trimmingCharacters`, `contains`, `caseInsensitiveCompare` and
/// `components(separatedBy:)` returned before them.
@Suite struct StringHelperTests {
    @Test func trimsASCIIAndUnicodeWhiteSpace() {
        #expect(" \t\n Zeitung \r\n".trimmedWhitespace() == "Zeitung")
        #expect("\u{00A0}\u{2009}Café au lait\u{3000}".trimmedWhitespace() == "Café au lait")
        #expect("a b".trimmedWhitespace() == "a b")
        #expect("   ".trimmedWhitespace() == "")
        #expect("".trimmedWhitespace() == "")
        #expect("  inner  space  "[...].trimmedWhitespace() == "inner  space")
    }

    @Test func trimsChosenScalars() {
        #expect("«Von: Jane Doe.»".trimming { $0.isWhiteSpace || $0.isPunctuation } == "Von: Jane Doe")
        #expect(" :: By ".trimming { $0 == " " || $0 == ":" } == "By")
        #expect("...".trimming { $0 == "." } == "")
    }

    @Test func findsUTF8Substrings() {
        #expect("display:none;color:red".containsUTF8("display:none"))
        #expect("https://example.org".containsUTF8("://"))
        #expect(!"displaynone".containsUTF8("display:none"))
        #expect("Grösse".containsUTF8("öss"))
        #expect(!"ab".containsUTF8("abc"))
        #expect("anything".containsUTF8(""))
    }

    @Test func comparesIgnoringCase() {
        #expect("Jane DOE".equalsIgnoringCase("jane doe"))
        #expect("ÄRZTE".equalsIgnoringCase("ärzte"))
        #expect(!"Jane".equalsIgnoringCase("Jan"))
        #expect(!"Jane".equalsIgnoringCase("Jone"))
    }

    @Test func splitsOnSeparatorsKeepingEmptyPieces() {
        #expect("a | b |".splitting(separator: " | ") == ["a", "b |"])
        #expect("Jane Doe • Reporter".splitting(separator: "•") == ["Jane Doe ", " Reporter"])
        #expect(",a,,b,".splitting(separator: ",") == ["", "a", "", "b", ""])
        #expect("no separator".splitting(separator: ";") == ["no separator"])
    }
}
