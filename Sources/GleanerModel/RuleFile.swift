import Foundation

/// Loads a rule file: the word lists, class/id tokens and thresholds that steer extraction
/// and normalisation are data, not code.
///
/// Convention: a target keeps its defaults as JSON under `Sources/<Target>/Rules/NAME.json`,
/// declared in Package.swift as `.embedInCode("Rules/NAME.json")` so the bytes are compiled
/// into the binary (a statically linked `gleaner` shipped to Spark executors needs no resource
/// folder beside it). Each file is decoded once, into a `Decodable` struct held by a
/// `static let`, never per page. Every file carries a `"sources"` note saying where its
/// entries come from (a CMS or platform convention, a language's common words).
public enum RuleFile {
    /// Decodes the JSON bytes of a rule file; a malformed shipped file is a programming error.
    public static func decode<Rules: Decodable>(_ bytes: [UInt8], as type: Rules.Type, name: String) -> Rules {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            fatalError("rule file \(name) does not decode: \(error)")
        }
    }

    /// Decodes a user-supplied rule file (`--rules FILE`, a pipeline's `rules:`), as an error value.
    public static func load<Rules: Decodable>(contentsOf path: String, as type: Rules.Type) throws -> Rules {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(type, from: data)
    }
}
