import GleanerModel

/// What tells a record's `page_type` apart beyond article and index (`Rules/pages.json`):
/// error pages served as 200 ("soft 404"), directory listings and link pages, plain-text
/// files. Phrases are each language's usual words, never one site's.
public struct PageKindRules: Decodable, Sendable {
    public var sources: String
    /// Lower-case phrases whose presence in a page's title or h1 marks an error page.
    public var errorPhrases: [String]
    /// An error page's body is short; a story that mentions "not found" is long.
    public var errorMaximumWords: Int
    public var listingTitlePrefixes: [String]
    /// A page with fewer body words than this and at least `listingMinimumLinks` links is a
    /// page of links, not a story.
    public var listingMaximumWords: Int
    public var listingMinimumLinks: Int
    /// Lower-case markup openings; input with none of them in its first 64 KB is plain text.
    public var textMarkupProbe: [String]

    public static let shared: PageKindRules = RuleFile.decode(PackageResources.pages_json, as: PageKindRules.self, name: "pages.json")

    /// True when `title` reads as an error page's.
    public func isErrorTitle(_ title: String) -> Bool {
        let lower = title.lowercased()
        return errorPhrases.contains { phrase in
            phrase == "404" ? lower.split(whereSeparator: { !$0.isNumber }).contains("404") : lower.contains(phrase)
        }
    }

    /// True when the bytes hold no HTML/XML markup at all: a `.txt` file, a README.
    public func isPlainText(_ buffer: UnsafeRawBufferPointer) -> Bool {
        let sample = Array(buffer.prefix(65_536)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        guard sample.contains(0x3C) else { return true }
        let probes = textMarkupProbe.map { Array($0.utf8) }
        for start in sample.indices where sample[start] == 0x3C {
            for probe in probes where sample[start...].starts(with: probe) { return false }
        }
        return true
    }
}
