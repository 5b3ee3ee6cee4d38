import GleanerModel

/// trafilatura's XML output shape, so its XML users can switch: a `<doc>` element with the
/// metadata as attributes (`title`, `author` joined by "; ", `date` as YYYY-MM-DD, `url`,
/// `hostname`, `sitename`, `categories`, `tags` joined by ";", `language`, `image`,
/// `pagetype`, `source`), then `<main>` with TEI-style elements — `<p>`, `<head rend="h2">`,
/// `<list rend="ul"><item>`, `<quote>`, `<code>`, `<table><row><cell role="head">`,
/// `<graphic src alt title>`, `<hi rend="#b|#i|#t">`, `<ref target>`, `<lb/>` — and
/// `<comments>` with one `<p>` per comment. Gleaner adds its own attributes (`published`,
/// `modified`, `agency`, `schema`) next to trafilatura's.
public struct XMLRenderer: ArticleRenderer {
    public init() {}

    public func render(_ article: Article) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<doc"
        func attribute(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out += " \(name)=\"\(Self.escape(value))\""
        }
        attribute("sitename", article.siteName)
        attribute("title", article.headline)
        attribute("author", article.authors.isEmpty ? nil : article.authors.joined(separator: "; "))
        attribute("date", article.published.map { String($0.prefix(10)) })
        attribute("url", article.url)
        attribute("hostname", article.url.flatMap(Self.host))
        attribute("tags", article.tags.isEmpty ? nil : article.tags.joined(separator: ";"))
        attribute("language", article.language)
        attribute("image", article.image)
        attribute("pagetype", article.pageType.rawValue)
        attribute("source", article.source)
        attribute("published", article.published)
        attribute("modified", article.modified)
        attribute("agency", article.agency)
        attribute("schema", Article.schema)
        out += ">\n<main>\n"
        if let lead = article.lead, !lead.isEmpty { out += "<p rend=\"lead\">" + Self.escapeLines(lead) + "</p>\n" }
        for run in BlockGrouping.runs(article.blocks) {
            out += renderRun(Array(article.blocks[run]))
        }
        out += "</main>\n<comments>\n"
        for comment in article.comments {
            var attributes = ""
            if let author = comment.author { attributes += " author=\"\(Self.escape(author))\"" }
            if let published = comment.published { attributes += " date=\"\(Self.escape(published))\"" }
            if let parent = comment.parent { attributes += " parent=\"\(parent)\"" }
            out += "<p\(attributes)>" + Self.escapeLines(comment.text) + "</p>\n"
        }
        out += "</comments>\n</doc>\n"
        return out
    }

    public func render(_ error: GleanerError) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<doc source=\"\(Self.escape(error.source))\" schema=\"\(Article.schema)\">\n"
            + "<error stage=\"\(Self.escape(error.stage.rawValue))\" code=\"\(Self.escape(error.code))\">"
            + Self.escape(error.message) + "</error>\n</doc>\n"
    }

    private func renderRun(_ blocks: [Block]) -> String {
        guard let first = blocks.first else { return "" }
        switch first.type {
        case .paragraph:
            return "<p>" + inline(first) + "</p>\n"
        case .heading:
            return "<head rend=\"h\(min(max(first.level ?? 2, 1), 6))\">" + inline(first) + "</head>\n"
        case .listItem:
            return "<list rend=\"ul\">\n" + blocks.map { "<item>" + inline($0) + "</item>\n" }.joined() + "</list>\n"
        case .quote:
            return blocks.map { "<quote>" + inline($0) + "</quote>\n" }.joined()
        case .preformatted, .code:
            let language = first.language.map { " lang=\"\(Self.escape($0))\"" } ?? ""
            return "<code\(language)>" + Self.escape(first.verbatim ?? first.text) + "</code>\n"
        case .table:
            var out = "<table>\n"
            if let caption = first.caption { out += "<head>" + Self.escape(caption) + "</head>\n" }
            for row in first.rows {
                out += "<row span=\"\(row.cells.count)\">"
                out += row.cells.map { (row.header ? "<cell role=\"head\">" : "<cell>") + Self.escape($0) + "</cell>" }.joined()
                out += "</row>\n"
            }
            return out + "</table>\n"
        case .image:
            guard let src = first.src else { return "" }
            var out = "<graphic src=\"\(Self.escape(src))\""
            if let alt = first.alt { out += " alt=\"\(Self.escape(alt))\"" }
            if let caption = first.caption { out += " title=\"\(Self.escape(caption))\"" }
            if let credit = first.credit { out += " credit=\"\(Self.escape(credit))\"" }
            return out + "/>\n"
        }
    }

    private func inline(_ block: Block) -> String {
        Self.render(InlineNode.tree(of: block))
    }

    static func render(_ nodes: [InlineNode]) -> String {
        InlineNode.markup(
            nodes, text: escapeLines, link: { ("<ref target=\"\(escape($0))\">", "</ref>") },
            mark: { kind in ("<hi rend=\"\(kind == .strong ? "#b" : (kind == .em ? "#i" : "#t"))\">", "</hi>") })
    }

    static func host(_ url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return host.isEmpty ? nil : String(host)
    }

    static func escapeLines(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\n", with: "<lb/>")
    }

    static func escape(_ text: String) -> String {
        HTMLRenderer.escape(text)
    }
}
