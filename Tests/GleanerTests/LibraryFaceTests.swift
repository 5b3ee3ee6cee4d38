import Foundation
import Gleaner
import GleanerTestSupport
import Testing

/// `import Gleaner` alone reaches every part an application needs: extraction, fetching,
/// site discovery, pipelines and sinks (the Examples/ package relies on this too).
@Suite struct LibraryFaceTests {
    @Test func pipelineLoadRunThroughTheUmbrellaModule() throws {
        let directory = try TemporaryDirectory()
        let page = try directory.write("pages/a.html", "<html><head><title>T</title></head><body><article><h1>Harbour crane repaired</h1><p>"
            + String(repeating: "Dock workers repaired the crane after the storm. ", count: 12) + "</p></article></body></html>")
        let yaml = "sources: {files: [\(page)]}\nsinks: [{type: jsonl, path: out.jsonl}, {type: sqlite, path: out.sqlite}]\n"
        try yaml.write(toFile: directory.path("p.yaml"), atomically: true, encoding: .utf8)
        let result = try Pipeline.load(directory.path("p.yaml")).run()
        #expect(result.counts.extracted == 1)
        let line = try String(contentsOfFile: directory.path("out.jsonl"), encoding: .utf8)
        #expect(line.contains("\"headline\":\"Harbour crane repaired\""))
        #expect(try Pipeline.parse(yaml: yaml, file: directory.path("p.yaml")).config.sinks.count == 2)
    }

    @Test func fetcherAndDiscovererAreReachable() async throws {
        var configuration = FetchConfiguration()
        configuration.retries = 0
        let fetcher = try Fetcher(configuration: configuration)
        defer { fetcher.close() }
        let response = await fetcher.fetch("not a url")
        #expect(response.failure?.code == .invalidURL)
        let discovery = SiteDiscoverer(fetcher: fetcher).discover("ftp://example.org/")
        #expect(discovery.pages.isEmpty && !discovery.notes.isEmpty)
        #expect(ArticleJSON.line(for: .failure(GleanerError(stage: .fetch, code: "invalid_url", message: "m", source: "s"))).contains("invalid_url"))
    }
}
