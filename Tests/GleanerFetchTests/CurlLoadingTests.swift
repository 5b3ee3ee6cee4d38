import Foundation
import GleanerTestSupport
import Testing

/// libcurl is opened on the first fetch (Sources/CCurl/CurlLoader.c), not linked: commands
/// that never fetch must run without it, and a fetch without it must say why. A folder on
/// `LD_LIBRARY_PATH` holding a broken `libcurl.so.4` stands in for a machine without one:
/// a binary that named libcurl as a needed library would not even start there.
@Suite(.timeLimit(.minutes(1))) struct CurlLoadingTests {
    /// A folder whose `libcurl.so.4` is an empty file, and the environment that finds it first.
    private func brokenCurl(_ folder: TemporaryDirectory) throws -> [String: String] {
        _ = try folder.write("libcurl.so.4", Data())
        return ["LD_LIBRARY_PATH": folder.url.path]
    }

    @Test func extractRunsWithoutLibcurl() throws {
        let folder = try TemporaryDirectory()
        let environment = try brokenCurl(folder)
        let page = try folder.write("page.html", """
            <html><head><title>Rain tomorrow</title></head><body><article><h1>Rain tomorrow</h1>
            <p>The weather service expects rain across the region tomorrow, with heavy showers in
            the afternoon and cooler air behind the front on Thursday and Friday.</p></article></body></html>
            """)
        let run = try GleanerBinary.run(["extract", page], environment: environment)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.records.count == 1)
        #expect(run.records.first?["headline"] as? String == "Rain tomorrow")
    }

    @Test func fetchingWithoutLibcurlSaysWhy() throws {
        let folder = try TemporaryDirectory()
        let run = try GleanerBinary.run(["scrape", "http://127.0.0.1:9/page.html"], environment: try brokenCurl(folder))
        #expect(run.status != 0)
        #expect(run.stderr.contains("libcurl could not be loaded"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("libcurl.so.4"), "stderr: \(run.stderr)")
    }
}
