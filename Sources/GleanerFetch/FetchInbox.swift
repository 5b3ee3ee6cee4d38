import CCurl
import Foundation

/// The only state shared between the threads that submit URLs and the driver thread that runs
/// libcurl: a locked queue of submissions, the closing flag and the response budget. Waking
/// the driver uses `curl_multi_wakeup`, the one multi call libcurl allows from another thread.
final class FetchInbox: @unchecked Sendable {
    struct Submission: Sendable {
        var url: String
        var completion: @Sendable (FetchResponse) -> Void
        var options = FetchRequestOptions()
    }

    private let lock = NSLock()
    private var submissions: [Submission] = []
    private var closing = false
    /// Set by the driver while its multi handle exists; nil before and after.
    private var multi: UnsafeMutableRawPointer?
    private var held = 0
    private let maxHeld: Int?

    init(maxHeld: Int?) {
        self.maxHeld = maxHeld
    }

    func submit(_ submission: Submission) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !closing else { return false }
        submissions.append(submission)
        wakeLocked()
        return true
    }

    /// Everything submitted since the last call, and whether the fetcher is closing.
    func drain() -> (submissions: [Submission], closing: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let taken = submissions
        submissions.removeAll(keepingCapacity: true)
        return (taken, closing)
    }

    func close() {
        lock.lock()
        closing = true
        wakeLocked()
        lock.unlock()
    }

    func attach(multi: UnsafeMutableRawPointer?) {
        lock.lock()
        self.multi = multi
        lock.unlock()
    }

    /// Takes one unit of the response budget, if there is one left.
    func tryAcquireHold() -> Bool {
        guard let maxHeld else { return true }
        lock.lock()
        defer { lock.unlock() }
        guard held < maxHeld else { return false }
        held += 1
        return true
    }

    var hasHoldBudget: Bool { maxHeld != nil }

    func releaseHold() {
        guard maxHeld != nil else { return }
        lock.lock()
        held -= 1
        wakeLocked()
        lock.unlock()
    }

    private func wakeLocked() {
        if let multi { curl_multi_wakeup(multi) }
    }
}
