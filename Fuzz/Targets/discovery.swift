// Fuzz target: feeds and sitemaps (RSS, Atom, RDF, JSON Feed, urlset, sitemap index).
import GleanerPipeline

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDiscovery(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? DiscoveryParser.parse(Array(UnsafeBufferPointer(start: data, count: size)), baseURL: "https://example.org/feed")
    return 0
}
