import Foundation

/// Normalises language declarations to BCP 47 tags: "de_DE" → "de-DE", "EN-us" → "en-US",
/// "zh-hans-cn" → "zh-Hans-CN", "de, en" → "de", "German" → "de". Anything that is not a
/// tag ("{{lang}}", "x") gives nil, so the next source is tried.
enum LanguageTag {
    /// English and native names some pages write instead of a code.
    static let names: [String: String] = [
        "english": "en", "german": "de", "deutsch": "de", "french": "fr", "français": "fr",
        "francais": "fr", "italian": "it", "italiano": "it", "spanish": "es", "español": "es",
        "dutch": "nl", "nederlands": "nl", "portuguese": "pt", "português": "pt", "russian": "ru",
        "polish": "pl", "polski": "pl", "swedish": "sv", "danish": "da", "norwegian": "no",
    ]

    static func normalize(_ raw: String?) -> String? {
        guard let raw else { return nil }
        guard let first = raw.split(whereSeparator: { $0 == "," || $0 == ";" }).first else { return nil }
        let trimmed = first.trimmedWhitespace()
        if let mapped = names[trimmed.lowercased()] { return mapped }
        let subtags = trimmed.split(separator: "-", omittingEmptySubsequences: false).flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let primary = subtags.first, (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return nil
        }
        var parts = [primary.lowercased()]
        for subtag in subtags.dropFirst() {
            guard (1...8).contains(subtag.count), subtag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { break }
            if subtag.count == 4, subtag.allSatisfy(\.isLetter) {
                parts.append(subtag.prefix(1).uppercased() + subtag.dropFirst().lowercased())  // script
            } else if subtag.count == 2 && subtag.allSatisfy(\.isLetter) || subtag.count == 3 && subtag.allSatisfy(\.isNumber) {
                parts.append(subtag.uppercased())  // region
            } else {
                parts.append(subtag.lowercased())
            }
        }
        return parts.joined(separator: "-")
    }
}
