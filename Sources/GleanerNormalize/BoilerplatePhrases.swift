import Foundation
import GleanerModel

/// Lines that sites append to every article and that are never part of the story. Matched
/// against whole blocks, case- and whitespace-insensitively, so a sentence that merely
/// contains the words stays.
public struct BoilerplatePhrases: Sendable {
    /// Used when a pipeline lists the `boilerplate` step without its own `boilerplate:` list:
    /// ad labels and "share"/"read more"/"related" lines as whole blocks, in English, German,
    /// French, Spanish, Italian, Portuguese and Dutch — generic interface wording, not one
    /// site's footer (a site's own lines belong in the pipeline's `boilerplate:` list).
    public static let defaultPhrases = [
        "Advertisement", "Anzeige", "Werbung", "Publicité", "Publicidad", "Pubblicità", "Publicidade", "Advertentie",
        "Read more", "Weiterlesen", "Lire la suite", "Leer más", "Leggi tutto", "Leia mais", "Lees meer",
        "Related articles", "Mehr zum Thema", "Articles similaires", "Artículos relacionados", "Articoli correlati",
        "Share this article", "Artikel teilen", "Partager cet article", "Compartir", "Condividi",
    ]

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
