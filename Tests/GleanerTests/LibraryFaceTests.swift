import Foundation
import Gleaner
import GleanerTestSupport
import Testing

/// `import Gleaner` alone reaches every part an application needs: extraction, fetching and
/// the record writers (the Examples/ package relies on this too).
@Suite struct LibraryFaceTests {
    @Test func fetcherAndRecordWritersAreReachable() async throws {
        var configuration = FetchConfiguration()
        configuration.retries = 0
        let fetcher = try Fetcher(configuration: configuration)
        defer { fetcher.close() }
        let response = await fetcher.fetch("not a url")
        #expect(response.failure?.code == .invalidURL)
        #expect(ArticleJSON.line(for: .failure(GleanerError(stage: .fetch, code: "invalid_url", message: "m", source: "s"))).contains("invalid_url"))
    }
}
