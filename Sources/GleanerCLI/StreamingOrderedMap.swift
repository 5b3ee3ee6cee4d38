import Foundation

/// Like `OrderedParallelMap`, for inputs that arrive from a stream of unknown length (the
/// records of a WARC file): `jobs` threads pull the next input under a lock, work in
/// parallel, and results are emitted on the calling thread in stream order. Workers run at
/// most `window` inputs ahead of the oldest result not yet emitted, so memory is bounded.
public final class StreamingOrderedMap<Input, Output: Sendable>: @unchecked Sendable {
    private let jobs: Int
    private let window: Int
    private let condition = NSCondition()
    private var nextSequence = 0
    private var nextToEmit = 0
    private var exhausted = false
    private var finished: [Int: Output] = [:]

    public init(jobs: Int, window: Int? = nil) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs * 2, window ?? self.jobs * 8)
    }

    /// Pulls inputs with `next` (called under a lock, one at a time) until it returns nil,
    /// runs `work` on them in parallel and calls `emit` in order on the calling thread.
    public func run(next: @escaping () -> Input?, work: @escaping (Input) -> Output, emit: (Output) -> Void) {
        let source = UncheckedBox((next, work))
        var threads: [Thread] = []
        for _ in 0..<jobs {
            let thread = Thread { [self] in
                while let (sequence, input) = claim(source.value.0) {
                    let output = source.value.1(input)
                    condition.lock()
                    finished[sequence] = output
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
            while finished[nextToEmit] == nil && !(exhausted && nextToEmit == nextSequence) {
                condition.wait()
            }
            guard let output = finished.removeValue(forKey: nextToEmit) else {
                condition.unlock()
                return
            }
            nextToEmit += 1
            condition.broadcast()
            condition.unlock()
            emit(output)
        }
    }

    private func claim(_ next: () -> Input?) -> (Int, Input)? {
        condition.lock()
        defer { condition.unlock() }
        while !exhausted && nextSequence >= nextToEmit + window {
            condition.wait()
        }
        guard !exhausted, let input = next() else {
            exhausted = true
            condition.broadcast()
            return nil
        }
        let sequence = nextSequence
        nextSequence += 1
        return (sequence, input)
    }
}

/// Carries non-Sendable closures into the worker threads; `StreamingOrderedMap` serialises
/// every call of the input closure under its lock.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
