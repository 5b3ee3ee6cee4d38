import Foundation
import GleanerFetch
import GleanerInput
import GleanerModel
import GleanerSinks

/// `gleaner extract` and `gleaner scrape` as one thing: a source, the ordered runner, the
/// record maker, sinks, progress and stop handling. Items that need a fetch go through one
/// `Fetcher` made from `fetch`; the others are read on worker threads.
public struct BatchRun {
    public var jobs: Int
    /// Items between being pulled and being written, at most.
    public var window: Int
    /// Needed when the source yields items to fetch.
    public var fetch: FetchConfiguration?
    public var maker: RecordMaker
    public var progress: ProgressReporter.Mode
    /// Show progress only for batches of more than this many items (when known).
    public var progressThreshold: Int
    /// Seconds in-flight items get to finish after a stop request.
    public var stopGrace: Double

    public init(
        jobs: Int, window: Int? = nil, fetch: FetchConfiguration? = nil, maker: RecordMaker = RecordMaker(),
        progress: ProgressReporter.Mode = .terminalOnly, progressThreshold: Int = 0, stopGrace: Double = 1.5
    ) {
        self.jobs = max(1, jobs)
        self.window = window ?? self.jobs * 8
        self.fetch = fetch
        self.maker = maker
        self.progress = progress
        self.progressThreshold = progressThreshold
        self.stopGrace = stopGrace
    }

    /// Counts of what a run produced, for the exit status and the stderr summary.
    public struct Summary: Sendable {
        public var articles = 0
        public var errors: [String: Int] = [:]
        public var errorCount: Int { errors.values.reduce(0, +) }
        public var written: Int { articles + errorCount }
        /// The signal that stopped the run early.
        public var interruptedBy: Int32?
        /// Set when an output could not be written: the run stopped there (exit status 3).
        public var writeFailure: SinkError?
    }

    /// Runs `source` into `sinks`. Throws only when the run cannot start (the fetcher).
    public func run(source: some Source, sinks: [any Sink], stop: StopFlag = StopFlag()) throws -> Summary {
        var source = source
        var maker = self.maker
        maker.keepExchange = maker.keepExchange || sinks.contains { $0.wantsExchange }
        maker.prerendersJSON = sinks.contains { $0.usesJSONLine }
        let total = source.expectedCount
        var fetcher: Fetcher?
        if let fetch {
            var configuration = fetch
            configuration.maxHeldResponses = configuration.concurrency + 2 * jobs
            fetcher = try Fetcher(configuration: configuration)
        }
        defer { fetcher?.close() }
        let reporter = ProgressReporter(mode: (total ?? .max) > progressThreshold ? progress : .off)
        let runner = OrderedRunner<SinkRecord>(jobs: jobs, window: window, fetcher: fetcher, stopGrace: stopGrace)
        var summary = Summary()
        let recordMaker = maker
        do {
            _ = try runner.run(
                next: {
                    guard let item = source.next() else { return nil }
                    if case .fetch = item.content, let url = item.url, fetcher != nil {
                        return .fetch(url, FetchRequestOptions()) { response in recordMaker.record(for: item, response: response) }
                    }
                    return .local { recordMaker.record(for: item) }
                },
                emit: { _, record in
                    if case .failure(let error) = record.result {
                        summary.errors[error.code, default: 0] += 1
                    } else {
                        summary.articles += 1
                    }
                    for sink in sinks { try sink.write(record) }
                    reporter.tick(done: summary.written, total: total, errors: summary.errorCount)
                },
                idle: { reporter.tick(done: summary.written, total: total, errors: summary.errorCount) },
                shouldStop: { stop.requested != nil })
            for sink in sinks { try sink.close() }
        } catch let error as SinkError {
            summary.writeFailure = error
        }
        reporter.finish(done: summary.written, total: total, errors: summary.errorCount)
        summary.interruptedBy = stop.requested
        return summary
    }
}
