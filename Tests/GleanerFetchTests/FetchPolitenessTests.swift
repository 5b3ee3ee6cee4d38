import GleanerTestSupport
import Foundation
import Testing
@testable import GleanerFetch

/// Politeness, checked from the server's side: request timestamps in its log.
// The limit catches hangs, with room for load: in the full parallel test run a test also
// waits for Swift's shared thread pool, which other suites' blocking process runs hold.
@Suite(.timeLimit(.minutes(3))) struct FetchPolitenessTests {
    /// The largest number of requests the server was answering at once.
    static func maxOverlap(_ requests: [FaultServer.Request]) -> Int {
        var events: [(Double, Int)] = []
        for request in requests {
            events.append((request.start, 1))
            events.append((request.end ?? .infinity, -1))
        }
        // Ends before starts at equal times.
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var current = 0
        var best = 0
        for (_, change) in events {
            current += change
            best = max(best, current)
        }
        return best
    }

    static func startGaps(_ requests: [FaultServer.Request]) -> [Double] {
        let starts = requests.map(\.start).sorted()
        return zip(starts.dropFirst(), starts).map { $0 - $1 }
    }

    @Test func perHostLimitAndDelayHoldWhileHostsRunInParallel() throws {
        // Two servers on two loopback addresses: two hosts. (Not "localhost": its IPv6
        // attempt first would skew arrival times at the server.)
        let first = try FaultServer()
        defer { first.stop() }
        let second = try FaultServer(address: "127.0.0.2")
        defer { second.stop() }
        var urls: [String] = []
        for index in 0..<6 {
            urls.append(first.url("/slow?ms=450&i=\(index)"))
            urls.append(second.url("/slow?ms=450&i=\(index)"))
        }
        let run = try GleanerBinary.run(["scrape"] + urls + ["--per-host", "2", "--delay", "0.4", "--concurrency", "16", "--ignore-robots"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.records.count == 12)
        var requests: [FaultServer.Request] = []
        for server in [first, second] {
            let mine = server.requests()
            requests += mine
            #expect(mine.count == 6)
            let host = server.address
            #expect(Self.maxOverlap(mine) == 2, "\(host): at most --per-host 2 at once (and the limit is reached)")
            for gap in Self.startGaps(mine) {
                // Arrival times at the server jitter by tens of milliseconds (new connection
                // or reused one, Python threads on a busy machine); without the delay the
                // gaps would be near 0.
                #expect(gap >= 0.3, "\(host): starts --delay 0.4 s apart, saw \(gap)")
            }
        }
        #expect(Self.maxOverlap(requests) >= 3, "the two hosts are served in parallel (one clock: both servers share the machine's monotonic clock)")
    }

    @Test func robotsTxtDisallowsAndItsCrawlDelayIsHonoured() throws {
        let server = try FaultServer(robots: true)
        defer { server.stop() }
        let urls = [server.url("/private/secret.html")] + (1...3).map { server.url("/article?n=\($0)") }
        let run = try GleanerBinary.run(["scrape"] + urls + ["--delay", "0", "--per-host", "4"])
        #expect(run.status == 1)
        let codes = run.records.map { $0.errorCode ?? "ok" }
        #expect(codes == ["robots_disallowed", "ok", "ok", "ok"])
        #expect(run.records.first?.fetch?["attempts"] as? Int == 0)
        let requests = server.requests()
        #expect(requests.map(\.path) == ["/robots.txt", "/article?n=1", "/article?n=2", "/article?n=3"], "robots.txt once, first; /private never")
        for gap in Self.startGaps(requests) {
            #expect(gap >= 0.95, "Crawl-delay: 1 outranks --delay 0, saw \(gap)")
        }

        // A user agent with its own group: everything is disallowed for it; robots.txt is
        // fetched once per run.
        let other = try GleanerBinary.run(["scrape", server.url("/article"), server.url("/gzip"), "--user-agent", "OtherBot/2.0", "--delay", "0"])
        #expect(other.records.map { $0.errorCode ?? "ok" } == ["robots_disallowed", "robots_disallowed"])
        #expect(server.requests().count == requests.count + 1)
    }

    /// The library face: `await` a fetch; and the response budget holds back transfers while
    /// responses are still alive.
    @Test func fetcherAwaitsAndRespectsTheResponseBudget() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        var configuration = FetchConfiguration()
        configuration.delay = 0
        configuration.obeyRobots = false
        configuration.maxHeldResponses = 1
        configuration.concurrency = 4
        configuration.perHost = 4
        let fetcher = try Fetcher(configuration: configuration)
        defer { fetcher.close() }

        var first: FetchResponse? = await fetcher.fetch(server.url("/article"))
        #expect(first?.failure == nil)
        #expect(first?.info.status == 200)
        #expect(first?.charset == "utf-8")
        #expect(first.map { String(decoding: $0.body, as: UTF8.self).contains("Harbour Bridge") } == true)

        // `first` still holds the only budget unit: the next fetch must not start.
        async let second = fetcher.fetch(server.url("/gzip"))
        try await Task.sleep(for: .milliseconds(400))
        #expect(server.requests().count == 1, "no transfer while the budget is held")
        first = nil
        let response = await second
        #expect(response.failure == nil)
        #expect(server.requests().count == 2)
    }

    @Test func closingCancelsQueuedFetches() async throws {
        var configuration = FetchConfiguration()
        configuration.delay = 30
        configuration.obeyRobots = false
        let server = try FaultServer()
        defer { server.stop() }
        let fetcher = try Fetcher(configuration: configuration)
        let first = await fetcher.fetch(server.url("/article"))
        #expect(first.failure == nil)
        async let second = fetcher.fetch(server.url("/gzip"))  // waits 30 s for the delay
        async let third = fetcher.fetch(server.url("/brotli"))
        try await Task.sleep(for: .milliseconds(300))
        await fetcher.close()
        let (b, c) = await (second, third)
        #expect(b.failure?.code == .cancelled)
        #expect(c.failure?.code == .cancelled)
        let late = await fetcher.fetch(server.url("/article"))
        #expect(late.failure?.code == .cancelled)
        #expect(server.requests().count == 1)
    }

    /// Submissions racing with `close()` still get exactly one response each.
    @Test func everySubmissionRacingCloseIsAnswered() async throws {
        for _ in 0..<20 {
            var configuration = FetchConfiguration()
            configuration.obeyRobots = false
            let fetcher = try Fetcher(configuration: configuration)
            let responses = await withTaskGroup(of: FetchResponse.self) { group in
                for index in 0..<8 {
                    group.addTask { await fetcher.fetch("http://127.0.0.1:9/\(index)") }
                }
                group.addTask {
                    await fetcher.close()
                    return FetchResponse(info: .init(requestedURL: "close", fetchedAt: ""))
                }
                var all: [FetchResponse] = []
                for await response in group { all.append(response) }
                return all
            }
            #expect(responses.count == 9)
        }
    }

    /// Tasks closing a fetcher suspend rather than block. The closers and a task started
    /// after them all run on one dedicated thread (a task executor of their own, so other
    /// tests busy on Swift's shared pool cannot interfere), while the fetcher's thread is held
    /// in a completion handler until that later task runs. A closer that blocked its thread
    /// would keep that task from ever running: a watchdog thread then releases the handler
    /// after 10 s, and the check fails.
    @Test func closingTasksLeaveTheirThreadFree() async throws {
        var configuration = FetchConfiguration()
        configuration.obeyRobots = false
        let fetcher = try Fetcher(configuration: configuration)
        let gate = DispatchSemaphore(value: 0)
        let released = Released()
        fetcher.submit("http://127.0.0.1:9/held") { _ in gate.wait() }
        let watchdog = Thread {
            Thread.sleep(forTimeInterval: 10)
            if released.claim(by: "watchdog") { gate.signal() }
        }
        watchdog.start()
        let executor = OneThreadExecutor()
        defer { executor.stop() }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask(executorPreference: executor) { await fetcher.close() }
            }
            group.addTask(executorPreference: executor) {
                if released.claim(by: "task") { gate.signal() }
            }
        }
        #expect(released.by == "task")
    }
}

/// Runs every job given to it on one thread of its own, in order.
private final class OneThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init() {
        let thread = Thread { [self] in run() }
        thread.name = "one-thread-executor"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once the jobs queued so far have run.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Who released the held completion handler first: the test's task or the watchdog.
private final class Released: @unchecked Sendable {
    private let lock = NSLock()
    private var winner: String?

    /// True when `name` is the first to claim.
    func claim(by name: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard winner == nil else { return false }
        winner = name
        return true
    }

    var by: String? {
        lock.lock()
        defer { lock.unlock() }
        return winner
    }
}
