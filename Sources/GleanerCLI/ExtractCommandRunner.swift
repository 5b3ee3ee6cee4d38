import Foundation
import Gleaner
import GleanerWARC

/// The work of `gleaner extract`: inputs in, one JSON line per input out, in order.
public struct ExtractCommandRunner: Sendable {
    public var inputs: [InputSource]
    public var baseURL: String?
    public var jobs: Int
    public var extractor: ArticleExtractor
    public var reader: InputReader
    /// Which records of web archives are pages (`--warc-status`, `--warc-include-non-html`).
    public var warcSelector: WARCPageSelector

    public init(inputs: [InputSource], baseURL: String?, jobs: Int, extractor: ArticleExtractor = ArticleExtractor(), reader: InputReader = InputReader(), warcSelector: WARCPageSelector = WARCPageSelector()) {
        self.inputs = inputs
        self.baseURL = baseURL
        self.jobs = jobs
        self.extractor = extractor
        self.reader = reader
        self.warcSelector = warcSelector
    }

    /// Counts of what a run produced, for the exit status and the stderr summary.
    public struct Summary: Sendable {
        public var articles = 0
        public var errors: [String: Int] = [:]
        /// Web-archive records that were not pages, by reason (`revisit`, `not_html`, …).
        public var warcSkipped: [String: Int] = [:]
        public var errorCount: Int { errors.values.reduce(0, +) }
    }

    /// Processes one input to its JSON line. Never throws: failures become error records.
    public func line(for input: InputSource) -> (String, String?) {
        let result: ExtractionResult
        do {
            let bytes = try reader.read(input)
            result = extractor.result(html: bytes, url: baseURL, source: input.name)
        } catch {
            result = .failure(error)
        }
        if case .failure(let error) = result {
            return (ArticleJSON.line(for: result), error.code)
        }
        return (ArticleJSON.line(for: result), nil)
    }

    public func run(writer: LineWriter) throws -> Summary {
        var summary = Summary()
        var writeError: (any Error)?
        let emit = { (output: (String, String?)) in
            if let code = output.1 { summary.errors[code, default: 0] += 1 } else { summary.articles += 1 }
            guard writeError == nil else { return }
            do { try writer.write(line: output.0) } catch { writeError = error }
        }
        // Runs of plain inputs go through the batch map; a web archive (by content) streams
        // its records through its own ordered map, in place.
        var start = 0
        while start < inputs.count {
            if case .file(let path) = inputs[start], WARCDetector.isArchive(path: path) {
                let warc = WARCExtraction(selector: warcSelector, extractor: extractor, jobs: jobs)
                let skipped = warc.run(path: path, emit: emit)
                summary.warcSkipped.merge(skipped, uniquingKeysWith: +)
                start += 1
                continue
            }
            var end = start + 1
            while end < inputs.count {
                if case .file(let path) = inputs[end], WARCDetector.isArchive(path: path) { break }
                end += 1
            }
            let batch = Array(inputs[start..<end])
            let map = OrderedParallelMap<(String, String?)>(jobs: jobs)
            map.run(count: batch.count, work: { index in self.line(for: batch[index]) }) { _, output in emit(output) }
            start = end
        }
        try writer.flush()
        if let writeError { throw writeError }
        return summary
    }
}
