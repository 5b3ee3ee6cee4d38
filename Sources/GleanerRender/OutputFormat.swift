import GleanerModel

/// The record formats Gleaner writes: JSON lines (the schema, default) and four renderings
/// of the same record for people and downstream tools (docs/formats.md).
public enum OutputFormat: String, CaseIterable, Sendable {
    case jsonl
    case markdown
    case text
    case html
    case xml

    /// File name extension of one record's file (`--output-dir`, a pipeline's `files`
    /// sink). A file there holds one record, so JSON lines become `.json`: one object.
    public var fileExtension: String {
        switch self {
        case .jsonl: "json"
        case .markdown: "md"
        case .text: "txt"
        case .html: "html"
        case .xml: "xml"
        }
    }

    /// The renderer of a document format; nil for `jsonl`, which the JSON sink writes.
    public var renderer: (any ArticleRenderer)? {
        switch self {
        case .jsonl: nil
        case .markdown: MarkdownRenderer()
        case .text: TextRenderer()
        case .html: HTMLRenderer()
        case .xml: XMLRenderer()
        }
    }

    /// Between two records written to one stream: a line holding only a form feed
    /// (U+000C). No rendered record contains one (record texts hold no control characters),
    /// so splitting on `"\n\u{0C}\n"` gives the records back.
    public static let recordSeparator = "\u{0C}\n"
}

/// Turns one record into a document of some format. Pure: no I/O, no state.
public protocol ArticleRenderer: Sendable {
    /// The document for an article, ending with a newline.
    func render(_ article: Article) -> String
    /// The document for an input that failed, ending with a newline: the same one-record-
    /// per-input promise as JSON lines.
    func render(_ error: GleanerError) -> String
}

extension ArticleRenderer {
    public func render(_ result: ExtractionResult) -> String {
        switch result {
        case .article(let article): render(article)
        case .failure(let error): render(error)
        }
    }
}
