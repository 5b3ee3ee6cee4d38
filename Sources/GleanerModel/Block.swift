/// One unit of the article body in reading order.
///
/// `text` is the block's share of the record's plain `text` (the benchmark metric and the
/// content hash read it), so it never changes shape for the sake of rendering. Everything a
/// renderer needs on top — links, emphasis, table cells, image sources, verbatim code — lives
/// in additive fields next to it (docs/schema.md).
public struct Block: Sendable, Equatable {
    /// The block types of the record's `blocks`, written as their raw value (docs/schema.md).
    public enum Kind: String, Sendable, Equatable {
        case paragraph
        case heading
        case listItem = "list_item"
        case quote
        /// `<pre>` that is not program code (poetry, ASCII tables): line breaks kept in
        /// `text`, every space kept in `verbatim`.
        case preformatted
        /// `<pre>` holding program code (`<pre><code>`, a highlighter's class).
        case code
        /// A data table (`rows`, `caption`); layout tables stay paragraphs.
        case table
        /// An image or figure in the body (`src`, `alt`, `caption`, `credit`); its `text` is
        /// empty because images never contributed to the plain text.
        case image
    }

    public var type: Kind
    public var text: String
    /// Heading level 1–6 for `.heading`, nil otherwise.
    public var level: Int?
    /// Links inside `text`, in order (paragraph-like blocks).
    public var links: [InlineLink]
    /// Emphasis inside `text`, ordered by start.
    public var marks: [InlineMark]
    /// `.preformatted` / `.code`: the text with every space, tab and line break kept.
    public var verbatim: String?
    /// `.code`: the language a highlighter class names (`language-swift` → `swift`).
    public var language: String?
    /// `.table`: rows in order, header rows flagged.
    public var rows: [TableRow]
    /// `.table` / `.image`: the caption.
    public var caption: String?
    /// `.image`: absolute URL of the image.
    public var src: String?
    /// `.image`: the `alt` text.
    public var alt: String?
    /// `.image`: the photographer / agency credit shown with it.
    public var credit: String?

    public init(
        type: Kind, text: String, level: Int? = nil, links: [InlineLink] = [], marks: [InlineMark] = [],
        verbatim: String? = nil, language: String? = nil, rows: [TableRow] = [], caption: String? = nil,
        src: String? = nil, alt: String? = nil, credit: String? = nil
    ) {
        self.type = type
        self.text = text
        self.level = level
        self.links = links
        self.marks = marks
        self.verbatim = verbatim
        self.language = language
        self.rows = rows
        self.caption = caption
        self.src = src
        self.alt = alt
        self.credit = credit
    }

    /// True for blocks whose `text` keeps line breaks and is never furniture-filtered.
    public var isVerbatim: Bool { type == .preformatted || type == .code }
}

/// A link inside a block's `text`.
///
/// `start`/`end` are offsets in **Unicode scalars** (code points) into the block's `text`,
/// half-open: `text` scalars `start..<end` are the link text (Python `text[start:end]`).
public struct InlineLink: Sendable, Equatable {
    public var text: String
    /// Absolute URL (resolved against the page URL / `<base href>`), or the raw `href`
    /// when the page URL is unknown.
    public var href: String
    public var start: Int
    public var end: Int

    public init(text: String, href: String, start: Int, end: Int) {
        self.text = text
        self.href = href
        self.start = start
        self.end = end
    }
}

/// Emphasis inside a block's `text`, with the same offsets as `InlineLink`.
public struct InlineMark: Sendable, Equatable {
    /// Which kind of emphasis; the raw value is the JSON spelling.
    public enum Kind: String, Sendable, Equatable {
        /// `<strong>`, `<b>`
        case strong
        /// `<em>`, `<i>`
        case em
        /// `<code>`, `<kbd>`, `<samp>`, `<tt>` outside `<pre>`
        case code
    }

    public var type: Kind
    public var start: Int
    public var end: Int

    public init(type: Kind, start: Int, end: Int) {
        self.type = type
        self.start = start
        self.end = end
    }
}

/// One table row: cell texts (whitespace-collapsed) in column order.
public struct TableRow: Sendable, Equatable {
    /// A header row: inside `<thead>`, or made of `<th>` cells only.
    public var header: Bool
    public var cells: [String]

    public init(header: Bool, cells: [String]) {
        self.header = header
        self.cells = cells
    }
}

extension String {
    /// The Unicode-scalar slice `start..<end` (clamped), as used by `InlineLink` offsets.
    public func scalarSlice(_ start: Int, _ end: Int) -> String {
        let scalars = unicodeScalars
        let count = scalars.count
        let lower = Swift.max(0, Swift.min(start, count))
        let upper = Swift.max(lower, Swift.min(end, count))
        let from = scalars.index(scalars.startIndex, offsetBy: lower)
        let to = scalars.index(from, offsetBy: upper - lower)
        return String(scalars[from..<to])
    }
}
