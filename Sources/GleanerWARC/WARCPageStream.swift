import GleanerModel

/// The pages of one WARC file, in file order, as extraction inputs: each qualifying record
/// becomes `.page`, each broken one `.failure` (a `GleanerError` whose source is
/// `FILE#OFFSET`); everything else is skipped and counted. This is what `gleaner extract` and
/// the pipeline's `warc:` source iterate.
public final class WARCPageStream: IteratorProtocol, Sequence {
    public enum Item: Sendable {
        case page(WARCPage)
        case failure(GleanerError)
    }

    public let path: String
    private let reader: WARCReader
    private let selector: WARCPageSelector
    /// Records skipped so far, by reason (`revisit`, `not_html`, `status`, `other_type`).
    public private(set) var skipped: [String: Int] = [:]

    /// `offset`: where to start — a record's offset as reported (a gzip member or a plain
    /// record's first byte), to resume without the records before it.
    public init(path: String, offset: Int = 0, selector: WARCPageSelector = WARCPageSelector()) {
        self.path = path
        self.selector = selector
        reader = WARCReader(path: path, offset: offset, maximumRecordBytes: selector.maximumPayloadBytes)
    }

    public func next() -> Item? {
        while let item = reader.next() {
            switch item {
            case .failure(let failure):
                return .failure(Self.error(failure, path: path))
            case .record(let record):
                switch selector.select(record, file: path) {
                case .page(let page): return .page(page)
                case .failure(let failure): return .failure(Self.error(failure, path: path))
                case .skipped(let reason): skipped[reason.rawValue, default: 0] += 1
                }
            }
        }
        return nil
    }

    /// A reader failure as an error record: stage `read`, source `FILE#OFFSET`.
    public static func error(_ failure: WARCFailure, path: String) -> GleanerError {
        let source = failure.code == "not_found" || failure.code == "unreadable" && failure.offset == 0 ? path : "\(path)#\(failure.offset)"
        var error = GleanerError(stage: .read, code: failure.code, message: failure.message, source: source)
        error.warc = failure.origin
        return error
    }
}
