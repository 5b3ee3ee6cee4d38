import GleanerModel

/// A clean, self-contained HTML5 document of the article — what Readability users get:
/// `<title>` and metadata in `<head>`, then one `<article>` with the headline, byline and
/// date, the lead, the body blocks as their natural elements (`p`, `h2`…, `ul`/`li`,
/// `blockquote`, `pre`/`code`, `table`, `figure`), and the comments after it.
public struct HTMLRenderer: ArticleRenderer {
    public init() {}

    public func render(_ article: Article) -> String {
        var out = "<!DOCTYPE html>\n"
        out += article.language.map { "<html lang=\"\(Self.escape($0))\">\n" } ?? "<html>\n"
        out += "<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>" + Self.escape(article.headline ?? "") + "</title>\n"
        func meta(_ attribute: String, _ name: String, _ value: String?) {
            guard let value else { return }
            out += "<meta \(attribute)=\"\(name)\" content=\"\(Self.escape(value))\">\n"
        }
        meta("name", "generator", "gleaner (\(Article.schema))")
        meta("name", "gleaner:source", article.source)
        if let url = article.url { out += "<link rel=\"canonical\" href=\"\(Self.escape(url))\">\n" }
        meta("name", "author", article.authors.isEmpty ? nil : article.authors.joined(separator: ", "))
        meta("property", "og:site_name", article.siteName)
        meta("property", "og:image", article.image)
        meta("property", "article:published_time", article.published)
        meta("property", "article:modified_time", article.modified)
        meta("name", "keywords", article.tags.isEmpty ? nil : article.tags.joined(separator: ", "))
        out += "</head>\n<body>\n<article>\n<header>\n"
        if let headline = article.headline { out += "<h1>" + Self.escape(headline) + "</h1>\n" }
        var byline: [String] = []
        if !article.authors.isEmpty { byline.append(article.authors.map(Self.escape).joined(separator: ", ")) }
        if let agency = article.agency { byline.append(Self.escape(agency)) }
        if !byline.isEmpty { out += "<p class=\"byline\">" + byline.joined(separator: " · ") + "</p>\n" }
        if let published = article.published {
            out += "<p class=\"dateline\"><time datetime=\"\(Self.escape(published))\">\(Self.escape(published))</time></p>\n"
        }
        out += "</header>\n"
        if let lead = article.lead, !lead.isEmpty { out += "<p class=\"lead\">" + Self.escapeLines(lead) + "</p>\n" }
        for run in BlockGrouping.runs(article.blocks) {
            out += renderRun(Array(article.blocks[run]))
        }
        out += "</article>\n"
        if !article.comments.isEmpty {
            out += "<section class=\"comments\">\n<h2>Comments</h2>\n"
            for (index, comment) in article.comments.enumerated() {
                var attributes = "class=\"comment\" id=\"comment-\(index)\""
                if let parent = comment.parent { attributes += " data-parent=\"comment-\(parent)\"" }
                out += "<article \(attributes)>\n"
                if comment.author != nil || comment.published != nil {
                    out += "<footer>"
                    if let author = comment.author { out += "<b class=\"author\">" + Self.escape(author) + "</b>" }
                    if let published = comment.published {
                        out += (comment.author == nil ? "" : " ") + "<time datetime=\"\(Self.escape(published))\">\(Self.escape(published))</time>"
                    }
                    out += "</footer>\n"
                }
                out += "<p>" + Self.escapeLines(comment.text) + "</p>\n</article>\n"
            }
            out += "</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    public func render(_ error: GleanerError) -> String {
        var out = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>error: \(Self.escape(error.code))</title>\n"
        out += "<meta name=\"gleaner:source\" content=\"\(Self.escape(error.source))\">\n</head>\n<body>\n"
        out += "<p class=\"error\" data-stage=\"\(Self.escape(error.stage.rawValue))\" data-code=\"\(Self.escape(error.code))\">"
            + Self.escape(error.message) + "</p>\n</body>\n</html>\n"
        return out
    }

    private func renderRun(_ blocks: [Block]) -> String {
        guard let first = blocks.first else { return "" }
        switch first.type {
        case .paragraph:
            return "<p>" + inline(first) + "</p>\n"
        case .heading:
            let level = min(max(first.level ?? 2, 1), 6)
            return "<h\(level)>" + inline(first) + "</h\(level)>\n"
        case .listItem:
            return "<ul>\n" + blocks.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n"
        case .quote:
            return "<blockquote>\n" + blocks.map { "<p>" + inline($0) + "</p>\n" }.joined() + "</blockquote>\n"
        case .preformatted:
            return "<pre>" + Self.escape(first.verbatim ?? first.text) + "</pre>\n"
        case .code:
            let language = first.language.map { " class=\"language-\(Self.escape($0))\"" } ?? ""
            return "<pre><code\(language)>" + Self.escape(first.verbatim ?? first.text) + "</code></pre>\n"
        case .table:
            var out = "<table>\n"
            if let caption = first.caption { out += "<caption>" + Self.escape(caption) + "</caption>\n" }
            var rows = first.rows[...]
            if let head = rows.first, head.header {
                out += "<thead>\n<tr>" + head.cells.map { "<th>" + Self.escape($0) + "</th>" }.joined() + "</tr>\n</thead>\n"
                rows = rows.dropFirst()
            }
            out += "<tbody>\n"
            for row in rows {
                let cell = row.header ? "th" : "td"
                out += "<tr>" + row.cells.map { "<\(cell)>" + Self.escape($0) + "</\(cell)>" }.joined() + "</tr>\n"
            }
            return out + "</tbody>\n</table>\n"
        case .image:
            guard let src = first.src else { return "" }
            var out = "<figure>\n<img src=\"\(Self.escape(src))\" alt=\"\(Self.escape(first.alt ?? ""))\">\n"
            if first.caption != nil || first.credit != nil {
                out += "<figcaption>"
                if let caption = first.caption { out += Self.escape(caption) }
                if let credit = first.credit { out += (first.caption == nil ? "" : " ") + "<small class=\"credit\">" + Self.escape(credit) + "</small>" }
                out += "</figcaption>\n"
            }
            return out + "</figure>\n"
        }
    }

    private func inline(_ block: Block) -> String {
        Self.render(InlineNode.tree(of: block))
    }

    static func render(_ nodes: [InlineNode]) -> String {
        InlineNode.markup(
            nodes, text: escapeLines, link: { ("<a href=\"\(escape($0))\">", "</a>") },
            mark: { kind in
                let tag = kind == .strong ? "strong" : (kind == .em ? "em" : "code")
                return ("<\(tag)>", "</\(tag)>")
            })
    }

    /// Text with line breaks as `<br>`.
    static func escapeLines(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Escapes `&`, `<`, `>` and `"` (text and attribute values alike).
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
