/// A failure as a value: which stage failed, on which input, and the underlying
/// libxml2 / curl / OS message. Written out as an error record, never thrown past a batch.
public struct GleanerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pipeline stage that failed.
    public enum Stage: String, Sendable, Equatable {
        case read
        case decode
        case parse
        case extract
        case fetch
        case write
    }

    public var stage: Stage
    /// A stable machine-readable code such as `empty_input` or `not_html`.
    public var code: String
    /// Human-readable detail, including the underlying library or OS message.
    public var message: String
    /// The input this error belongs to.
    public var source: String
    /// How the page was fetched, when the input was a URL.
    public var fetch: FetchInfo? = nil
    /// The web-archive record this error belongs to, when it was read from one and the
    /// record itself could be read (an extraction failure of an archived page).
    public var warc: WARCOrigin? = nil

    public init(stage: Stage, code: String, message: String, source: String) {
        self.stage = stage
        self.code = code
        self.message = message
        self.source = source
    }

    public var description: String { "\(source): \(stage.rawValue)/\(code): \(message)" }
}
