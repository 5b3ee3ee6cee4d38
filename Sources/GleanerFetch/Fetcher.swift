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
    private let finished = DispatchSemaphore(value: 0)
    private let driverThread: ThreadBox

    /// Starts the fetcher's thread. Throws when libcurl cannot be initialised.
    public init(configuration: FetchConfiguration = FetchConfiguration()) throws(FetchFailure) {
        self.configuration = configuration
        let inbox = FetchInbox(maxHeld: configuration.maxHeldResponses)
        self.inbox = inbox
        let driver = Handoff(try CurlDriver(configuration: configuration, inbox: inbox))
        let finished = self.finished
        let box = ThreadBox()
        driverThread = box
        let thread = Thread {
            box.markCurrent()
            driver.value.run()
            finished.signal()
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
    /// thread has ended. Must not be called from a completion handler.
    public func close() {
        inbox.close()
        guard !driverThread.isCurrent else { return }
        if driverThread.claimJoin() { finished.wait() }
    }
}

/// Which thread is the driver, so `close()` called from a completion handler does not wait
/// for itself; and whether someone already waited for it to end.
final class ThreadBox: @unchecked Sendable {
    private let lock = NSLock()
    private var thread: pthread_t?
    private var joined = false

    func markCurrent() {
        lock.lock()
        thread = pthread_self()
        lock.unlock()
    }

    var isCurrent: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    func claimJoin() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if joined { return false }
        joined = true
        return true
    }
}

/// Moves a non-Sendable value to another thread that becomes its only user. Used once: the
/// driver is created here (so `init` can throw) and from then on lives on its thread.
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
