import GleanerModel

/// The named normalizer steps a pipeline lists under `normalize:`, applied in the listed
/// order. Each is a pure `Article -> Article` function so steps can be combined freely and
/// tested alone.
public enum NormalizerStep: String, Sendable, CaseIterable {
    /// Whitespace collapse, invisible characters, NFC (the extractor's own clean-up, re-applied
    /// to every text field). The default when `normalize:` is absent.
    case whitespace
    /// `published` / `modified` / comment dates to UTC ISO 8601 (`2024-05-01T08:30:00+00:00`, the record's one date shape);
    /// a value without time and offset stays a calendar date.
    case dates
    /// Canonical `url`: tracking parameters (`utm_*`, `fbclid`, `gclid`, …) and fragments dropped.
    case urls
    /// Authors: "By …"/"Von …" prefixes, "and"-lists split, job titles dropped and agencies
    /// moved out — by the normalizer's `AuthorCreditParsing` (the extractor's byline parser);
    /// without one the step leaves authors as they are.
    case authors
    /// Drops body lines equal to a configured boilerplate phrase ("Mehr dazu", …).
    case boilerplate
}

/// Applies a list of steps to an article.
public struct ArticleNormalizer: Sendable {
    public var steps: [NormalizerStep]
    public var boilerplate: BoilerplatePhrases
    /// What the `authors` step splits credits with; `nil` makes that step a no-op.
    public var authorParser: (any AuthorCreditParsing)?

    public init(
        steps: [NormalizerStep], boilerplatePhrases: [String] = [],
        authorParser: (any AuthorCreditParsing)? = nil
    ) {
        self.steps = steps
        boilerplate = BoilerplatePhrases(boilerplatePhrases)
        self.authorParser = authorParser
    }

    public func apply(_ input: Article) -> Article {
        var article = input
        for step in steps {
            switch step {
            case .whitespace: article = Self.cleanWhitespace(article)
            case .dates:
                article.published = article.published.map { DateNormalizer.utc($0) ?? $0 }
                article.modified = article.modified.map { DateNormalizer.utc($0) ?? $0 }
                for index in article.comments.indices {
                    article.comments[index].published = article.comments[index].published.map { DateNormalizer.utc($0) ?? $0 }
                }
            case .urls:
                article.url = article.url.map { URLCanonicalizer.canonical($0) }
            case .authors:
                guard let authorParser else { continue }
                let cleaned = authorParser.split(article.authors)
                article.authors = cleaned.authors
                if article.agency == nil { article.agency = cleaned.agency }
            case .boilerplate:
                article = boilerplate.strip(article)
            }
        }
        return article
    }

    static func cleanWhitespace(_ input: Article) -> Article {
        var article = input
        article.headline = TextCleaner.nonEmpty(article.headline)
        // A lead may hold several items (a live blog's key points), one per line.
        article.lead = article.lead.map { TextCleaner.cleanKeepingLines($0) }.flatMap { $0.isEmpty ? nil : $0 }
        article.siteName = TextCleaner.nonEmpty(article.siteName)
        article.authors = article.authors.compactMap { TextCleaner.nonEmpty($0) }
        article.tags = article.tags.compactMap { TextCleaner.nonEmpty($0) }
        article.blocks = article.blocks.compactMap { block in
            var block = block
            // Re-cleaning clean text changes nothing, so link/mark offsets stay valid.
            block.text = block.isVerbatim ? block.text : TextCleaner.clean(block.text)
            return block.text.isEmpty && block.type != .image ? nil : block
        }
        for index in article.comments.indices {
            article.comments[index].text = TextCleaner.cleanKeepingLines(article.comments[index].text)
            article.comments[index].author = TextCleaner.nonEmpty(article.comments[index].author)
        }
        return article
    }
}
