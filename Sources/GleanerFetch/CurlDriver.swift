import CCurl
import Foundation
import GleanerModel

/// The loop on the fetcher's dedicated thread: takes submissions from the inbox, asks the
/// scheduler what may start, drives every transfer with libcurl's multi interface
/// (`curl_multi_perform` + `curl_multi_poll`), and turns finished transfers into responses,
/// retries or robots.txt rules. Everything here is confined to that one thread, which is why
/// none of it needs to be `Sendable`; blocking in `curl_multi_poll` never touches Swift's
/// cooperative pool.
final class CurlDriver {
    private let configuration: FetchConfiguration
    private let inbox: FetchInbox
    private let multi: UnsafeMutableRawPointer
    private let scheduler: PolitenessScheduler
    private let retryPolicy: RetryPolicy
    private var random = SystemRandomNumberGenerator()
    /// Transfers in flight, by easy handle address.
    private var transfers: [UInt: Transfer] = [:]
    private var nextSequence = 0
    /// Finished robots.txt transfers kept, by origin, only while a page job for that same
    /// robots.txt is queued: that job is answered from it (one request per site, not two).
    private var robotsAnswers: [String: (transfer: Transfer, code: CURLcode)] = [:]
    /// Request headers shared by every transfer; freed after the last one.
    private let headers: UnsafeMutablePointer<curl_slist>?

    /// `Accept` tells servers we want HTML; some serve other variants otherwise.
    static let acceptHeader = "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"

