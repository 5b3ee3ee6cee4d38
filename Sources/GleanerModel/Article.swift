/// One extracted news article: the single record type that flows through every stage
/// (extraction, normalizers, sinks). Serialised as schema `gleaner.article/1`.
public struct Article: Sendable, Equatable {
    /// The schema identifier written into every record.
    public static let schema = "gleaner.article/1"

    /// The input as given: a file path, `-` or a URL.
    public var source: String
    /// Canonical URL: link rel=canonical, then og:url, then the fetch or `--base-url` URL.
    public var url: String?
    public var headline: String?
    /// Standfirst / teaser paragraph shown below the headline, when the page has one.
    public var lead: String?
    public var siteName: String?
    /// BCP 47 language tag: the declared one (`html@lang`, meta, JSON-LD) unless the text's
    /// detected language clearly contradicts it or nothing is declared (see `LanguageChooser`).
    public var language: String?
    /// What CLD2 reads in the text; nil when it reads nothing (too little text).
    public var languageDetected: DetectedLanguage? = nil
    /// People credited as authors; wire agencies go to `agency`.
    public var authors: [String]
    /// Wire agency credit such as "dpa" or "sda/daf", when the page shows one.
    public var agency: String?
    /// ISO 8601 with offset.
    public var published: String?
    public var modified: String?
    public var tags: [String]
    /// Absolute URL of the lead image.
    public var image: String?
    /// Body in reading order.
    public var blocks: [Block]
    /// User comments, in page order.
    public var comments: [Comment]
    /// What kind of page this is; `article` for news stories, `index` for section or
    /// list pages without a main story (their body fields stay empty).
    public var pageType: PageType
    /// How the page was fetched; nil for pages read from disk.
    public var fetch: FetchInfo? = nil
    /// Where the page was read from in a web archive; nil for other inputs.
    public var warc: WARCOrigin? = nil

    public init(
        source: String, url: String? = nil, headline: String? = nil, lead: String? = nil,
        siteName: String? = nil, language: String? = nil, authors: [String] = [],
        agency: String? = nil, published: String? = nil, modified: String? = nil,
        tags: [String] = [], image: String? = nil, blocks: [Block] = [],
        comments: [Comment] = [], pageType: PageType = .article
    ) {
        self.source = source
        self.url = url
        self.headline = headline
        self.lead = lead
        self.siteName = siteName
        self.language = language
        self.authors = authors
        self.agency = agency
        self.published = published
        self.modified = modified
        self.tags = tags
        self.image = image
        self.blocks = blocks
        self.comments = comments
        self.pageType = pageType
    }

    /// Texts of the heading blocks, in order.
    public var subheadings: [String] {
        blocks.compactMap { $0.type == .heading ? $0.text : nil }
    }

    /// The body a reader reads below the headline: lead, then every block, separated by a
    /// blank line. Blocks without text (images) add nothing.
    public var text: String {
        var parts: [String] = []
        parts.reserveCapacity(blocks.count + 1)
        if let lead, !lead.isEmpty { parts.append(lead) }
        for block in blocks where !block.text.isEmpty { parts.append(block.text) }
        return parts.joined(separator: "\n\n")
    }

    /// Number of words in `text` by Unicode word boundaries (`UnicodeWords`).
    public var wordCount: Int {
        Article.countWords(text)
    }

    /// Number of characters (grapheme clusters) in `text`.
    public var charCount: Int { UnicodeWords.characters(text) }

    /// Words by Unicode word boundaries (UAX #29), so Chinese and Japanese count sensibly.
    public static func countWords(_ string: String) -> Int { UnicodeWords.count(string) }

    /// Counts runs of non-whitespace characters. Works on UTF-8 bytes and knows only ASCII
    /// whitespace: record texts have been through `TextCleaner`, which already turned every
    /// Unicode space (U+00A0, U+2000…) into a plain space, and a per-scalar property lookup
    /// here cost 4% of the whole extraction.
    static func countSpaceSeparated(_ string: String) -> Int {
        var count = 0
        var inWord = false
        for byte in string.utf8 {
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B
            if isSpace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
}

/// What kind of page a record comes from. Only an `article` carries a story's body; the
/// others say why the body is empty or is not a story.
public enum PageType: String, Sendable, Equatable {
    /// One story.
    case article
    /// A section front, tag page or blog home: a list of stories.
    case index
    /// A page of links that are not stories: a link collection, a server's directory listing.
    case listing
    /// A plain-text file (not HTML): its text is the body as it stands.
    case text
    /// An error page served with status 200 ("soft 404": "Page not found").
    case error
}
