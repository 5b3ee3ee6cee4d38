import Foundation
import GleanerModel

/// Tidies author credits: pages write "By Jane Doe and John Roe, Senior Correspondent" or
/// "Von Anna Muster (dpa)" where the record wants `["Jane Doe", "John Roe"]` and an agency.
public enum AuthorCleaner {
    /// Prefixes dropped from the start of a credit (lower-case, with the space).
    public static let prefixes = ["by ", "von ", "par ", "por ", "di ", "door ", "text: ", "text ", "autor: ", "author: "]
    /// Separators between several names in one credit.
    public static let separators = [" and ", " und ", " & ", " et ", " y ", " e ", ";", " / "]
    /// Wire agencies: a credit that is one of these becomes the record's `agency`.
    public static let agencies: Set<String> = [
        "dpa", "afp", "ap", "reuters", "sda", "apa", "kna", "epd", "ansa", "efe", "upi", "associated press", "press association", "pa", "red.", "redaktion",
    ]
    /// Words that mark the part after a comma as a job title, not a name.
    public static let titleWords = [
        "correspondent", "editor", "reporter", "writer", "journalist", "columnist", "staff", "contributor",
        "redakteur", "redakteurin", "korrespondent", "korrespondentin", "autor", "autorin", "chief", "senior",
    ]

    public static func clean(_ authors: [String]) -> (authors: [String], agency: String?) {
        var names: [String] = []
        var agency: String?
        for credit in authors {
            var text = credit.trimmedWhitespace()
            // "(dpa)" or "/ dpa" at the end: an agency credit.
            if let open = text.lastIndex(of: "("), text.hasSuffix(")") {
                let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmedWhitespace()
                if agencies.contains(inner.lowercased()) { agency = agency ?? inner }
                text = String(text[..<open]).trimmedWhitespace()
            }
            for prefix in prefixes where text.lowercased().hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count))
                break
            }
            var parts = [text]
            for separator in separators {
                parts = parts.flatMap { $0.splitting(separator: separator) }
            }
            // "Jane Doe, Senior Correspondent": drop the title after the comma; "Doe, Roe": two names.
            parts = parts.flatMap { part -> [String] in
                let pieces = part.splitting(separator: ",").map { $0.trimmedWhitespace() }
                return pieces.filter { piece in
                    let lower = piece.lowercased()
                    return !titleWords.contains { lower.containsUTF8($0) }
                }
            }
            for part in parts {
                let name = part.trimming { $0.isWhiteSpace || $0.isPunctuation }
                if name.isEmpty { continue }
                if agencies.contains(name.lowercased()) {
                    agency = agency ?? name
                } else if !names.contains(name) {
                    names.append(name)
                }
            }
        }
        return (names, agency)
    }
}
