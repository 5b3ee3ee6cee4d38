import Foundation
import Gleaner
@testable import GleanerHTML
import GleanerTestSupport
import Testing

/// Every page has a parse budget (`ParseLimits`): hostile pages fail fast with
/// `too_complex` or `timeout`, or lose only what is past a limit; the batch goes on.
@Suite struct ParseBudgetTests {
    func result(_ html: String, limits: ParseLimits = .default) -> ExtractionResult {
        ArticleExtractor(limits: limits).result(html: Array(html.utf8), source: "t.html")
    }

    func code(_ result: ExtractionResult) -> String? {
        if case .failure(let error) = result { return error.code }
        return nil
    }

    @Test func hundredThousandAttributesParseInUnderTwoSecondsKeepingTheLimit() throws {
        let attributes = (0..<100_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
        let html = "<html><body><article \(attributes)><h1>Title</h1><p>\(String(repeating: "Some words of text. ", count: 20))</p></article></body></html>"
        let dir = try TemporaryDirectory()
        let path = try dir.write("attributes.html", html)
        let run = try GleanerBinary.run(["extract", path])
        #expect(run.seconds < 2)
        #expect(run.records.count == 1)
        #expect(run.records.first?.errorCode == nil)
        let tree = try Array(html.utf8).withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8") }
        let article = tree.nodes.first { $0.name == "article" }
        #expect(article?.attributes.count == ParseLimits.default.maximumAttributesPerElement)
        #expect(article?.attributes.last?.name == "a\(ParseLimits.default.maximumAttributesPerElement - 1)")
    }

    @Test func attributePreScanLeavesOrdinaryTagsAlone() {
        let html = Array("<p class=a id='b' data-x=\"<c>\" hidden><script>if (a<b && c) {}</script><!-- <x a b c d> -->".utf8)
        #expect(html.withUnsafeBytes { AttributeLimiter.limited($0, maximum: 4) } == nil)
        let limited = Array("<p a=1 b='2' c d=\"4\">x</p>".utf8).withUnsafeBytes { AttributeLimiter.limited($0, maximum: 2) }
        #expect(limited.map { String(decoding: $0, as: UTF8.self) } == "<p a=1 b='2' >x</p>")
    }

    @Test func deepNestingAndTooManyElementsAreTooComplex() {
        let deep = "<html><body>" + String(repeating: "<div>", count: 25_000) + "x</body></html>"
        #expect(code(result(deep)) == "too_complex")
        let many = "<html><body>" + String(repeating: "<i>a</i>", count: 2_000) + "</body></html>"
        #expect(code(result(many, limits: ParseLimits(maximumElements: 1_000))) == "too_complex")
        #expect(code(result(many)) == nil)
    }

    @Test func cpuBudgetStopsTheParserWithTimeout() {
        let page = "<html><body>" + String(repeating: "<p>Some text in a paragraph.</p>", count: 20_000) + "</body></html>"
        #expect(code(result(page, limits: ParseLimits(maximumParseSeconds: 0, checkInterval: 1))) == "timeout")
        #expect(code(result(page)) == nil)
    }

    @Test func textPastThePerNodeLimitIsCutAtACharacterBoundary() throws {
        let html = "<html><body><p>" + String(repeating: "é", count: 1_000) + "</p></body></html>"
        let tree = try Array(html.utf8).withUnsafeBytes {
            try HTMLParser.parse($0, charset: "UTF-8", limits: ParseLimits(maximumTextBytesPerNode: 101))
        }
        let text = tree.nodes.first { $0.kind == .text }?.text ?? ""
        #expect(text == String(repeating: "é", count: 50))
    }

    @Test func tagNamesAreIdentifiedByTheirBytes() throws {
        let html = "<HTML><BODY><Div id=a><div id=b><DIV id=c></DIV></div></Div></BODY></HTML>"
        let tree = try Array(html.utf8).withUnsafeBytes { try HTMLParser.parse($0, charset: "UTF-8") }
        let divs = tree.nodes.filter { $0.name == "div" }
        #expect(divs.count == 3)
        #expect(Set(divs.map(\.nameID)).count == 1)
    }
}
