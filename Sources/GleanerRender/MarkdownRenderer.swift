import GleanerModel

/// CommonMark with GitHub pipe tables: YAML front matter with the metadata, `#` headline,
/// then the lead and the blocks, then the comments under a `## Comments` heading.
///
/// Every character of the record's text comes back out of a CommonMark parser: ASCII
/// punctuation that could start markup is backslash-escaped, emphasis whose delimiters would
/// not be recognised next to punctuation is left out rather than printed as stray `*`.
public struct MarkdownRenderer: ArticleRenderer {
    public init() {}

    public func render(_ article: Article) -> String {
        var out = FrontMatter.yaml(article)
        var parts: [String] = []
        if let headline = article.headline { parts.append("# " + Self.escapeHeading(headline)) }
        if let lead = article.lead, !lead.isEmpty { parts.append(Self.escapeLines(lead)) }
        for run in BlockGrouping.runs(article.blocks) {
            parts.append(renderRun(Array(article.blocks[run])))
        }
        if !article.comments.isEmpty {
            parts.append("## Comments")
            let depths = BlockGrouping.commentDepths(article.comments)
            for (index, comment) in article.comments.enumerated() {
                var lines: [String] = []
                var header: [String] = []
                if let author = comment.author { header.append("**" + Self.escape(author) + "**") }
                if let published = comment.published { header.append(Self.escape(published)) }
                if !header.isEmpty { lines.append(header.joined(separator: " · ")) ; lines.append("") }
                lines.append(Self.escapeLines(comment.text))
                let prefix = String(repeating: "> ", count: depths[index] + 1)
                parts.append(lines.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? String(prefix.dropLast()) : prefix + $0 }.joined(separator: "\n"))
            }
        }
        out += parts.joined(separator: "\n\n")
        out += "\n"
        return out
    }

    public func render(_ error: GleanerError) -> String {
        var out = "---\n"
        out += "schema: " + FrontMatter.quoted(Article.schema) + "\n"
        out += "source: " + FrontMatter.quoted(error.source) + "\n"
        out += "error:\n  stage: " + FrontMatter.quoted(error.stage.rawValue) + "\n  code: "
            + FrontMatter.quoted(error.code) + "\n  message: " + FrontMatter.quoted(error.message) + "\n"
        out += "---\n"
        return out
    }

    private func renderRun(_ blocks: [Block]) -> String {
        guard let first = blocks.first else { return "" }
        switch first.type {
        case .listItem:
            return blocks.map { "- " + inline($0) }.joined(separator: "\n")
        case .quote:
            return blocks.map { block in
                inline(block).split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
            }.joined(separator: "\n>\n")
        case .heading:
            let level = min(max(first.level ?? 2, 1), 6)
            return String(repeating: "#", count: level) + " " + inline(first, heading: true)
        case .preformatted, .code:
            let body = first.verbatim ?? first.text
            let fence = String(repeating: "`", count: max(3, Self.longestRun(of: "`", in: body) + 1))
            let info = first.type == .code ? (first.language ?? "") : ""
            return fence + info + "\n" + body + "\n" + fence
        case .table:
            return table(first)
        case .image:
            return image(first)
        case .paragraph:
            return inline(first)
        }
    }

    private func table(_ block: Block) -> String {
        let columns = block.rows.map(\.cells.count).max() ?? 0
        guard columns > 0 else { return Self.escapeLines(block.text) }
        func line(_ cells: [String]) -> String {
            let padded = cells + Array(repeating: "", count: columns - cells.count)
            return "| " + padded.map { Self.escape($0).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        var rows = block.rows
        var lines: [String] = []
        if let first = rows.first, first.header {
            lines.append(line(first.cells))
            rows.removeFirst()
        } else {
            lines.append(line([]))
        }
        lines.append("|" + String(repeating: " --- |", count: columns))
        for row in rows { lines.append(line(row.cells)) }
        var out = lines.joined(separator: "\n")
        if let caption = block.caption { out += "\n\n" + Self.escapeLines(caption) }
        return out
    }

    private func image(_ block: Block) -> String {
        guard let src = block.src else { return "" }
        var out = "![" + Self.escape(block.alt ?? "") + "](" + Self.destination(src) + ")"
        let note = [block.caption, block.credit.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        if !note.isEmpty { out += "\n\n" + Self.escapeLines(note) }
        return out
    }

    /// A block's text with its links and emphasis, escaped.
    private func inline(_ block: Block, heading: Bool = false) -> String {
        let nodes = InlineNode.tree(of: block)
        let rendered = render(nodes, text: block.text, heading: heading)
        return Self.escapeLineStarts(rendered)
    }

    private func render(_ nodes: [InlineNode], text: String, heading: Bool) -> String {
        var out = ""
        for node in nodes {
            switch node {
            case .text(let value):
                out += heading ? Self.escapeHeading(value) : Self.escape(value)
            case .link(let href, let children):
                out += "[" + render(children, text: text, heading: heading) + "](" + Self.destination(href) + ")"
            case .mark(.code, let children) where children.contains(where: \.holdsLink):
                // A code span cannot hold a link (CommonMark reads its content literally): a
                // `<code>` around links (a breadcrumb set in monospace) keeps the links.
                out += render(children, text: text, heading: heading)
            case .mark(.code, let children):
                let content = InlineNode.plain(children)
                let ticks = String(repeating: "`", count: Self.longestRun(of: "`", in: content) + 1)
                let pad = content.hasPrefix("`") || content.hasSuffix("`") || (content.hasPrefix(" ") && content.hasSuffix(" ")) ? " " : ""
                out += ticks + pad + content + pad + ticks
            case .mark(let kind, let children):
                let inner = render(children, text: text, heading: heading)
                let delimiter = kind == .strong ? "**" : "*"
                if Self.canEmphasise(inner) {
                    out += delimiter + inner + delimiter
                } else {
                    out += inner
                }
            }
        }
        return out
    }

    /// Delimiters directly against punctuation may not open/close emphasis (CommonMark's
    /// flanking rules); leave the emphasis out then — its text still comes through.
    private static func canEmphasise(_ inner: String) -> Bool {
        guard let first = inner.unicodeScalars.first, let last = inner.unicodeScalars.last else { return false }
        if first.properties.isWhitespace || last.properties.isWhitespace { return false }
        return !isPunctuation(first) && !isPunctuation(last)
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
            .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Link destination: in angle brackets when it holds spaces or parentheses. A backslash,
    /// and an `&` that starts an entity (`&amp;` left in a page's href), are
    /// backslash-escaped: CommonMark decodes entities in destinations too.
    static func destination(_ url: String) -> String {
        let url = escapeDestination(url)
        if url.contains(where: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" }) {
            return "<" + url.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E") + ">"
        }
        return url
    }

    private static func escapeDestination(_ url: String) -> String {
        guard url.contains(where: { $0 == "\\" || $0 == "&" }) else { return url }
        let scalars = Array(url.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\\" {
                out.append("\\")
            } else if scalar == "&" {
                // `&name;` or `&#123;`: an entity reference a reader would decode.
                var end = index + 1
                while end < scalars.count, end - index <= 32, scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) || scalars[end] == "#" {
                    end += 1
                }
                if end > index + 1, end < scalars.count, scalars[end] == ";" { out.append("\\") }
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Backslash-escapes ASCII punctuation that may start inline markup.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "&", "~", "!":
                out.append("\\")
                out.append(character)
            default:
                out.append(character)
            }
        }
        return out
    }

    /// Headings also lose trailing `#`s (a closing sequence) unless escaped.
    static func escapeHeading(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "#", with: "\\#")
    }

    /// Escaped text whose lines may start with block markup characters.
    static func escapeLines(_ text: String) -> String {
        escapeLineStarts(escape(text))
    }

    /// A line starting with `#`, `-`, `+`, `=`, `|` or `1.` / `1)` would be a heading, list,
    /// setext underline or table: escape its first character.
    static func escapeLineStarts(_ text: String) -> String {
        guard text.contains("\n") || needsLineEscape(Substring(text)) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            needsLineEscape(line) ? escapeStart(line) : String(line)
        }.joined(separator: "\n")
    }

    private static func needsLineEscape(_ line: Substring) -> Bool {
        guard let first = line.first else { return false }
        if "#-+=|".contains(first) { return true }
        if first.isASCII, first.isNumber {
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            let after = line.dropFirst(digits.count).first
            return digits.count <= 9 && (after == "." || after == ")")
        }
        return false
    }

    private static func escapeStart(_ line: Substring) -> String {
        if let first = line.first, first.isNumber {
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            return String(digits) + "\\" + line.dropFirst(digits.count)
        }
        return "\\" + line
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var best = 0
        var run = 0
        for c in text {
            if c == character {
                run += 1
                best = max(best, run)
            } else {
                run = 0
            }
        }
        return best
    }
}

/// YAML front matter: the record's metadata, each string double-quoted with JSON escapes
/// (valid YAML), lists as flow sequences.
enum FrontMatter {
    static func yaml(_ article: Article) -> String {
        var out = "---\n"
        func field(_ key: String, _ value: String?) {
            out += key + ": " + (value.map(quoted) ?? "null") + "\n"
        }
        func list(_ key: String, _ values: [String]) {
            out += key + ": [" + values.map(quoted).joined(separator: ", ") + "]\n"
        }
        field("title", article.headline)
        field("source", article.source)
        field("url", article.url)
        field("page_type", article.pageType.rawValue)
        field("site_name", article.siteName)
        field("language", article.language)
        list("authors", article.authors)
        field("agency", article.agency)
        field("published", article.published)
        field("modified", article.modified)
        list("tags", article.tags)
        field("image", article.image)
        out += "word_count: \(article.wordCount)\n"
        out += "---\n\n"
        return out
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029
                    || (scalar.value >= 0x80 && scalar.value < 0xA0)
                {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
