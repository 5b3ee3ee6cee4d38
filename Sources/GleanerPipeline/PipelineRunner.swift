import Foundation
import GRDB
import GleanerFetch
import GleanerInput
import GleanerModel
import GleanerRunner
import GleanerSinks
import GleanerWARC

/// Runs a pipeline: seeds the queue from the sources, then runs the queue's pending entries
/// through the shared `OrderedRunner` — fetch or read, extract on worker threads, outcomes
/// back in queue order — and commits them in batches (sink writes, queue status, fetch
/// state, SimHashes and JSON-lines offsets in one transaction). Entries discovered from
/// feeds and sitemaps join the queue and are picked up in the same pass or the next round.
///
/// Resume works because nothing is "done" until that transaction commits: a run killed at
/// any moment restarts from the queue, JSON-lines files are cut back to the committed
/// offsets, and SQLite upserts are idempotent. Memory stays bounded because the queue lives
/// in SQLite and at most `window` entries are in flight.
public final class PipelineRunner {
    /// How a run reports and how often it commits its state.
    public struct Options: Sendable {
        /// Progress on stderr: nil = automatic (bar on a TTY, lines otherwise), false = none.
        public var progress: Bool?
        /// Seconds between commits.
        public var commitInterval = 0.5
        /// The `software` field of the `warcinfo` records `warc` sinks write.
        public var software = "Gleaner"
        public init(progress: Bool? = nil, software: String = "Gleaner") {
            self.progress = progress
            self.software = software
        }
    }

    /// What a finished (or interrupted) run did: the counts its summary line prints, and
    /// whether it resumed an earlier run.
    public struct Result: Sendable {
        public var counts: RunCounts
        /// The signal that stopped the run early, if any.
        public var interruptedBy: Int32?
        public var resumed: Bool
    }

    let config: PipelineConfig
    let options: Options
    let inbox = OutcomeInbox()
    /// `filters.include` / `exclude`, compiled once (validated when the file was loaded).
    private let include: [NSRegularExpression]
    private let exclude: [NSRegularExpression]

    /// Sinks beyond the file's jsonl/sqlite ones (plug-ins: an archive, a document format):
    /// written in queue order at every commit, then flushed; closed when the run finishes.
    let extraSinks: [any Sink]

    public init(config: PipelineConfig, options: Options = Options(), extraSinks: [any Sink] = []) {
        self.config = config
        self.options = options
        self.extraSinks = extraSinks
        include = config.filters.include.compactMap { try? NSRegularExpression(pattern: $0) }
        exclude = config.filters.exclude.compactMap { try? NSRegularExpression(pattern: $0) }
    }

    /// Asks a running `run()` to stop after committing what is finished (signal handlers).
    public func requestStop(signal: Int32) { inbox.requestStop(signal: signal) }

