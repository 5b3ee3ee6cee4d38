import Foundation
import GleanerFetch
import GleanerWARC

/// Archives every HTTP exchange the fetcher makes — pages, redirect hops, robots.txt,
/// retries, 304s — to WARC files (`scrape --warc`, the pipeline's `warc:` sink). Plugged into
/// `FetchConfiguration.exchangeRecorder`; called on the fetcher's thread.
public final class WARCArchiver: Sendable {
    public let writer: WARCWriter
    private let failureBox = FailureBox()

    public init(path: String, maxSize: Int? = nil, append: Bool = false, software: String) throws(WARCFailure) {
        writer = try WARCWriter(.init(path: path, maxSize: maxSize, append: append, software: software))
    }

    /// The closure for `FetchConfiguration.exchangeRecorder`.
    public var recorder: @Sendable (RecordedExchange) -> Void {
        { [writer, failureBox] exchange in
            let archived = HTTPExchange(
                targetURI: exchange.url, date: exchange.date, ipAddress: exchange.ipAddress,
                requestHead: exchange.requestHead, responseHead: exchange.responseHead, payload: exchange.body)
            do throws(WARCFailure) { try writer.write(archived) } catch { failureBox.set(error) }
        }
    }

    /// The first write failure (a full disk), if any: the run reports it at the end.
    public var failure: WARCFailure? { failureBox.get() }

    public func close() { writer.close() }
}

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: WARCFailure?

    func set(_ value: WARCFailure) {
        lock.lock()
        if failure == nil { failure = value }
        lock.unlock()
    }

    func get() -> WARCFailure? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }
}
