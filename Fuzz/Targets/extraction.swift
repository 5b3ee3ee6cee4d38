// Fuzz target: extraction from bytes (charset detection, the parse budget, libxml2's SAX
// parse, every extractor). Any crash, sanitizer report or slow input is a finding.
import GleanerExtract

let extractor = ArticleExtractor()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtraction(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = extractor.result(html: Array(bytes), url: "https://example.org/news/1", source: "fuzz")
    return 0
}
