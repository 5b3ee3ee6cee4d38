import Foundation
import Gleaner
import GleanerFetch

/// The work of `gleaner scrape`: URLs in, one JSON line per URL out, in input order.
///
/// Three kinds of threads: the fetcher's own (libcurl), `jobs` extraction threads, and the
/// caller's, which submits URLs and writes lines. Memory stays flat however long the list:
/// at most `window` URLs are between submission and output, and the fetcher starts no
/// transfer while `concurrency + 2 × jobs` responses wait for extraction.
public struct ScrapeCommandRunner: Sendable {
    public var urls: [String]
    public var configuration: FetchConfiguration
    public var jobs: Int
    public var extractor: ArticleExtractor
    /// URLs submitted but not yet written, at most.
    public var window: Int

    public init(urls: [String], configuration: FetchConfiguration, jobs: Int, extractor: ArticleExtractor = ArticleExtractor(), window: Int = 4096) {
        self.urls = urls
        self.configuration = configuration
        self.jobs = max(1, jobs)
        self.extractor = extractor
        self.window = max(1, window)
    }

    public struct Summary: Sendable {
        public var articles = 0
        public var errors: [String: Int] = [:]
        public var errorCount: Int { errors.values.reduce(0, +) }
    }

    /// The record line for one response, and its error code if it is an error record.
    public func line(for response: FetchResponse, source: String) -> (String, String?) {
        if let failure = response.failure {
            var error = GleanerError(stage: .fetch, code: failure.code.name, message: failure.message, source: source)
            error.fetch = response.info
            return (ArticleJSON.line(for: error), error.code)
        }
        switch extractor.result(html: response.body, url: response.pageURL, source: source, charset: response.charset) {
        case .article(var article):
            article.fetch = response.info
            return (ArticleJSON.line(for: article), nil)
        case .failure(var error):
            error.fetch = response.info
            return (ArticleJSON.line(for: error), error.code)
        }
    }

    public func run(writer: LineWriter) throws -> Summary {
        var configuration = self.configuration
        configuration.maxHeldResponses = configuration.concurrency + 2 * jobs
        let fetcher: Fetcher
        do { fetcher = try Fetcher(configuration: configuration) } catch { throw CLIError("\(error)") }
        defer { fetcher.close() }

        let pipeline = ScrapePipeline()
        let urls = self.urls
        var threads: [Thread] = []
        for _ in 0..<min(jobs, max(1, urls.count)) {
            let thread = Thread { [self] in
                while let (index, response) = pipeline.nextResponse() {
                    let output = line(for: response, source: urls[index])
                    pipeline.finish(index, output)
                }
            }
            thread.stackSize = 16 * 1024 * 1024
            thread.name = "gleaner-extract"
            threads.append(thread)
            thread.start()
        }
        defer { pipeline.stopWorkers() }

        var summary = Summary()
        var writeError: (any Error)?
        var submitted = 0
        for index in 0..<urls.count {
            while submitted < urls.count && submitted < index + window {
                let slot = submitted
                fetcher.submit(urls[slot]) { response in pipeline.received(slot, response) }
                submitted += 1
            }
            let (text, code) = pipeline.waitForLine(index)
            if let code { summary.errors[code, default: 0] += 1 } else { summary.articles += 1 }
            guard writeError == nil else { continue }
            do { try writer.write(line: text) } catch { writeError = error }
        }
        try writer.flush()
        if let writeError { throw writeError }
        return summary
    }
}

/// The hand-offs between the fetcher's thread, the extraction threads and the writer.
final class ScrapePipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var responses: [(Int, FetchResponse)?] = []
    private var responsesHead = 0
    private var lines: [Int: (String, String?)] = [:]
    private var stopping = false

    /// Called on the fetcher's thread: must not block.
    func received(_ index: Int, _ response: FetchResponse) {
        condition.lock()
        responses.append((index, response))
        condition.broadcast()
        condition.unlock()
    }

    /// The next response to extract, or nil when the run is over.
    func nextResponse() -> (Int, FetchResponse)? {
        condition.lock()
        defer { condition.unlock() }
        while responsesHead == responses.count && !stopping { condition.wait() }
        guard responsesHead < responses.count else { return nil }
        let next = responses[responsesHead]!
        // Drop the queue's copy at once so the response's budget share is released when the
        // worker is done with it.
        responses[responsesHead] = nil
        responsesHead += 1
        if responsesHead == responses.count {
            responses.removeAll(keepingCapacity: true)
            responsesHead = 0
        } else if responsesHead >= 256 {
            responses.removeFirst(responsesHead)
            responsesHead = 0
        }
        return next
    }

    func finish(_ index: Int, _ line: (String, String?)) {
        condition.lock()
        lines[index] = line
        condition.broadcast()
        condition.unlock()
    }

    func waitForLine(_ index: Int) -> (String, String?) {
        condition.lock()
        defer { condition.unlock() }
        while lines[index] == nil { condition.wait() }
        return lines.removeValue(forKey: index)!
    }

    func stopWorkers() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }
}
