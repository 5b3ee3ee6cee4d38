@testable import GleanerExtract
import GleanerModel
import Testing

/// `PageAnalysis.asciiStyleHides` (in place, ASCII) decides what lower-casing and filtering a
/// copy of the style value decided.
@Suite struct HiddenStyleTests {
    static func reference(_ value: String) -> Bool {
        let style = value.lowercased().filter { $0 != " " }
        return style.containsUTF8("display:none") || style.containsUTF8("visibility:hidden")
    }

    @Test(arguments: [
        "display:none", "DISPLAY: NONE", "color:red; display : none ;", "display:nonE", "display:block",
        "visibility:hidden", "Visibility : Hidden", "visibility:visible", "displaynone", "display:non", "d isplay:none",
        "", " ", "display:\tnone", "display:\nnone", "x display:none", "display:none:", "ddisplay:none", "display:nodisplay:none",
        "visibility:hiddedisplay:none", "dd", "d", "margin:0", "display:\r\nnone",
    ])
    func asciiStylesDecideAsBefore(_ value: String) {
        #expect(PageAnalysis.asciiStyleHides(value) == Self.reference(value))
    }

    @Test func nonASCIIStylesTakeTheOldPath() {
        #expect(PageAnalysis.asciiStyleHides("font-family:Café; display:none") == nil)
    }
}

/// `String.lowercasedNewsText` gives what `lowercased()` gives.
@Suite struct NewsTextLowercasingTests {
    @Test func generalPunctuationHasNoCase() {
        for v in UInt32(0x2000)..<0x2070 {
            let scalar = Unicode.Scalar(v)!
            #expect(scalar.properties.lowercaseMapping == String(scalar), "U+\(String(v, radix: 16))")
        }
    }

    @Test(arguments: [
        "", "ABC def", "It\u{2019}s \u{201C}QUOTED\u{201D} \u{2014} OK\u{2026}", "Caf\u{E9} AU LAIT", "\u{130}STANBUL",
        "\u{2070}\u{2071}X", "E\u{2060}F", "MIXED \u{2018}Text\u{2019} \u{0411}\u{0410}", "trailing \u{E2}",
    ])
    func sameAsLowercased(_ text: String) {
        #expect(text.lowercasedNewsText() == text.lowercased())
    }
}
