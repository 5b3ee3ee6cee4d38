import Foundation

/// Where worker threads and fetch completions drop outcomes for the run loop, and where a
/// signal handler asks it to stop. The loop blocks on the semaphore, never on a Swift task.
final class OutcomeInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Outcome] = []
    private var stopSignal: Int32?
    private let wake = DispatchSemaphore(value: 0)

    func push(_ outcome: Outcome) {
        lock.lock()
        outcomes.append(outcome)
        lock.unlock()
        wake.signal()
    }

    func requestStop(signal: Int32) {
        lock.lock()
        if stopSignal == nil { stopSignal = signal }
        lock.unlock()
        wake.signal()
    }

    var stopRequested: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return stopSignal
    }

    /// Waits up to `timeout` seconds for something, then takes everything there is.
    func take(timeout: Double) -> [Outcome] {
        _ = wake.wait(timeout: .now() + timeout)
        lock.lock()
        defer { lock.unlock() }
        let taken = outcomes
        outcomes.removeAll(keepingCapacity: true)
        return taken
    }
}
