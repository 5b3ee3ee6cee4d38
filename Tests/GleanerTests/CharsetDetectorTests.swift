import Foundation
import Testing
import GleanerExtract
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

    static func detect(_ text: [UInt8], declared: String? = nil) -> CharsetDetector.Decision {
        text.withUnsafeBytes { CharsetDetector.detect($0, declared: declared) }
    }

    /// A browser-saved page: re-encoded to UTF-8, its old declaration kept.
    @Test func validMultiByteUTF8BeatsALegacyDeclaration() {
        for label in ["gb2312", "Shift_JIS", "windows-1251", "iso-8859-1", "EUC-KR"] {
            let page = Array("<html><head><meta charset=\"\(label)\"><title>新闻 Новости ニュース</title></head><body><p>北京 Москва 東京</p></body></html>".utf8)
            let meta = Self.detect(page)
            #expect(meta.charset == "UTF-8", "meta \(label)")
            let transport = Self.detect(page, declared: label)
            #expect(transport.charset == "UTF-8", "transport \(label)")
        }
        // Pure ASCII says nothing against the declaration.
        #expect(Self.detect(Array("<meta charset=windows-1251><p>plain</p>".utf8)).charset == "WINDOWS-1251")
    }

    /// A server that says UTF-8 for windows-1252 bytes.
    @Test func invalidUTF8LosesAgainstItsDeclaration() {
        var page = Array("<html><body><p>Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me br".utf8) + [0xFB] + Array("l".utf8)
        page += [0xE9] + Array("e, na".utf8) + [0xEF] + Array("ve</p></body></html>".utf8)
        #expect(Self.detect(page, declared: "utf-8").charset == "windows-1252")
        // ...or to the page's own legacy declaration.
        let gbk: [UInt8] = Array("<meta charset=gb2312><p>".utf8) + [0xB1, 0xB1, 0xBE, 0xA9, 0xD0, 0xC2, 0xCE, 0xC5] + Array("</p>".utf8)
        #expect(Self.detect(gbk, declared: "utf-8").charset == "GBK")
        // A UTF-8 page with one damaged byte stays UTF-8 (repaired with U+FFFD).
        let damaged = Array(String(repeating: "<p>Grüße aus Zürich, schöne Grüße</p>", count: 3).utf8) + [0xE9]
        #expect(Self.detect(damaged, declared: "utf-8").charset == "UTF-8")
    }

    @Test func extractionDecodesWhatTheBytesSay() throws {
        let saved = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><p>Москва — столица России, крупнейший по численности населения город страны и её политический центр.</p></body></html>".utf8)
        let article = try ArticleExtractor().extract(html: saved, source: "t")
        #expect(article.text.contains("Москва — столица России"))
        let latin: [UInt8] = Array("<html><body><p>Le caf".utf8) + [0xE9] + Array(" de la gare est ouvert toute la journ".utf8) + [0xE9] + Array("e, m".utf8) + [0xEA] + Array("me le dimanche, pour les voyageurs press".utf8) + [0xE9, 0x73] + Array(".</p></body></html>".utf8)
        let served = try ArticleExtractor().extract(html: latin, source: "t", charset: "utf-8")
        #expect(served.text.contains("Le café de la gare est ouvert toute la journée, même le dimanche"))
    }
}
