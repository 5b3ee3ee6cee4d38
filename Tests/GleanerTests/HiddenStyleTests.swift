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
