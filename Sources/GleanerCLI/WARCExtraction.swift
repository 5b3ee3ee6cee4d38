import Foundation
import Gleaner
import GleanerWARC

/// `gleaner extract` over a web archive: every qualifying record of a WARC file is one
/// record line (url = `WARC-Target-URI`, used as `--base-url` is; source = `FILE#OFFSET`;
/// a `warc` object), every broken record one error line, in file order. The file is read as
/// a stream while `jobs` threads extract.
public struct WARCExtraction: Sendable {
    public var selector: WARCPageSelector
    public var extractor: ArticleExtractor
    public var jobs: Int

    public init(selector: WARCPageSelector = WARCPageSelector(), extractor: ArticleExtractor = ArticleExtractor(), jobs: Int = 1) {
        self.selector = selector
        self.extractor = extractor
        self.jobs = max(1, jobs)
    }

    /// One line (and its error code, if an error record) for a stream item.
    public func line(for item: WARCPageStream.Item) -> (String, String?) {
        switch item {
        case .failure(let error):
            return (ArticleJSON.line(for: error), error.code)
        case .page(let page):
            switch extractor.result(html: page.body, url: page.url.isEmpty ? nil : page.url, source: page.origin.source, charset: page.charset) {
            case .article(var article):
                article.warc = page.origin
                return (ArticleJSON.line(for: article), nil)
            case .failure(var error):
                error.warc = page.origin
                return (ArticleJSON.line(for: error), error.code)
            }
        }
    }

    /// Streams `path`'s lines to `emit` in order; returns the records skipped, by reason.
    public func run(path: String, emit: ((String, String?)) -> Void) -> [String: Int] {
        let stream = WARCPageStream(path: path, selector: selector)
        let map = StreamingOrderedMap<WARCPageStream.Item, (String, String?)>(jobs: jobs)
        map.run(next: { stream.next() }, work: { self.line(for: $0) }, emit: emit)
        return stream.skipped
    }
}
