import Testing
import GleanerHTML

@Suite struct CharsetDetectorTests {
    static func valid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { CharsetDetector.isValidUTF8($0) }
    }

    @Test func validationCatchesBadBytesAfterLongASCIIRuns() {
        let ascii = Array(String(repeating: "<p>plain ascii</p>", count: 5).utf8)
        #expect(Self.valid(ascii + Array("Grüße €".utf8) + ascii))
        #expect(!Self.valid(ascii + [0xE9] + ascii))  // latin-1 é
        #expect(!Self.valid(ascii + [0xC3]))  // cut sequence at the end
        #expect(!Self.valid(ascii + [0xE0, 0x80, 0x80]))  // overlong
        #expect(!Self.valid(ascii + [0xED, 0xA0, 0x80]))  // surrogate
    }

    @Test func detectionOrder() {
        func detect(_ text: [UInt8], declared: String? = nil) -> CharsetDetector.Decision {
            text.withUnsafeBytes { CharsetDetector.detect($0, declared: declared) }
        }
        let meta = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head>".utf8)
        #expect(detect([0xEF, 0xBB, 0xBF] + meta).evidence == .byteOrderMark)
        #expect(detect(meta, declared: "utf-8").charset == "UTF-8")
        #expect(detect(meta).charset == "windows-1252")
        #expect(detect(meta).evidence == .meta)
        #expect(detect(Array("<p>Grüße</p>".utf8)).evidence == .utf8Validity)
        #expect(detect([0x3C, 0x70, 0x3E, 0xFC, 0x3C]).charset == "windows-1252")
    }
}
