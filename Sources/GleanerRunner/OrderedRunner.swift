import Foundation
import GleanerFetch

/// The one ordered parallel runner behind `extract`, `scrape` and `run`: work items are
/// pulled lazily on the calling thread, done on `jobs` worker threads (after a fetch when the
/// item needs one), and handed back strictly in input order, each as soon as it and every
/// item before it are done — so output streams.
///
/// Memory stays bounded: at most `window` items are between being pulled and being emitted.
/// Dedicated threads (not Swift's cooperative pool) because the work blocks on file I/O and
/// long parses. A stop request (Ctrl-C, a failed write) ends pulling at once; in-flight
/// items get `stopGrace` seconds to finish, then are abandoned; every finished item is still
/// emitted, in order. When `next`, `emit` or `idle` throws, `run` waits (up to `stopGrace`)
/// for the pages the workers are in the middle of before it rethrows: the caller usually
/// exits next, and an exit runs the libraries' clean-ups (OpenSSL, libxml2) under a worker
/// still using them — a SIGSEGV instead of exit status 3 on about one `-o /dev/full` run in
/// a hundred.
public final class OrderedRunner<Output: Sendable>: @unchecked Sendable {
    /// One unit of work: done locally on a worker thread, or fetched first.
    public enum Work: Sendable {
        case local(@Sendable () -> Output)
        case fetch(String, FetchRequestOptions, @Sendable (FetchResponse) -> Output)
    }

    /// How a run ended.
    public enum Ending: Sendable, Equatable {
        case finished
        /// Stopped early: this many pulled items were abandoned unfinished.
        case stopped(abandoned: Int)
    }

    private let jobs: Int
    private let window: Int
    private let fetcher: Fetcher?
    private let stopGrace: Double
    private let condition = NSCondition()
    /// Jobs waiting for a worker; a taken slot is set to nil at once so a fetched response
    /// (and its share of the fetcher's budget) is released as soon as it is processed.
    private var queue: [(Int, @Sendable () -> Output)?] = []
    private var queueHead = 0
    private var finished: [Int: Output] = [:]
    private var abandoned = false
    private var closed = false
    /// Workers in the middle of a job.
    private var busy = 0

    /// `fetcher` is needed only when work items fetch; the runner closes it to abandon
    /// in-flight fetches on a stop.
    public init(jobs: Int, window: Int, fetcher: Fetcher? = nil, stopGrace: Double = 1.5) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs * 2, window)
        self.fetcher = fetcher
        self.stopGrace = stopGrace
    }

    /// Runs until `next` returns nil and every item is emitted, or until `shouldStop` turns
    /// true. `next`, `emit` and `idle` run on the calling thread; `emit` gets items in order
    /// (after a stop, the finished ones in order, skipping abandoned ones); `idle` is called
    /// about four times a second while waiting (progress, time-based commits). An error
    /// thrown by `next`, `emit` or `idle` stops pulling, and is rethrown once the workers
    /// are released.
    public func run(
        next: () throws -> Work?,
        emit: (Int, Output) throws -> Void,
        idle: () throws -> Void = {},
        shouldStop: () -> Bool = { false }
    ) throws -> Ending {
        var threads: [Thread] = []
        for _ in 0..<jobs {
            let thread = Thread { [self] in workerLoop() }
            thread.stackSize = 16 * 1024 * 1024
            thread.name = "gleaner-work"
            threads.append(thread)
            thread.start()
        }
        defer { closeQueue() }

        var pulled = 0
        var emitted = 0
        var exhausted = false
        var stopDeadline: Date?
        var lastIdle = Date()
        do {
            while true {
                if stopDeadline == nil && shouldStop() { stopDeadline = Date().addingTimeInterval(stopGrace) }
                while stopDeadline == nil && !exhausted && pulled - emitted < window {
                    guard let work = try next() else { exhausted = true; break }
                    submit(work, index: pulled)
                    pulled += 1
                }
                while let output = take(emitted) {
                    try emit(emitted, output)
                    emitted += 1
                }
                if emitted == pulled && exhausted && stopDeadline == nil { return .finished }
                if emitted == pulled && stopDeadline != nil { return .stopped(abandoned: 0) }
                if let deadline = stopDeadline, Date() >= deadline { break }
                // Everything pulled is out: pull again at once. Waiting here for an item not
                // yet pulled waited the whole timeout (no worker had anything to report): 0.25
                // s each time the workers caught up with the reading, which short pages (WARC
                // records) do all the time.
                if emitted < pulled { waitForWork(index: emitted, timeout: 0.25) }
                if Date().timeIntervalSince(lastIdle) >= 0.25 {
                    lastIdle = Date()
                    try idle()
                }
            }
        } catch {
            abandon()
            waitForBusyWorkers(until: Date().addingTimeInterval(stopGrace))
            throw error
        }
        // Stopped and the grace period is over: keep what is done, drop the rest.
        let done = abandon()
        var count = 0
        for index in done.keys.sorted() where index >= emitted {
            try emit(index, done[index]!)
            count += 1
        }
        return .stopped(abandoned: pulled - emitted - count)
    }

    private func submit(_ work: Work, index: Int) {
        switch work {
        case .local(let job):
            enqueue(index, job)
        case .fetch(let url, let options, let job):
            guard let fetcher else { preconditionFailure("OrderedRunner: a fetch item without a fetcher") }
            fetcher.submit(url, options: options) { [self] response in
                enqueue(index) { job(response) }
            }
        }
    }

    /// Called on the fetcher's thread too: must not block.
    private func enqueue(_ index: Int, _ job: @escaping @Sendable () -> Output) {
        condition.lock()
        if !abandoned && !closed { queue.append((index, job)) }
        condition.broadcast()
        condition.unlock()
    }

    private func workerLoop() {
        while true {
            condition.lock()
            while queueHead == queue.count && !closed { condition.wait() }
            guard queueHead < queue.count else {
                condition.unlock()
                return
            }
            let (index, job) = queue[queueHead]!
            queue[queueHead] = nil
            queueHead += 1
            if queueHead == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueHead = 0
            } else if queueHead >= 256 {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            busy += 1
            condition.unlock()
            let output = job()
            condition.lock()
            busy -= 1
            if !abandoned { finished[index] = output }
            condition.broadcast()
            condition.unlock()
        }
    }

    private func take(_ index: Int) -> Output? {
        condition.lock()
        defer { condition.unlock() }
        return finished.removeValue(forKey: index)
    }

    private func waitForWork(index: Int, timeout: Double) {
        condition.lock()
        if finished[index] == nil { _ = condition.wait(until: Date().addingTimeInterval(timeout)) }
        condition.unlock()
    }

    /// Stops accepting results and drops queued jobs; returns what had finished. In-flight
    /// fetches are cancelled by closing the fetcher.
    @discardableResult
    private func abandon() -> [Int: Output] {
        condition.lock()
        abandoned = true
        queue.removeAll()
        queueHead = 0
        let done = finished
        finished.removeAll()
        condition.broadcast()
        condition.unlock()
        fetcher?.close()
        return done
    }

    /// Waits until no worker is in the middle of a job, or until `deadline`.
    private func waitForBusyWorkers(until deadline: Date) {
        condition.lock()
        while busy > 0 && condition.wait(until: deadline) {}
        condition.unlock()
    }

    private func closeQueue() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