    public func run() throws -> Result {
        let state = try StateStore(path: config.statePath)
        let now = Self.timestamp()
        let unfinished = try state.unfinishedRun()
        // A new-file sink's name comes from its run's start, so a resumed run finds it again.
        var runStarted = Date()
        if let unfinished,
            let started = try state.database.read({ try String.fetchOne($0, sql: "SELECT started FROM runs WHERE id = ?", arguments: [unfinished.id]) }),
            let date = Self.parseTimestamp(started)
        {
            runStarted = date
        }
        // Sinks: JSON lines, and SQLite in the state file or a file of its own.
        var jsonl: [JSONLSink] = []
        /// JSON-lines sinks in `overwrite` mode not yet emptied in this run.
        var pendingOverwrite: Set<String> = []
        var newFiles: [JSONLSink] = []
        var sharedSQLite: [SQLiteSink] = []
        var ownSQLite: [(SQLiteSink, DatabaseQueue)] = []
        // Plug-in sinks and `files` sinks, written after the others at every commit.
        var pluginSinks = extraSinks
        for sink in config.sinks {
            switch sink.kind {
            case .jsonl:
                switch sink.mode {
                case .append, .overwrite:
                    jsonl.append(try JSONLSink(path: sink.path, mode: .append))
                    if sink.mode == .overwrite { pendingOverwrite.insert(sink.path) }
                case .newFile:
                    let file = try JSONLSink(path: JSONLSink.timestampedPath(sink.path, at: runStarted), mode: .append)
                    jsonl.append(file)
                    newFiles.append(file)
                }
            case .warc:
                continue  // archives what the fetcher exchanges: set up with the fetcher below
            case .sqlite:
                let sqlite = SQLiteSink(path: sink.path)
                if sink.path == config.statePath {
                    try SQLiteSink.migrate(state.database)
                    sharedSQLite.append(sqlite)
                } else {
                    let directory = URL(fileURLWithPath: sink.path).deletingLastPathComponent().path
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    let queue = try DatabaseQueue(path: sink.path)
                    try SQLiteSink.migrate(queue)
                    ownSQLite.append((sqlite, queue))
                }
            case .files:
                // Named from a hash of the source, so a resumed or later run rewrites its
                // own files instead of numbering new ones.
                pluginSinks.append(
                    try DocumentSink(format: sink.format, destination: .directory(path: sink.path, naming: .keyed), createDirectories: true))
            }
        }

        // `warc` sinks: every HTTP exchange of this run (discovery, feeds, pages, redirects,
        // robots.txt), appended — a resumed or later run adds to the same archive, after cutting
        // off a member a killed run left half-written.
        let archivers = try config.sinks.filter { $0.kind == .warc }.map { sink in
            do throws(WARCFailure) {
                return try WARCArchiver(path: sink.path, maxSize: sink.maxSize, append: true, software: options.software)
            } catch {
                throw SinkError("warc sink \(sink.path): \(error.message)")
            }
        }
        defer { archivers.forEach { $0.close() } }
        let recorders: [@Sendable (RecordedExchange) -> Void] = archivers.map(\.recorder)
        var exchangeRecorder: (@Sendable (RecordedExchange) -> Void)? = nil
        if !recorders.isEmpty {
            exchangeRecorder = { @Sendable exchange in recorders.forEach { $0(exchange) } }
        }

        // Resume the unfinished run, or start a new one with a fresh queue.
        var counts = RunCounts()
        let runID: Int64
        let resumed: Bool
        if let unfinished {
            runID = unfinished.id
            counts = unfinished.counts
            resumed = true
            try state.database.read { db in
                for sink in jsonl where sink.isFile {
                    let committed = try state.committedOffset(path: sink.path, in: db)
                    // An overwrite sink the run has not emptied yet stays as it is.
                    if committed == Self.overwritePending { continue }
                    pendingOverwrite.remove(sink.path)
                    try sink.truncate(to: committed ?? sink.offset)
                }
            }
        } else {
            resumed = false
            // Sites are explored before the run's first transaction (they need the network).
            let discoveries = try discoverSites(exchangeRecorder: exchangeRecorder)
            runID = try state.database.write { db -> Int64 in
                try db.execute(sql: "DELETE FROM queue")
                try db.execute(sql: "INSERT INTO runs (pipeline, started) VALUES (?, ?)", arguments: [config.file, now])
                let id = db.lastInsertedRowID
                counts.discovered = try seed(state, sites: discoveries, counts: &counts, in: db)
                try db.execute(sql: "UPDATE runs SET counts = ? WHERE id = ?", arguments: [counts.encoded, id])
                // Append: the run starts at the file's end, so earlier runs' lines stay.
                for sink in jsonl where sink.isFile {
                    let start = pendingOverwrite.contains(sink.path) ? Self.overwritePending : sink.offset
                    try state.setOffset(path: sink.path, bytes: start, in: db)
                }
                return id
            }
        }
        if resumed { Self.log("resuming run \(runID) of \(config.name)") }

        var fetchConfiguration = config.fetch
        fetchConfiguration.exchangeRecorder = exchangeRecorder
        let held = max(fetchConfiguration.concurrency * 4, 64)
        fetchConfiguration.maxHeldResponses = held
        // Outcomes come back in queue order, so a slow page holds back later commits: the
        // window is wider than the fetcher's own limit to keep transfers going meanwhile.
        let window = held * 4
        let fetcher = try Fetcher(configuration: fetchConfiguration)
        defer { fetcher.close() }
        let processor = ItemProcessor(config: config)
        let jobs = max(ProcessInfo.processInfo.activeProcessorCount, 2)
        let progress = ProgressReporter(mode: options.progress == false ? .off : .automatic)

        var cursor: Int64 = 0
        let warcRecords = WARCRecordCursor(selector: config.sources.warcSelector)
        var uncommitted: [Outcome] = []
        var lastCommit = Date()
        let inbox = self.inbox
        let failed = FailedURLs(delay: config.retryFailedAfter ?? FailedURLs.defaultDelay)

        func commit() throws {
            guard !uncommitted.isEmpty else { return }
            let batch = uncommitted
            uncommitted = []
            try state.database.write { db in
                var records: [SinkRecord] = []
                var seen: [(String, String)] = []
                for outcome in batch {
                    let item = outcome.item
                    switch outcome {
                    case .discovered(_, let discovery, let update):
                        if let update { try state.recordFetch(update, in: db); counts.fetched += 1 }
                        let host = URLComponents(string: item.url)?.host?.lowercased()
                        for page in discovery.pages {
                            if let reason = self.exclusion(page.url, origin: item.origin ?? host) {
                                counts.excluded[reason, default: 0] += 1
                                continue
                            }
                            if try state.enqueue(page.url, kind: .page, origin: item.origin ?? host, page: page, in: db) { counts.discovered += 1 }
                        }
                        for feed in discovery.feeds {
                            if try state.enqueue(feed, kind: .feed, origin: item.origin ?? host, in: db) { counts.discovered += 1 }
                        }
                        try failed.succeeded(item.url, in: db)
                        for sitemap in discovery.sitemaps {
                            if try state.enqueue(sitemap, kind: .sitemap, origin: item.origin ?? host, in: db) { counts.discovered += 1 }
                        }
                    case .record(_, let result, let simhash, let update):
                        if let update {
                            try state.recordFetch(update, in: db)
                            if update.status != nil { counts.fetched += 1 }
                        }
                        let time = Self.timestamp()
                        var record: SinkRecord
                        switch result {
                        case .article(let article):
                            let key = article.url ?? article.source
                            record = SinkRecord(result: result, key: key, seenAt: time, simhash: simhash)
                            if let simhash, self.config.duplicates.enabled,
                                let match = try state.nearDuplicate(of: simhash, url: key, maxDistance: self.config.duplicates.maxDistance, in: db)
                            {
                                record.duplicateOf = match.url
                                record.similarity = 1 - Double(match.distance) / 64
                                counts.duplicates += 1
                            }
                            counts.extracted += 1
                            try failed.succeeded(item.url, in: db)
                        case .failure(let error):
                            record = SinkRecord(result: result, key: error.source, seenAt: time)
                            counts.errors[error.code, default: 0] += 1
                            if item.kind != .file && item.kind != .warc { try failed.failed(item, code: error.code, at: Date().timeIntervalSince1970, in: db) }
                        }
                        records.append(record)
                    case .filtered(_, let update, let reason):
                        if let update { try state.recordFetch(update, in: db); counts.fetched += 1 }
                        counts.filtered += 1
                        counts.excluded[reason, default: 0] += 1
                        try failed.succeeded(item.url, in: db)
                    case .unchanged(_, let update):
                        try state.recordFetch(update, in: db)
                        if update.status != nil { counts.fetched += 1 }
                        counts.unchanged += 1
                        seen.append((item.url, update.fetchedAt))
                    case .cancelled:
                        continue
                    }
                    try db.execute(sql: "UPDATE queue SET status = 'done' WHERE id = ?", arguments: [item.id])
                }
                if !records.isEmpty {
                    for sink in jsonl where pendingOverwrite.contains(sink.path) {
                        try sink.truncate(to: 0)
                        pendingOverwrite.remove(sink.path)
                    }
                }
                for record in records {
                    for sink in jsonl { try sink.write(record) }
                    for sink in sharedSQLite { try sink.write(record, in: db) }
                }
                for (source, time) in seen {
                    for sink in sharedSQLite { try sink.markSeen(source: source, at: time, in: db) }
                }
                for (sink, queue) in ownSQLite {
                    try queue.write { own in
                        for record in records { try sink.write(record, in: own) }
                        for (source, time) in seen { try sink.markSeen(source: source, at: time, in: own) }
                    }
                }
                for sink in jsonl where sink.isFile && !pendingOverwrite.contains(sink.path) {
                    sink.sync()
                    try state.setOffset(path: sink.path, bytes: sink.offset, in: db)
                }
                for sink in pluginSinks {
                    for record in records { try sink.write(record) }
                    try sink.flush()
                }
                try db.execute(sql: "UPDATE runs SET counts = ? WHERE id = ?", arguments: [counts.encoded, runID])
            }
            lastCommit = Date()
        }

        func showProgress() {
            guard progress.isDue, let (total, done) = try? state.counts() else { return }
            progress.tick(done: done, total: total, errors: counts.errorCount)
        }

        // Rounds: each runs what is pending now (and what commits add behind the cursor
        // meanwhile); the next starts when entries discovered at the end are still waiting.
        var interruptedBy: Int32?
        while true {
            var buffer: [WorkItem] = []
            let runner = OrderedRunner<Outcome>(jobs: jobs, window: window, fetcher: fetcher, stopGrace: 0)
            let ending = try runner.run(
                next: { () throws -> OrderedRunner<Outcome>.Work? in
                    if buffer.isEmpty {
                        buffer = try state.pending(after: cursor, limit: 256)
                        guard let last = buffer.last else { return nil }
                        cursor = last.id
                        buffer.reverse()
                    }
                    let item = buffer.removeLast()
                    if item.kind == .file { return .local { processor.processFile(item) } }
                    if item.kind == .warc {
                        // Read here, in queue (= file) order; extracted on a worker thread.
                        let found = warcRecords.take(item.url)
                        return .local { processor.processWARC(item, found) }
                    }
                    let request = FetchRequestOptions(headers: item.conditionalHeaders, acceptAnyContentType: item.kind != .page)
                    return .fetch(item.url, request) { response in processor.processResponse(item, response) }
                },
                emit: { _, outcome in
                    uncommitted.append(outcome)
                    if uncommitted.count >= 200 || Date().timeIntervalSince(lastCommit) >= options.commitInterval { try commit() }
                    showProgress()
                },
                idle: {
                    if Date().timeIntervalSince(lastCommit) >= options.commitInterval { try commit() }
                    showProgress()
                },
                shouldStop: { inbox.stopRequested != nil })
            // Keep what finished; abandoned entries stay pending for the next run.
            try commit()
            if case .stopped = ending {
                interruptedBy = inbox.stopRequested
                break
            }
            if try state.pending(after: cursor, limit: 1).isEmpty { break }
        }
        if interruptedBy == nil {
            try state.database.write { db in
                try db.execute(sql: "UPDATE runs SET finished = ? WHERE id = ?", arguments: [Self.timestamp(), runID])
            }
        }
        if interruptedBy == nil {
            // A new-file sink that received nothing is not left behind as an empty file.
            for file in newFiles where file.offset == 0 { unlink(file.path) }
            for sink in pluginSinks { try sink.close() }
        }
        // The fetcher records exchanges until it is closed: close it before the archives.
        fetcher.close()
        for archiver in archivers {
            archiver.close()
            // An incomplete archive is an output that could not be written (exit status 3).
            if let failure = archiver.failure { throw SinkError("warc sink \(archiver.writer.configuration.path): \(failure.message)") }
        }
        if let (total, done) = try? state.counts() { progress.finish(done: done, total: total, errors: counts.errorCount) }
        return Result(counts: counts, interruptedBy: interruptedBy, resumed: resumed)
    }

