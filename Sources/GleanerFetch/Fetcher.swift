import Foundation
import GleanerModel

/// Fetches web pages concurrently and politely with libcurl.
///
/// One dedicated thread runs libcurl's multi interface for all transfers; callers on any
/// thread or task submit URLs and get a `FetchResponse` per URL — through a completion
/// handler (called on the fetcher's thread: keep it short) or by `await`. Nothing blocks
/// Swift's cooperative threads. Politeness (per-host limits, delays, robots.txt) and retries
/// follow the `FetchConfiguration`.
public final class Fetcher: Sendable {
    public let configuration: FetchConfiguration
    private let inbox: FetchInbox
    private let driverThread: ThreadBox

    /// Starts the fetcher's thread. Throws when libcurl cannot be initialised.
    public init(configuration: FetchConfiguration = FetchConfiguration()) throws(FetchFailure) {
        self.configuration = configuration
        let inbox = FetchInbox(maxHeld: configuration.maxHeldResponses)
        self.inbox = inbox
        let driver = Handoff(try CurlDriver(configuration: configuration, inbox: inbox))
        let box = ThreadBox()
        driverThread = box
        let thread = Thread {
            box.markCurrent()
            driver.value.run()
            box.markEnded()
        }
        thread.name = "gleaner-fetch"
        thread.start()
    }

    deinit {
        inbox.close()
    }

    /// Queues `url`; `completion` is called exactly once, on the fetcher's thread. After
    /// `close()` it is called at once with a `cancelled` failure.
    public func submit(_ url: String, completion: @escaping @Sendable (FetchResponse) -> Void) {
        submit(url, options: FetchRequestOptions(), completion: completion)
    }

    /// Like `submit(_:completion:)`, with extra request headers or content types allowed.
    /// A 304 answer to a conditional request comes back without failure and with
    /// `isNotModified` set.
    public func submit(_ url: String, options: FetchRequestOptions, completion: @escaping @Sendable (FetchResponse) -> Void) {
        let submission = FetchInbox.Submission(url: url, completion: completion, options: options)
        if !inbox.submit(submission) {
            let info = FetchInfo(requestedURL: url, fetchedAt: Clocks.iso8601Now(), insecure: configuration.insecure)
            completion(FetchResponse(info: info, failure: FetchFailure(.cancelled, "the fetcher was closed")))
        }
    }

    /// Fetches `url` and returns when it is done (successfully or not).
    public func fetch(_ url: String, options: FetchRequestOptions = FetchRequestOptions()) async -> FetchResponse {
        await withCheckedContinuation { continuation in
            submit(url, options: options) { continuation.resume(returning: $0) }
        }
    }

    /// Stops the fetcher: unfinished fetches complete with `cancelled`; returns when the
    /// thread has ended. Called from a completion handler (the fetcher's own thread), it
    /// only asks the thread to stop. In async code the `async` overload is chosen, which
    /// waits without holding one of Swift's few cooperative threads.
    public func close() {
        inbox.close()
        guard !driverThread.isCurrent else { return }
        driverThread.waitForEnd()
    }

    /// Stops the fetcher like `close()`, suspending instead of blocking while the fetcher's
    /// thread finishes: a task that closes a fetcher leaves its cooperative thread to the
    /// tasks still waiting for their responses (a blocked one starved them under load).
    public func close() async {
        inbox.close()
        guard !driverThread.isCurrent else { return }
        await driverThread.end()
    }
}

/// Which thread is the driver, so `close()` called from a completion handler does not wait
/// for itself; and whether that thread has ended, for every caller of `close()` to wait on
/// (blocking or suspended).
final class ThreadBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var thread: pthread_t?
    private var ended = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func markCurrent() {
        condition.lock()
        thread = pthread_self()
        condition.unlock()
    }

    var isCurrent: Bool {
        condition.lock()
        defer { condition.unlock() }
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    /// Called by the driver thread as its last act: wakes every waiter.
    func markEnded() {
        condition.lock()
        ended = true
        let suspended = waiters
        waiters.removeAll()
        condition.broadcast()
        condition.unlock()
        for waiter in suspended { waiter.resume() }
    }

    /// Blocks the calling thread until the driver thread has ended.
    func waitForEnd() {
        condition.lock()
        while !ended { condition.wait() }
        condition.unlock()
    }

    /// Suspends the calling task until the driver thread has ended.
    func end() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if ended {
                condition.unlock()
                continuation.resume()
            } else {
                waiters.append(continuation)
                condition.unlock()
            }
        }
    }
}

/// Moves a non-Sendable value to another thread that becomes its only user. Used once: the
/// driver is created here (so `init` can throw) and from then on lives on its thread.
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
