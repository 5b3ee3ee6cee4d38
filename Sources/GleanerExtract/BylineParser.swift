import Foundation
import GleanerNormalize

/// Splits a byline ("Von Anna Muster und Peter Beispiel", "By Jane Doe, AP",
/// "Jane Doe/dpa, 11.09.2023") into people and wire-agency credits.
///
/// People go to `authors`; agencies (dpa, sda, AP, Reuters, "sda/daf" with the editor's
/// initials) go to `agency`, because an agency credit is not a person and consumers filter
/// agency copy by it. Parts that are dates, roles ("Staff Writer") or labels ("Updated")
/// are dropped. Name validation is deliberately strict for text read from the page
/// (at least two capitalised words) and looser for structured sources, where one-word pen
/// names do occur.
struct BylineParser {
    let rules: MetadataRules

    struct Result: Equatable {
        var authors: [String] = []
        var agencies: [String] = []
    }

    /// Parses one byline text. `minimumWords` is the fewest words a name may have.
    func parse(_ raw: String, minimumWords: Int = 2) -> Result {
        var result = Result()
        var text = TextCleaner.clean(raw)
        guard !text.isEmpty, text.count <= 400 else { return result }
        text = stripPrefixes(text)
        for segment in segments(of: text) {
            for piece in pieces(of: segment) {
                classify(piece, minimumWords: minimumWords, into: &result)
            }
        }
        return result
    }

    /// Hard separators: a byline's names never span these.
    private func segments(of text: String) -> [String] {
        var parts = [text]
        for separator in ["|", "•", "·", "\n", " – ", " — ", " - ", ";"] {
            parts = parts.flatMap { $0.splitting(separator: separator) }
        }
        return parts
    }

    /// Commas and conjunctions between names.
    private func pieces(of segment: String) -> [String] {
        var result: [String] = []
        for commaPart in segment.split(separator: ",") {
            var current: [Substring] = []
            for word in commaPart.split(separator: " ") {
                // "and"/"und" in any case ("JANE DOE AND JOHN ROE"); one-letter ones ("e",
                // "y") only in lower case, so an initial "E" stays part of a name.
                let conjunction = word.count >= 3 ? word.lowercased() : String(word)
                if rules.nameConjunctions.contains(conjunction) {
                    if !current.isEmpty { result.append(current.joined(separator: " ")) }
                    current = []
                } else {
                    current.append(word)
                }
            }
            if !current.isEmpty { result.append(current.joined(separator: " ")) }
        }
        return result
    }

    private func classify(_ rawPiece: String, minimumWords: Int, into result: inout Result) {
        var piece = stripPrefixes(rawPiece.trimmedWhitespace())
        // "dpa 14.08.2023", "Anna Muster 11:30": a date run into the credit or name.
        let cutAtNumber = piece.contains(where: \.isNumber)
        if cutAtNumber {
            piece = piece.split(separator: " ").prefix { !$0.contains(where: \.isNumber) }.joined(separator: " ")
        }
        // "Anna Muster (dpa)": a credit in parentheses.
        if let open = piece.firstIndex(of: "("), let close = piece[open...].firstIndex(of: ")") {
            let inner = String(piece[piece.index(after: open)..<close])
            if let credit = agencyCredit(inner) { append(credit, to: &result.agencies) }
            piece = (String(piece[..<open]) + String(piece[piece.index(after: close)...])).trimmedWhitespace()
        }
        guard !piece.isEmpty else { return }
        if let credit = agencyCredit(piece) {
            append(credit, to: &result.agencies)
            return
        }
        // "Anna Muster/dpa": a name and a credit joined by a slash.
        if piece.utf8.contains(UInt8(ascii: "/")) {
            let sides = piece.split(separator: "/").map { $0.trimmedWhitespace() }
            if let agencyIndex = sides.firstIndex(where: { agencyCredit($0) != nil }) {
                let credit = sides[agencyIndex...].joined(separator: "/")
                if let normalized = agencyCredit(credit) { append(normalized, to: &result.agencies) }
                for side in sides[..<agencyIndex] where isPersonName(side, minimumWords: minimumWords) {
                    append(side, to: &result.authors)
                }
                return
            }
        }
        let name = stripTrailingDateWords(piece.trimming { $0.isWhiteSpace || $0 == "." || $0 == ":" }, afterNumber: cutAtNumber)
        if isPersonName(name, minimumWords: minimumWords) { append(name, to: &result.authors) }
    }

    /// "Ian Lynam October" (what is left of "Ian Lynam October 12, 2012"), "Jane Doe on
    /// Monday": drops month and weekday names and lower-case connectors from the end.
    /// Month names also end real names ("Theresa May", "Luigi Di Maio" — *maio* is May in
    /// Portuguese), so a month name goes only when a number followed it (`afterNumber`: the
    /// date was cut off there) or a lower-case connector precedes it; weekdays always go.
    func stripTrailingDateWords(_ text: String, afterNumber: Bool = true) -> String {
        var words = text.split(separator: " ")
        func isConnector(_ word: Substring) -> Bool {
            word.first?.isLowercase == true && !rules.nameParticles.contains(String(word))
        }
        while let last = words.last, words.count > 1 {
            if isConnector(last) {
                words.removeLast()
                continue
            }
            let word = String(last)
            guard DateNormalizer.isCalendarWord(word),
                !DateNormalizer.isMonthName(word) || afterNumber || isConnector(words[words.count - 2])
            else { break }
            words.removeLast()
        }
        return words.joined(separator: " ")
    }

