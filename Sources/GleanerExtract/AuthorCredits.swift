import GleanerModel
import GleanerNormalize

/// The project's one person-name cleaner, for callers outside extraction: a pipeline's
/// `authors` normalizer step (`AuthorCreditParsing`) and library users holding credit
/// strings from elsewhere (a CMS export, a feed's `<dc:creator>`).
///
/// It is the extractor's `BylineParser` with the same `MetadataRules`, so "Von Anna Muster
/// (dpa)" gives the same people and agency here as on a page. Credits are read like
/// structured metadata (a one-word pen name is accepted), not like free page text.
public struct AuthorCredits: AuthorCreditParsing {
    private let parser: BylineParser

    public init(rules: MetadataRules = ExtractionRules.default.metadata) {
        parser = BylineParser(rules: rules)
    }

    public func split(_ credits: [String]) -> (authors: [String], agency: String?) {
        var authors: [String] = []
        var agency: String?
        for credit in credits {
            let parsed = parser.parse(credit, minimumWords: 1)
            authors += parsed.authors
            if agency == nil { agency = parsed.agencies.first }
        }
        return (authors.uniquedIgnoringCase(), agency)
    }
}
