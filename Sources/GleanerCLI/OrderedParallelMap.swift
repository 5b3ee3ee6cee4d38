import Foundation

/// Runs CPU-bound work for many inputs on `jobs` dedicated threads and hands the results to
/// the caller strictly in input order.
///
/// Workers claim indices from a shared counter but may run at most `window` inputs ahead of
/// the oldest result not yet emitted, so memory stays bounded however many inputs there are.
/// Dedicated threads (not Swift's cooperative pool) because the work blocks on file I/O and
/// long parses.
public final class OrderedParallelMap<Output: Sendable>: @unchecked Sendable {
    private let jobs: Int
    private let window: Int
    private let condition = NSCondition()
    private var nextToClaim = 0
    private var nextToEmit = 0
    private var finished: [Int: Output] = [:]

    public init(jobs: Int, window: Int? = nil) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs * 2, window ?? self.jobs * 8)
    }

    /// Calls `work(i)` for every `i` in `0..<count` in parallel and `emit(i, output)` on the
    /// calling thread in order of `i`.
    public func run(count: Int, work: @escaping @Sendable (Int) -> Output, emit: (Int, Output) -> Void) {
        guard count > 0 else { return }
        var threads: [Thread] = []
        for _ in 0..<min(jobs, count) {
            let thread = Thread { [self] in
                while let index = claim(count: count) {
                    let output = work(index)
                    condition.lock()
                    finished[index] = output
                    condition.broadcast()
                    condition.unlock()
                }
            }
            thread.stackSize = 16 * 1024 * 1024
            threads.append(thread)
            thread.start()
        }
        while true {
            condition.lock()
            while finished[nextToEmit] == nil {
                condition.wait()
            }
            let index = nextToEmit
            let output = finished.removeValue(forKey: index)!
            nextToEmit += 1
            condition.broadcast()
            condition.unlock()
            emit(index, output)
            if index == count - 1 { break }
        }
    }

    private func claim(count: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while nextToClaim < count && nextToClaim >= nextToEmit + window {
            condition.wait()
        }
        guard nextToClaim < count else { return nil }
        let index = nextToClaim
        nextToClaim += 1
        return index
    }
}