    /// Removes "By", "Von", "Текст:" and similar lead-ins (`MetadataRules.bylinePrefixes`,
    /// per language) from the front, repeatedly. A lead-in that is also a name particle
    /// ("von", "di") may begin the name itself ("Di Maio", "von der Leyen"), so it goes only
    /// when what follows is a name of two or more words not starting with a particle, or an
    /// agency ("Von dpa").
    func stripPrefixes(_ text: String) -> String {
        var current = text
        var changed = true
        while changed {
            changed = false
            let lower = current.lowercased()
            for prefix in rules.bylinePrefixes where PrefixTest.hasPrefix(lower, prefix) {
                let rest = lower.dropFirst(prefix.count)
                guard let next = rest.first, next == " " || next == ":" else { continue }
                let remainder = String(current.dropFirst(prefix.count)).trimming { $0 == " " || $0 == ":" }
                if rules.nameParticles.contains(prefix) && next == " " && !startsWithName(remainder) { continue }
                current = remainder
                changed = true
                break
            }
        }
        return current
    }

    /// True when `text` after a particle-like lead-in is a name of its own: two or more
    /// words, the first not a particle — or an agency credit.
    private func startsWithName(_ text: String) -> Bool {
        if agencyCredit(text) != nil { return true }
        let words = text.split(separator: " ")
        guard words.count >= 2, let first = words.first else { return false }
        return !rules.nameParticles.contains(first.lowercased())
    }

    /// The credit when `text` is an agency credit: a known agency ("dpa", "AP",
    /// "Associated Press") or agencies and editor initials joined by slashes ("sda/daf",
    /// "AFP/dpa/lno"). Short codes must be all lower or all upper case, so a first name
    /// that happens to spell one ("Ria") is not taken for an agency.
    func agencyCredit(_ raw: String) -> String? {
        var text = raw.trimmedWhitespace()
        if text.hasPrefix("("), text.hasSuffix(")") { text = String(text.dropFirst().dropLast()) }
        text = text.trimming { " .,;:".unicodeScalars.contains($0) }
        guard !text.isEmpty, text.count <= 40 else { return nil }
        let lower = text.lowercased()
        if rules.agencyNames.contains(lower) { return text }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmedWhitespace() }
        guard let first = parts.first, isAgencyCode(first) else { return nil }
        for part in parts.dropFirst() {
            if isAgencyCode(part) || rules.agencyNames.contains(part.lowercased()) { continue }
            guard rules.agencyInitialsLength.contains(part.count), part.allSatisfy(\.isLetter) else { return nil }
        }
        return parts.joined(separator: "/")
    }

    private func isAgencyCode(_ word: String) -> Bool {
        let lower = word.lowercased()
        guard rules.agencyCodes.contains(lower) || rules.agencyNames.contains(lower) else { return false }
        if word.count <= 4 { return word == lower || word == word.uppercased() }
        return true
    }

    /// A plausible person's name: a few capitalised words (particles such as "von der"
    /// allowed), no digits, no role or label words, no URLs.
    func isPersonName(_ name: String, minimumWords: Int) -> Bool {
        guard !name.isEmpty, name.count <= rules.maximumNameLength else { return false }
        if name.contains(where: { $0.isNumber || $0 == "@" || $0 == "/" || $0 == "=" || $0 == "?" || $0 == ":" || $0 == "|" || $0 == "!" }) {
            return false
        }
        let words = name.split(separator: " ")
        // A domain ("CBSNews.com"): a dot followed by lower-case letters inside a word.
        for word in words {
            if let dot = word.firstIndex(of: "."), word.index(after: dot) < word.endIndex,
                word[word.index(after: dot)...].allSatisfy({ $0.isLowercase })
            {
                return false
            }
        }
        guard words.count >= minimumWords, words.count <= rules.maximumNameWords else { return false }
        // Acronyms ("CNN Business", "PMJS") name organisations, unless the whole name is
        // written in capitals ("JANE DOE").
        let allCaps = words.allSatisfy { $0 == $0.uppercased() }
        if !allCaps || words.count == 1 {
            for word in words where (2...4).contains(word.count) && word.allSatisfy({ $0.isLetter && $0.isUppercase }) {
                return false
            }
        }
        var capitalised = 0
        for word in words {
            let lower = word.lowercased()
            let bare = lower.trimming { ".,:;()'\"".unicodeScalars.contains($0) }
            if rules.bylineNonNameWords.contains(bare) { return false }
            if rules.nameParticles.contains(lower) { continue }
            guard let first = word.first, first.isLetter, first.isUppercase else { return false }
            capitalised += 1
        }
        return capitalised >= 1
    }

    private func append(_ value: String, to list: inout [String]) {
        if !list.contains(where: { $0.equalsIgnoringCase(value) }) { list.append(value) }
    }
}
