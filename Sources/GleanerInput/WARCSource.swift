import Foundation
import GleanerModel
import GleanerWARC

/// The pages of one web archive (WARC 1.0/1.1, plain or gzip) as a `Source`: one item per
/// qualifying record — its payload, `WARC-Target-URI` as the page URL, the stored charset, and
/// the record's `warc` origin — and one failure item per broken record, in file order. The
/// file is streamed: only the record being handed out is in memory.
public struct WARCSource: Source {
    private let stream: WARCPageStream

    public init(path: String, selector: WARCPageSelector = WARCPageSelector()) {
        stream = WARCPageStream(path: path, selector: selector)
    }

    init(stream: WARCPageStream) {
        self.stream = stream
    }

    /// Records that were not pages, by reason (`revisit`, `not_html`, …).
    public var skipped: [String: Int] { stream.skipped }

    public mutating func next() -> SourceItem? {
        switch stream.next() {
        case nil:
            return nil
        case .failure(let error):
            return SourceItem(name: error.source, content: .failure(error))
        case .page(let page):
            var item = SourceItem(
                name: page.origin.source, content: .bytes(page.body), url: page.url.isEmpty ? nil : page.url,
                charset: page.charset, status: page.origin.status)
            item.warc = page.origin
            return item
        }
    }
}

/// Recognises web archives among `FileSource`'s inputs by content (not by name) and streams
/// their records in place. Keeps the streams it opened so the summary can count the records
/// that were skipped.
public final class WARCOpener: ContainerOpener, @unchecked Sendable {
    private let selector: WARCPageSelector
    private let lock = NSLock()
    private var streams: [WARCPageStream] = []

    public init(selector: WARCPageSelector = WARCPageSelector()) {
        self.selector = selector
    }

    public func open(_ input: InputSource) -> (any Source)? {
        guard case .file(let path) = input, WARCDetector.isArchive(path: path) else { return nil }
        let stream = WARCPageStream(path: path, selector: selector)
        lock.lock()
        streams.append(stream)
        lock.unlock()
        return WARCSource(stream: stream)
    }

    /// Records skipped in every archive opened so far, by reason.
    public var skipped: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return streams.reduce(into: [:]) { total, stream in total.merge(stream.skipped, uniquingKeysWith: +) }
    }
}
