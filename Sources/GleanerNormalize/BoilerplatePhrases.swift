import Foundation
import GleanerModel

/// Lines that sites append to every article and that are never part of the story. Matched
/// against whole blocks, case- and whitespace-insensitively, so a sentence that merely
/// contains the words stays.
///
/// It holds no list of its own: a pipeline gives it its `boilerplate:` lines or, by default,
/// the extractor's `boilerplateBlockTexts` (ad labels, "share", "read more", "related" in
/// many languages, `Rules/extraction.json`) — one boilerplate-line list for the project.
public struct BoilerplatePhrases: Sendable {
    private let keys: Set<String>

    public init(_ phrases: [String]) {
        keys = Set(phrases.map(Self.key))
    }

    static func key(_ text: String) -> String {
        TextCleaner.clean(text).lowercased().trimming { $0.isWhiteSpace || $0.isPunctuation }
    }

    public func isBoilerplate(_ line: String) -> Bool { keys.contains(Self.key(line)) }

    public func strip(_ input: Article) -> Article {
        var article = input
        article.blocks.removeAll { !$0.text.isEmpty && isBoilerplate($0.text) }
        if let lead = article.lead, isBoilerplate(lead) { article.lead = nil }
        return article
    }
}