    /// Puts the pipeline's sources into the queue — with what site discovery found and the
    /// earlier failures that are due again; returns how many entries were added.
    func seed(_ state: StateStore, sites: [SiteDiscovery], counts: inout RunCounts, in db: Database) throws -> Int {
        var added = 0
        let sources = config.sources
        let files = InputCollector().collect(sources.files + sources.directories)
        for input in files where try state.enqueue(input.name, kind: .file, origin: nil, in: db) { added += 1 }
        added += try seedWARC(state, counts: &counts, in: db)
        for url in sources.sitemaps where try state.enqueue(url, kind: .sitemap, origin: Self.host(url), in: db) { added += 1 }
        for url in sources.feeds where try state.enqueue(url, kind: .feed, origin: Self.host(url), in: db) { added += 1 }
        var pages: [(String, String?, DiscoveredPage?)] = sources.urls.map { ($0, Self.host($0), nil) }
        for site in sites {
            let origin = Self.host(site.site)
            for sitemap in site.nestedSitemaps where try state.enqueue(sitemap, kind: .sitemap, origin: origin, in: db) { added += 1 }
            pages += site.pages.map { ($0.url, origin, $0) }
            pages += site.crawled.map { ($0, origin, nil) }
        }
        for (url, origin, listing) in pages {
            if let reason = exclusion(url, origin: origin) {
                counts.excluded[reason, default: 0] += 1
                continue
            }
            if try state.enqueue(url, kind: .page, origin: origin, page: listing, in: db) { added += 1 }
        }
        let retry = FailedURLs(delay: config.retryFailedAfter ?? FailedURLs.defaultDelay)
        for due in try retry.due(at: Date().timeIntervalSince1970, in: db) {
            if try state.enqueue(due.url, kind: due.kind, origin: due.origin, in: db) {
                added += 1
                counts.retried += 1
            }
        }
        return added
    }

