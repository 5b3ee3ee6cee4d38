import GleanerModel
#if canImport(Glibc)
import Glibc
#endif

/// What tells a record's `page_type` apart beyond article and index (`Rules/pages.json`):
/// error pages served as 200 ("soft 404"), directory listings and link pages, plain-text
/// files. Phrases are each language's usual words, never one site's.
public struct PageKindRules: Decodable, Sendable {
    public var sources: String
    /// Lower-case phrases whose presence in a page's title or h1 marks an error page.
    public var errorPhrases: [String] {
        didSet { errorPhraseTable = errorPhrases.map(ErrorPhrase.init) }
    }
    /// `errorPhrases` with what `isErrorTitle` asks of each phrase, decided once per rule
    /// set: deciding it per title was most of a short page's error-title test.
    private var errorPhraseTable: [ErrorPhrase] = []
    /// An error page's body is short; a story that mentions "not found" is long.
    public var errorMaximumWords: Int
    public var listingTitlePrefixes: [String]
    /// A page with fewer body words than this and at least `listingMinimumLinks` links is a
    /// page of links, not a story.
    public var listingMaximumWords: Int
    public var listingMinimumLinks: Int
    /// Lower-case markup openings; input with none of them in its first 64 KB is plain text.
    public var textMarkupProbe: [String]

    private enum CodingKeys: String, CodingKey {
        case sources, errorPhrases, errorMaximumWords, listingTitlePrefixes, listingMaximumWords, listingMinimumLinks,
            textMarkupProbe
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sources = try container.decode(String.self, forKey: .sources)
        errorPhrases = try container.decode([String].self, forKey: .errorPhrases)
        errorMaximumWords = try container.decode(Int.self, forKey: .errorMaximumWords)
        listingTitlePrefixes = try container.decode([String].self, forKey: .listingTitlePrefixes)
        listingMaximumWords = try container.decode(Int.self, forKey: .listingMaximumWords)
        listingMinimumLinks = try container.decode(Int.self, forKey: .listingMinimumLinks)
        textMarkupProbe = try container.decode([String].self, forKey: .textMarkupProbe)
        errorPhraseTable = errorPhrases.map(ErrorPhrase.init)
    }

    /// One error phrase and the facts about its scalars the title test needs.
    private struct ErrorPhrase: Sendable {
        let text: String
        let bytes: [UInt8]
        let isNumber404: Bool
        let isASCII: Bool
        let isPlain: Bool
        let hasASCIIEquivalent: Bool

        init(_ text: String) {
            self.text = text
            bytes = Array(text.utf8)
            isNumber404 = text == "404"
            isASCII = bytes.allSatisfy { $0 < 0x80 }
            isPlain = text.unicodeScalars.allSatisfy(PageKindRules.isPlainScalar)
            hasASCIIEquivalent = text.unicodeScalars.contains(where: PageKindRules.isASCIIEquivalent)
        }
    }

    public static let shared: PageKindRules = RuleFile.decode(PackageResources.pages_json, as: PageKindRules.self, name: "pages.json")

    /// True when `title` reads as an error page's.
    public func isErrorTitle(_ title: String) -> Bool {
        let lower = title.lowercased()
        let asciiTitle = lower.utf8.allSatisfy { $0 < 0x80 }
        // Both decided once per title (per phrase, they were 1.5% of a whole run).
        let plainTitle = asciiTitle || lower.unicodeScalars.allSatisfy(Self.isPlainScalar)
        let titleHasASCIIEquivalent = !asciiTitle && lower.unicodeScalars.contains(where: Self.isASCIIEquivalent)
        var lowerBytes = lower
        return lowerBytes.withUTF8 { title in
            errorPhraseTable.contains { phrase in
                if phrase.isNumber404 {
                    // A run of digits equal to "404" is those three bytes (no other scalar is
                    // canonically equivalent to an ASCII digit): without them, no split by
                    // `Character` is needed (it was a third of this function).
                    guard title.containsBytes(phrase.bytes) else { return false }
                    return lower.split(whereSeparator: { !$0.isNumber }).contains("404")
                }
                // Foundation's `contains` (NSString search, UTF-16 on Linux) was 3% of a whole
                // `gleaner extract` run. On an ASCII title it is a byte search for an ASCII
                // phrase, and never matches a phrase with a character no ASCII text is
                // canonically equivalent to; other titles keep Foundation's comparison.
                if asciiTitle {
                    if phrase.isASCII { return title.containsBytes(phrase.bytes) }
                    if !phrase.hasASCIIEquivalent { return false }
                } else if plainTitle, phrase.isPlain {
                    // Both sides plain (see `isPlainScalar`): canonically equivalent means equal.
                    return title.containsBytes(phrase.bytes)
                } else if phrase.isASCII, !title.containsBytes(phrase.bytes), !titleHasASCIIEquivalent {
                    // An ASCII phrase matches a title only where its bytes are (or where one of
                    // those scalars stands for an ASCII one); Foundation confirms the rest.
                    return false
                }
                return lower.contains(phrase.text)
            }
        }
    }

    /// Scalars for which Foundation's (canonical-equivalence) search and a byte search agree:
    /// each is its own normalization (no canonical decomposition but into itself or a
    /// precomposed letter's base and marks, never a singleton), no combining mark, nothing
    /// that joins a neighbour into one character (CR, jamo, marks) or that a search may
    /// ignore (controls, soft hyphen). Text made only of these is in NFC with one scalar per
    /// character, so a match is a match of bytes. Latin up to U+02FF, Cyrillic, general
    /// punctuation, CJK punctuation, kana, CJK ideographs, Hangul syllables, fullwidth forms:
    /// the titles and phrases of the languages `errorPhrases` covers.
    static func isPlainScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF: true
        case 0x09, 0x0A: true
        case 0x400...0x482, 0x48A...0x4FF: true
        case 0x2010...0x2027, 0x2030...0x203E: true
        case 0x3001...0x3029, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC: true
        case 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF5E: true
        default: false
        }
    }

    /// The non-ASCII scalars whose canonical decomposition is ASCII (KELVIN SIGN → K,
    /// GREEK QUESTION MARK → ;, GREEK VARIA → `): the only ones that can match ASCII text.
    /// A switch, not a `Set`: hashing each scalar of each phrase was most of a short page's
    /// error-title test.
    static func isASCIIEquivalent(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x212A, 0x037E, 0x1FEF: true
        default: false
        }
    }

    /// True when the bytes hold no HTML/XML markup at all: a `.txt` file, a README.
    public func isPlainText(_ buffer: UnsafeRawBufferPointer) -> Bool {
        // In place, ASCII case folded byte by byte, each '<' found with memchr: copying and
        // folding the first 64 KB into an array was 1.5% of a whole `gleaner extract` run.
        let sample = UnsafeRawBufferPointer(rebasing: buffer.prefix(65_536))
        guard let base = sample.baseAddress, !sample.isEmpty else { return true }
        let probes = textMarkupProbe.map { Array($0.utf8) }
        var start = 0
        while start < sample.count, let found = memchr(base + start, 0x3C, sample.count - start) {
            let at = base.distance(to: UnsafeRawPointer(found))
            for probe in probes where at + probe.count <= sample.count {
                var k = 0
                while k < probe.count, Self.asciiLower(sample[at + k]) == probe[k] { k += 1 }
                if k == probe.count { return false }
            }
            start = at + 1
        }
        return true
    }

    @inline(__always) static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
