import Foundation

/// A stop request shared between signal handlers and a running batch: the first signal
/// (SIGINT, SIGTERM) is kept so the command can exit with 128 + its number.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var signalNumber: Int32?
    private var sources: [any DispatchSourceSignal] = []

    public init() {}

    public func request(signal: Int32) {
        lock.lock()
        if signalNumber == nil { signalNumber = signal }
        lock.unlock()
    }

    /// The signal that asked to stop, if any.
    public var requested: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return signalNumber
    }

    /// Routes SIGINT and SIGTERM here instead of killing the process, until `uninstall`.
    public func installSignalHandlers(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request(signal: number) }
            source.resume()
            sources.append(source)
        }
    }

    public func uninstall() {
        sources.forEach { $0.cancel() }
        sources.removeAll()
    }
}
