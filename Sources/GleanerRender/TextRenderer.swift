import GleanerModel

/// Plain text: the headline, a blank line, then the record's body — lead and blocks, one
/// blank line apart, exactly as in `text` — except that tables come as rows (cells
/// separated by ` | `), code keeps its indentation, and images, which have no text, are
/// left out. Comments follow a `Comments` line, each with its author and date.
public struct TextRenderer: ArticleRenderer {
    public init() {}

    public func render(_ article: Article) -> String {
        var parts: [String] = []
        if let headline = article.headline { parts.append(headline) }
        if let lead = article.lead, !lead.isEmpty { parts.append(lead) }
        for block in article.blocks {
            switch block.type {
            case .image:
                continue
            case .table where !block.rows.isEmpty:
                var lines = block.rows.map { $0.cells.joined(separator: " | ") }
                if let caption = block.caption { lines.insert(caption, at: 0) }
                parts.append(lines.joined(separator: "\n"))
            case .preformatted, .code:
                parts.append(block.verbatim ?? block.text)
            default:
                if !block.text.isEmpty { parts.append(block.text) }
            }
        }
        if !article.comments.isEmpty {
            parts.append("Comments")
            for comment in article.comments {
                let header = [comment.author, comment.published].compactMap { $0 }.joined(separator: ", ")
                parts.append(header.isEmpty ? comment.text : header + ":\n" + comment.text)
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    public func render(_ error: GleanerError) -> String {
        "error: \(error.source): \(error.stage.rawValue)/\(error.code): \(error.message)\n"
    }
}
