/// Decides which queued fetch may start now, so that no host sees more than `perHost`
/// requests at once, request starts to one host are at least the host's delay apart, a
/// host that sent `Retry-After` is left alone until then, and robots.txt is known before a
/// host's first page is requested. Pure bookkeeping — no libcurl — so it can be tested with
/// a fake clock. Confined to the driver thread.
final class PolitenessScheduler {
    enum Action {
        /// Fetch robots.txt for this target's origin.
        case fetchRobots(TargetURL)
        /// Start (another attempt of) this job.
        case fetchPage(FetchJob)
        /// robots.txt forbids this job; the reason says which rule set.
        case disallowed(FetchJob, reason: String)
    }

    /// Politeness state of one host name.
    final class Host {
        var queue: [FetchJob] = []
        var head = 0
        /// Jobs waiting out a retry backoff.
        var waiting: [FetchJob] = []
        var active = 0
        var lastStart = -Double.infinity
        var blockedUntil = -Double.infinity
        var delay: Double

        init(delay: Double) { self.delay = delay }

        var earliestStart: Double { max(lastStart + delay, blockedUntil) }
        var first: FetchJob? { head < queue.count ? queue[head] : nil }
        var hasWork: Bool { head < queue.count || !waiting.isEmpty }

        func popFirst() -> FetchJob {
            let job = queue[head]
            head += 1
            if head >= 1024 && head * 2 >= queue.count {
                queue.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    enum RobotsEntry {
        case fetching
        case loaded(RobotsRules, reason: String)
    }

    let perHost: Int
    let baseDelay: Double
    let obeyRobots: Bool
    let maxCrawlDelay: Double
    private(set) var hosts: [String: Host] = [:]
    /// Hosts with queued or waiting jobs: the only ones a scheduling pass looks at.
    private var busy: Set<String> = []
    private var robots: [String: RobotsEntry] = [:]
    /// Jobs robots.txt forbids, reported by the next pass: they need no request, so neither
    /// delays nor limits hold them back.
    private var refused: [(FetchJob, String)] = []
    private(set) var queuedCount = 0

    init(perHost: Int, delay: Double, obeyRobots: Bool, maxCrawlDelay: Double) {
        self.perHost = max(1, perHost)
        self.baseDelay = max(0, delay)
        self.obeyRobots = obeyRobots
        self.maxCrawlDelay = maxCrawlDelay
    }

    func host(_ name: String) -> Host {
        if let host = hosts[name] { return host }
        let host = Host(delay: baseDelay)
        hosts[name] = host
        return host
    }

    func add(_ job: FetchJob) {
        if obeyRobots, case .loaded(let rules, let reason) = robots[job.target.origin], !rules.allows(job.target.pathAndQuery) {
            refused.append((job, reason))
            return
        }
        host(job.target.host).queue.append(job)
        busy.insert(job.target.host)
        queuedCount += 1
    }

    /// The starts allowed at `now`, given `freeSlots` global transfer slots. `admit` is asked
    /// before each page start (the response budget); a `false` ends the pass.
    func next(now: Double, freeSlots: Int, admit: (FetchJob) -> Bool) -> [Action] {
        var actions: [Action] = refused.map { .disallowed($0.0, reason: $0.1) }
        refused.removeAll()
        var free = freeSlots
        promoteDueRetries(now: now)
        guard free > 0 else { return actions }
        var candidates: [(Int, Host)] = []
        for name in busy {
            let host = hosts[name]!
            if let first = host.first, host.active < perHost, host.earliestStart <= now {
                candidates.append((first.sequence, host))
            }
        }
        candidates.sort { $0.0 < $1.0 }
        for (_, host) in candidates {
            hostLoop: while free > 0, host.active < perHost, host.earliestStart <= now, let job = host.first {
                if obeyRobots {
                    switch robots[job.target.origin] {
                    case nil:
                        robots[job.target.origin] = .fetching
                        actions.append(.fetchRobots(job.target))
                        host.active += 1
                        host.lastStart = now
                        free -= 1
                        continue hostLoop
                    case .fetching:
                        break hostLoop
                    case .loaded:
                        break  // disallowed jobs were taken out when the rules arrived
                    }
                }
                guard admit(job) else { return actions }
                _ = host.popFirst()
                queuedCount -= 1
                actions.append(.fetchPage(job))
                host.active += 1
                host.lastStart = now
                free -= 1
            }
        }
        busy = busy.filter { hosts[$0]!.hasWork }
        return actions
    }

    /// A transfer to `host` ended (page or robots.txt).
    func finished(host name: String) {
        host(name).active -= 1
    }

    /// robots.txt for `target`'s origin is known; its Crawl-delay (capped) raises the host's delay.
    func robotsLoaded(for target: TargetURL, rules: RobotsRules, reason: String) {
        robots[target.origin] = .loaded(rules, reason: reason)
        let host = host(target.host)
        if let crawlDelay = rules.crawlDelay {
            host.delay = max(host.delay, min(crawlDelay, maxCrawlDelay))
        }
        // Take out at once every queued job of this origin the rules forbid.
        let origin = target.origin
        var kept: [FetchJob] = []
        for job in host.queue[host.head...] {
            if job.target.origin == origin && !rules.allows(job.target.pathAndQuery) {
                refused.append((job, reason))
                queuedCount -= 1
            } else {
                kept.append(job)
            }
        }
        host.queue = kept
        host.head = 0
    }

    /// Whether a page job asks for `target`'s robots.txt itself (site discovery reads its
    /// `Sitemap:` lines), so the driver can answer it from the robots.txt transfer it just
    /// finished instead of requesting the same file twice.
    func hasQueuedRobotsPage(for target: TargetURL) -> Bool {
        guard let host = hosts[target.host] else { return false }
        let origin = target.origin
        func isRobots(_ job: FetchJob) -> Bool { job.target.origin == origin && job.target.pathAndQuery == "/robots.txt" }
        return host.queue[host.head...].contains(where: isRobots) || host.waiting.contains(where: isRobots)
    }

    /// Queues `job` again for `time`; `pauseHost` (a server's Retry-After) holds back every
    /// request to the host until then.
    func retry(_ job: FetchJob, at time: Double, pauseHost: Bool) {
        let host = host(job.target.host)
        job.notBefore = time
        host.waiting.append(job)
        if pauseHost { host.blockedUntil = max(host.blockedUntil, time) }
        busy.insert(job.target.host)
        queuedCount += 1
    }

    private func promoteDueRetries(now: Double) {
        for name in busy {
            let host = hosts[name]!
            guard !host.waiting.isEmpty else { continue }
            let due = host.waiting.filter { $0.notBefore <= now }
            guard !due.isEmpty else { continue }
            host.waiting.removeAll { $0.notBefore <= now }
            // Retried jobs are older than anything still queued: they go first, in order.
            host.queue = (due + host.queue[host.head...]).sorted { $0.sequence < $1.sequence }
            host.head = 0
        }
    }

    /// The next moment a pass could start something that is blocked only by time (a delay,
    /// a Retry-After pause or a retry backoff); nil when nothing waits on the clock.
    func wakeTime(now: Double) -> Double? {
        if !refused.isEmpty { return now }
        var earliest: Double?
        func consider(_ time: Double) {
            if time > now { earliest = min(earliest ?? time, time) }
        }
        for name in busy {
            let host = hosts[name]!
            for job in host.waiting { consider(max(job.notBefore, host.blockedUntil)) }
            if host.first != nil, host.active < perHost { consider(host.earliestStart) }
        }
        return earliest
    }

    /// Removes and returns every job not yet started (for closing).
    func removeAll() -> [FetchJob] {
        var jobs: [FetchJob] = refused.map(\.0)
        refused.removeAll()
        for host in hosts.values {
            jobs += host.queue[host.head...]
            jobs += host.waiting
            host.queue = []
            host.head = 0
            host.waiting = []
        }
        busy = []
        queuedCount = 0
        return jobs.sorted { $0.sequence < $1.sequence }
    }
}