    /// Queues the records of `sources.warc` archives, one entry per qualifying record and per
    /// broken one (`FILE#OFFSET`, file order), reading each archive once through; what is not
    /// a page (requests, revisits, non-HTML) is not queued, nor is a page whose target URI
    /// `filters.include`/`exclude` keep out (counted as for URLs). Returns how many were added.
    func seedWARC(_ state: StateStore, counts: inout RunCounts, in db: Database) throws -> Int {
        var added = 0
        for pattern in config.sources.warc {
            let paths = PathPattern.expand(pattern)
            if paths.isEmpty { Self.log("sources.warc: \(pattern) matches no file") }
            for path in paths {
                for item in WARCPageStream(path: path, selector: config.sources.warcSelector) {
                    if case .page(let page) = item, !page.url.isEmpty, let reason = exclusion(page.url, origin: nil) {
                        counts.excluded[reason, default: 0] += 1
                        continue
                    }
                    if try state.enqueue(WARCRecordCursor.source(of: item), kind: .warc, origin: nil, in: db) { added += 1 }
                }
            }
        }
        return added
    }

    /// Runs `SiteDiscoverer` over `sources.sites` with the pipeline's fetch settings, and
    /// says on stderr what each site offered.
    func discoverSites(exchangeRecorder: (@Sendable (RecordedExchange) -> Void)? = nil) throws -> [SiteDiscovery] {
        guard !config.sources.sites.isEmpty else { return [] }
        var configuration = config.fetch
        configuration.exchangeRecorder = exchangeRecorder
        let fetcher = try Fetcher(configuration: configuration)
        defer { fetcher.close() }
        let discoverer = SiteDiscoverer(fetcher: fetcher, crawlDepth: config.discovery.crawlDepth, crawlMaxPages: config.discovery.crawlMaxPages)
        return config.sources.sites.map { site in
            let found = discoverer.discover(site)
            Self.log("site \(site): " + found.summary)
            return found
        }
    }

    static func host(_ url: String) -> String? { URLComponents(string: url)?.host?.lowercased() }

    /// URL filters: include / exclude patterns and same-host.
    func admits(_ url: String, origin: String?) -> Bool {
        exclusion(url, origin: origin) == nil
    }

    /// The filter that keeps `url` out (`same_host`, `include`, `exclude`), or nil; the run
    /// summary counts URLs by it.
    func exclusion(_ url: String, origin: String?) -> String? {
        let filters = config.filters
        if filters.sameHost, let origin, Self.host(url) != origin { return "same_host" }
        let range = NSRange(url.startIndex..., in: url)
        if !include.isEmpty, !include.contains(where: { $0.firstMatch(in: url, range: range) != nil }) { return "include" }
        if exclude.contains(where: { $0.firstMatch(in: url, range: range) != nil }) { return "exclude" }
        return nil
    }

    /// The stored offset of an `overwrite` sink the run has not emptied yet.
    static let overwritePending: Int64 = -1

    static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data(("gleaner: " + message + "\n").utf8))
    }
}
