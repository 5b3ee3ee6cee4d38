import GleanerTestSupport
import Foundation
import GleanerFetch
import Testing

/// End-to-end: the built `gleaner scrape` against the fault-injecting server. One batch holds
/// every fault, so the test also shows that no fault disturbs the other URLs.
// The limit catches hangs, with room for load: in the full parallel test run a test also
// waits for Swift's shared thread pool, which other suites' blocking process runs hold.
@Suite(.timeLimit(.minutes(3))) struct FetchFaultTests {
    struct Expectation {
        var path: String
        /// nil: an article record.
        var code: String?
        var attempts: Int
        var status: Int?
    }

    static let headline = "Harbour Bridge Reopens After Two Years of Repairs"

    /// brotli and zstd are tested only when this libcurl decodes them (Debian 12's does).
    static let cases: [Expectation] = allCases.filter { expectation in
        let encodings = CurlFeatures.contentEncodings
        if expectation.path == "/brotli" { return encodings.contains("br") }
        if expectation.path == "/zstd" { return encodings.contains("zstd") }
        return true
    }

    static let allCases: [Expectation] = [
        .init(path: "/article", code: nil, attempts: 1, status: 200),
        .init(path: "/gzip", code: nil, attempts: 1, status: 200),
        .init(path: "/brotli", code: nil, attempts: 1, status: 200),
        .init(path: "/zstd", code: nil, attempts: 1, status: 200),
        .init(path: "/redirect/3", code: nil, attempts: 1, status: 200),
        .init(path: "/loop", code: "too_many_redirects", attempts: 1, status: 302),
        .init(path: "/to-file", code: "unsupported_protocol", attempts: 1, status: 302),
        .init(path: "/to-ftp", code: "unsupported_protocol", attempts: 1, status: 302),
        .init(path: "/status/404", code: "http_404", attempts: 1, status: 404),
        .init(path: "/status/500", code: "http_500", attempts: 2, status: 500),
        .init(path: "/flaky?key=batch", code: nil, attempts: 2, status: 200),
        .init(path: "/status/429", code: "http_429", attempts: 2, status: 429),
        .init(path: "/slow-headers?s=5", code: "timeout", attempts: 2, status: nil),
        .init(path: "/trickle?s=6", code: "timeout", attempts: 2, status: 200),
        .init(path: "/truncated", code: "truncated", attempts: 2, status: 200),
        .init(path: "/big?size=3000000", code: "too_large", attempts: 1, status: 200),
        .init(path: "/big-stream?size=3000000", code: "too_large", attempts: 1, status: 200),
        .init(path: "/bomb", code: "too_large", attempts: 1, status: 200),
        .init(path: "/charset", code: nil, attempts: 1, status: 200),
        .init(path: "/pdf", code: "unsupported_content_type", attempts: 1, status: 200),
        .init(path: "/reset", code: "connection_reset", attempts: 2, status: nil),
        .init(path: "/status/503", code: "http_503", attempts: 2, status: 503),
        .init(path: "/status/403", code: "http_403", attempts: 1, status: 403),
    ]

    /// Malformed HTTP is `protocol_error` (not `unsupported_protocol`, kept for URL schemes,
    /// nor `connection_reset`); headers cut off mid-line are a retried fetch error, not an
    /// empty page. Its own batch with a generous timeout: a slow machine must not turn these
    /// into timeouts.
    @Test func malformedHTTPIsAProtocolErrorAndCutHeadersAreRetried() throws {
        let cases: [Expectation] = [
            .init(path: "/cut-headers", code: "connection_reset", attempts: 2, status: 200),
            .init(path: "/bad-chunk", code: "protocol_error", attempts: 2, status: 200),
            .init(path: "/http09", code: "protocol_error", attempts: 2, status: nil),
            .init(path: "/garbage-status", code: "protocol_error", attempts: 2, status: nil),
            .init(path: "/huge-headers", code: "protocol_error", attempts: 2, status: 200),
            .init(path: "/article", code: nil, attempts: 1, status: 200),
        ]
        let server = try FaultServer()
        defer { server.stop() }
        let urls = cases.map { server.url($0.path) }
        let run = try GleanerBinary.run(
            ["scrape"] + urls + ["--timeout", "20", "--retries", "1", "--retry-delay", "0.05", "--delay", "0", "--per-host", "8"])
        try #require(run.records.count == cases.count, "one line per URL: \(run.stderr)")
        for (record, expected) in zip(run.records, cases) {
            #expect(record.errorCode == expected.code, "\(expected.path): \(record["error"] ?? "article")")
            #expect(record.fetch?["attempts"] as? Int == expected.attempts, "\(expected.path) attempts")
            #expect(record.fetch?["status"] as? Int == expected.status, "\(expected.path) status")
            if expected.code != nil {
                #expect((record["error"] as? [String: Any])?["stage"] as? String == "fetch", "\(expected.path) stage")
            }
        }
    }

    @Test func everyFaultGivesItsRecordAndTheBatchIsUnaffected() throws {
        let server = try FaultServer()
        defer { server.stop() }
        let urls = Self.cases.map { server.url($0.path) }
        let run = try GleanerBinary.run(
            ["scrape"] + urls + ["--timeout", "2", "--retries", "1", "--retry-delay", "0.05", "--delay", "0",
                    "--per-host", "8", "--max-bytes", "1MB"])
        #expect(run.status == 1)
        #expect(run.seconds < 20)
        let records = run.records
        try #require(records.count == Self.cases.count, "one line per URL: \(run.lines.count) lines, stderr \(run.stderr)")
        for (index, expected) in Self.cases.enumerated() {
            let record = records[index]
            #expect(record["source"] as? String == urls[index], "records in input order")
            #expect(record.errorCode == expected.code, "\(expected.path): \(record["error"] ?? "article")")
            let fetch = try #require(record.fetch, "\(expected.path) has a fetch object")
            #expect(fetch["requested_url"] as? String == urls[index])
            #expect(fetch["attempts"] as? Int == expected.attempts, "\(expected.path) attempts")
            #expect(fetch["status"] as? Int == expected.status, "\(expected.path) status")
            if expected.code == nil {
                #expect((record["text"] as? String)?.isEmpty == false, "\(expected.path) has text")
            } else {
                #expect((record["error"] as? [String: Any])?["stage"] as? String == "fetch" || expected.code == nil)
            }
        }
        func record(_ path: String) -> [String: Any] {
            records[Self.cases.firstIndex { $0.path == path }!]
        }
        for path in ["/article", "/gzip", "/brotli", "/zstd", "/redirect/3"] where Self.cases.contains(where: { $0.path == path }) {
            #expect(record(path)["headline"] as? String == Self.headline, "\(path) decoded")
        }
        let redirected = try #require(record("/redirect/3").fetch)
        #expect(redirected["redirects"] as? Int == 3)
        #expect(redirected["final_url"] as? String == server.url("/article"))
        #expect(record("/charset")["headline"] as? String == "Café crème brûlée", "Content-Type charset outranks <meta>")
        #expect(record("/pdf").fetch?["content_type"] as? String == "application/pdf")
        #expect(record("/pdf").fetch?["bytes"] as? Int == 0, "a PDF is not downloaded")
        let ok = Self.cases.filter { $0.code == nil }.count
        #expect(run.stderr.contains("\(ok) ok"), "summary: \(run.stderr)")
        #expect(run.stderr.contains("timeout: 2"), "summary: \(run.stderr)")

        // Retries: none for 404, one for 500; the 503 with Retry-After: 1 waited a second.
        let requests = server.requests()
        #expect(requests.filter { $0.path == "/status/404" }.count == 1)
        #expect(requests.filter { $0.path == "/status/500" }.count == 2)
        let flaky = requests.filter { $0.path == "/flaky?key=batch" }
        try #require(flaky.count == 2)
        #expect(flaky[1].start - flaky[0].start >= 0.95, "Retry-After honoured")
        #expect(!requests.contains { $0.path.hasPrefix("/etc") || $0.path.hasPrefix("/pub") })
    }

    @Test func privateNetworksAreRefusedAfterResolution() throws {
        let server = try FaultServer()
        defer { server.stop() }
        let run = try GleanerBinary.run(["scrape", server.url("/article"), server.url("/article", host: "localhost"), "--deny-private-networks", "--delay", "0", "--retries", "0"])
        #expect(run.status == 1)
        let records = run.records
        try #require(records.count == 2)
        for record in records {
            #expect(record.errorCode == "private_network_denied")
        }
        #expect(server.requests().isEmpty, "no connection reached the server")
    }

    @Test func urlListFromStandardInputSkipsCommentsAndBlankLines() throws {
        let server = try FaultServer()
        defer { server.stop() }
        let list = "# news\n\n\(server.url("/article"))\n   \n\(server.url("/gzip"))\nnot-a-url\n"
        let scrape = try GleanerBinary.run(["scrape", "--urls", "-", "--delay", "0", "--ignore-robots"], stdin: list)
        #expect(scrape.status == 1)
        let codes = scrape.records.map { $0.errorCode ?? "ok" }
        #expect(codes == ["ok", "ok", "invalid_url"])
        #expect(!server.requests().contains { $0.path == "/robots.txt" }, "--ignore-robots fetches no robots.txt")
    }

    @Test func proxiesComeFromTheEnvironment() throws {
        let proxy = try FaultServer()
        defer { proxy.stop() }
        // The host does not exist: only the proxy can answer.
        let run = try GleanerBinary.run(
            ["scrape", "http://news.example/article", "--delay", "0"],
            environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)", "no_proxy": ""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.records.first?["headline"] as? String == Self.headline)
        #expect(proxy.requests().map(\.path) == ["http://news.example/robots.txt", "http://news.example/article"])
    }

    @Test func usageErrorsExitWithStatusTwo() throws {
        let noURL = try GleanerBinary.run(["scrape"])
        #expect(noURL.status == 2)
        let badSize = try GleanerBinary.run(["scrape", "http://127.0.0.1:9/", "--max-bytes", "lots"])
        #expect(badSize.status == 2)
    }
}