    init(configuration: FetchConfiguration, inbox: FetchInbox) throws(FetchFailure) {
        guard CurlGlobal.isReady else {
            // libcurl is loaded on first use: say why it could not be, when that was the cause.
            let reason = gleaner_curl_load_error().map { String(cString: $0) } ?? "libcurl: curl_global_init failed"
            throw FetchFailure(.fetchFailed, reason)
        }
        guard let multi = curl_multi_init() else {
            throw FetchFailure(.fetchFailed, "libcurl: curl_multi_init failed")
        }
        self.multi = multi
        self.configuration = configuration.resolvingTrust(environment: ProcessInfo.processInfo.environment)
        self.inbox = inbox
        scheduler = PolitenessScheduler(
            perHost: configuration.perHost, delay: configuration.delay,
            obeyRobots: configuration.obeyRobots, maxCrawlDelay: configuration.maxCrawlDelay)
        retryPolicy = RetryPolicy(
            retries: configuration.retries, baseDelay: configuration.retryBaseDelay,
            maxRetryAfter: configuration.maxRetryAfter)
        headers = curl_slist_append(nil, Self.acceptHeader)
        // Keep enough idle connections around for every host the run talks to at once.
        _ = gleaner_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(configuration.concurrency * 2, 16))
        inbox.attach(multi: multi)
    }

    /// Runs until the inbox is closed. Call on the dedicated thread only.
    func run() {
        while true {
            let (submissions, closing) = inbox.drain()
            // Accept before looking at `closing`: a submission drained together with the
            // close must still get its (cancelled) response.
            for submission in submissions { accept(submission) }
            if closing { break }
            startTransfers()
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            startTransfers()
            _ = curl_multi_poll(multi, nil, 0, pollTimeout(), nil)
        }
        shutDown()
    }

    private func accept(_ submission: FetchInbox.Submission) {
        switch TargetURL.parse(submission.url) {
        case .failure(let failure):
            let info = FetchInfo(requestedURL: submission.url, fetchedAt: Clocks.iso8601Now(), insecure: configuration.insecure)
            submission.completion(FetchResponse(info: info, body: [], charset: nil, failure: failure, lease: nil))
        case .success(let target):
            let job = FetchJob(url: submission.url, target: target, sequence: nextSequence, completion: submission.completion)
            job.options = submission.options
            nextSequence += 1
            scheduler.add(job)
        }
    }

    /// Milliseconds to block in `curl_multi_poll`: until the scheduler's next timed start,
    /// at most a second (libcurl shortens it further for its own timeouts; a submission,
    /// a released response or closing wakes it at once).
    private func pollTimeout() -> Int32 {
        let now = Clocks.monotonic()
        guard let wake = scheduler.wakeTime(now: now) else { return 1000 }
        return Int32(min(1000, max(1, ((wake - now) * 1000).rounded(.up))))
    }

    private func startTransfers() {
        let now = Clocks.monotonic()
        let free = configuration.concurrency - transfers.count
        let actions = scheduler.next(now: now, freeSlots: free) { job in
            if job.lease != nil || !inbox.hasHoldBudget { return true }
            guard inbox.tryAcquireHold() else { return false }
            job.lease = ResponseLease(inbox: inbox)
            return true
        }
        for action in actions {
            switch action {
            case .fetchRobots(let target):
                start(url: target.robotsURL, purpose: .robots(target))
            case .fetchPage(let job):
                job.attempts += 1
                if job.firstStart == nil { job.firstStart = now }
                start(url: job.url, purpose: .page(job))
            case .disallowed(let job, let reason):
                let failure = FetchFailure(.robotsDisallowed, reason)
                let info = FetchInfo(requestedURL: job.url, fetchedAt: Clocks.iso8601Now(), insecure: configuration.insecure)
                job.completion(FetchResponse(info: info, body: [], charset: nil, failure: failure, lease: job.lease))
            }
        }
    }

    private func start(url: String, purpose: Transfer.Purpose) {
        do throws(FetchFailure) {
            var extra: [String] = []
            if case .page(let job) = purpose {
                if job.target.pathAndQuery == "/robots.txt", let answer = robotsAnswers.removeValue(forKey: job.target.origin) {
                    scheduler.finished(host: job.target.host)
                    answer.transfer.acceptAnyContentType = job.options.acceptAnyContentType
                    deliver(job, failure: CurlResult.classify(answer.transfer, code: answer.code), transfer: answer.transfer)
                    return
                }
                extra = job.options.headers
            }
            let transfer = try Transfer(url: url, purpose: purpose, configuration: configuration, headers: headers, extraHeaders: extra)
            let code = curl_multi_add_handle(multi, transfer.handle)
            guard code == CURLM_OK else {
                throw FetchFailure(.fetchFailed, "libcurl: " + String(cString: curl_multi_strerror(code)))
            }
            transfers[UInt(bitPattern: transfer.handle)] = transfer
        } catch {
            // Could not even start: finish it as if the transfer had failed at once.
            switch purpose {
            case .robots(let target):
                scheduler.finished(host: target.host)
                scheduler.robotsLoaded(for: target, rules: .allowAll, reason: "")
            case .page(let job):
                scheduler.finished(host: job.target.host)
                deliver(job, failure: error, transfer: nil)
            }
        }
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == gleaner_curlmsg_done, let easy = message.pointee.easy_handle else { continue }
            let code = gleaner_curlmsg_result(message)
            _ = curl_multi_remove_handle(multi, easy)
            guard let transfer = transfers.removeValue(forKey: UInt(bitPattern: easy)) else { continue }
            if let recorder = configuration.exchangeRecorder {
                for exchange in transfer.recordedExchanges() { recorder(exchange) }
            }
            switch transfer.purpose {
            case .robots(let target):
                finishRobots(transfer, target: target, code: code)
            case .page(let job):
                finishPage(transfer, job: job, code: code)
            }
        }
    }

    /// robots.txt outcomes (RFC 9309 §2.3.1): 2xx → its rules; 4xx → no restrictions;
    /// 5xx → everything disallowed; no answer at all → no restrictions (the page fetches then
    /// report the real network failure).
    private func finishRobots(_ transfer: Transfer, target: TargetURL, code: CURLcode) {
        scheduler.finished(host: target.host)
        let status = transfer.responseCode
        let rules: RobotsRules
        var reason = "robots.txt of \(target.origin) disallows this path for \(RobotsTxt.productToken(configuration.userAgent))"
        if code != CURLE_OK && !transfer.cutAtLimit {
            rules = .allowAll
        } else if (200...299).contains(status) {
            rules = RobotsTxt(String(decoding: transfer.body, as: UTF8.self)).rules(for: configuration.userAgent)
        } else if status >= 500 {
            rules = .disallowAll
            reason = "robots.txt of \(target.origin) answered HTTP \(status): treated as disallow-all (RFC 9309)"
        } else {
            rules = .allowAll
        }
        // Any complete HTTP answer (a 404 too) serves the page request; a network failure or
        // a body cut at the robots.txt size limit does not.
        if code == CURLE_OK && !transfer.cutAtLimit && status > 0 && transfer.receivedBytes <= configuration.maxBytes
            && scheduler.hasQueuedRobotsPage(for: target) {
            robotsAnswers[target.origin] = (transfer, code)
        }
        scheduler.robotsLoaded(for: target, rules: rules, reason: reason)
    }

    private func finishPage(_ transfer: Transfer, job: FetchJob, code: CURLcode) {
        scheduler.finished(host: job.target.host)
        let failure = CurlResult.classify(transfer, code: code)
        if let failure, failure.code.isRetryable {
            let retryAfter = transfer.retryAfter.flatMap { RetryPolicy.parseRetryAfter($0) }
            if let wait = retryPolicy.delay(afterAttempts: job.attempts, retryAfter: retryAfter, using: &random) {
                scheduler.retry(job, at: Clocks.monotonic() + wait, pauseHost: retryAfter != nil)
                return
            }
        }
        deliver(job, failure: failure, transfer: transfer)
    }

    private func deliver(_ job: FetchJob, failure: FetchFailure?, transfer: Transfer?) {
        let elapsed = job.firstStart.map { Int(((Clocks.monotonic() - $0) * 1000).rounded()) } ?? 0
        let status = transfer?.responseCode ?? 0
        let contentType = transfer?.contentType
        let info = FetchInfo(
            requestedURL: job.url,
            finalURL: status > 0 ? transfer?.effectiveURL : nil,
            status: status > 0 ? status : nil,
            redirects: transfer?.redirectCount ?? 0,
            contentType: contentType,
            bytes: transfer?.receivedBytes ?? 0,
            elapsedMilliseconds: elapsed,
            fetchedAt: Clocks.iso8601Now(),
            attempts: job.attempts,
            insecure: configuration.insecure)
        let body = failure == nil ? (transfer?.takeBody() ?? []) : []
        let charset = contentType.flatMap { ContentType($0)?.charset }
        var response = FetchResponse(info: info, body: body, charset: charset, failure: failure, lease: job.lease)
        if failure == nil, let transfer {
            response.etag = transfer.etag
            response.lastModified = transfer.lastModified
        }
        job.lease = nil
        job.completion(response)
    }

    /// Closing: every unfinished job gets a `cancelled` response, then libcurl is torn down.
    private func shutDown() {
        for transfer in transfers.values {
            _ = curl_multi_remove_handle(multi, transfer.handle)
            if case .page(let job) = transfer.purpose {
                deliver(job, failure: FetchFailure(.cancelled, "the fetcher was closed"), transfer: nil)
            }
        }
        transfers.removeAll()
        robotsAnswers.removeAll()
        for job in scheduler.removeAll() {
            deliver(job, failure: FetchFailure(.cancelled, "the fetcher was closed"), transfer: nil)
        }
        for submission in inbox.drain().submissions {
            let info = FetchInfo(requestedURL: submission.url, fetchedAt: Clocks.iso8601Now(), insecure: configuration.insecure)
            submission.completion(FetchResponse(info: info, body: [], charset: nil, failure: FetchFailure(.cancelled, "the fetcher was closed"), lease: nil))
        }
        inbox.attach(multi: nil)
        curl_multi_cleanup(multi)
        curl_slist_free_all(headers)
    }
}

/// `curl_global_init` must run once, before any other libcurl call and not concurrently
/// with one; a `static let` initialiser runs exactly once, thread-safely.
enum CurlGlobal {
    static let isReady: Bool = curl_global_init(gleaner_curl_global_all) == CURLE_OK
}
