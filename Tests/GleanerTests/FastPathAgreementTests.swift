import Foundation
@testable import GleanerExtract
@testable import GleanerNormalize
import Testing

/// Speed paths that skip Foundation or the Unicode property tables for common text must
/// answer exactly as the plain definitions they stand in for; each test below keeps the
/// plain definition as its reference and compares on ordinary, non-ASCII and tricky input.
struct FastPathAgreementTests {
    static let titles = [
        "Schulhaus wird später saniert - Example News", "Story | Site", "A long story title | The Daily Example Gazette Online",
        "Story \u{0387} Site", "Story \u{00B7} Site", "Story · Site · Section", "Nothing to cut here", "",
        "Story –  Site", "Story — Site", "Story :: Site", "Story » Section » Site", "Site « Story", "Story › Site",
        "Story |\u{301} Site", "Story -\u{301} Site", "Ünïcode stöкy — Сайт", "a-b-c - d", " | ", "Story | ",
    ]

    /// `titleWithoutSite` as it was: Foundation's search for every separator.
    static func referenceTitleWithoutSite(_ title: String) -> String {
        for separator in MetadataExtractor.titleSeparators {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let last = title[range.upperBound...]
            if last.split(separator: " ").count <= 3 { return String(title[..<range.lowerBound]) }
        }
        return title
    }

    @Test(arguments: titles)
    func titleSeparatorsAsFoundationFindsThem(_ title: String) {
        #expect(MetadataExtractor.titleWithoutSite(title, nil) == Self.referenceTitleWithoutSite(title), "\(title.debugDescription)")
    }

    @Test func greekAnoTeleiaCountsAsTheMiddleDot() {
        // U+0387 decomposes to U+00B7: the byte pre-check must not skip Foundation's search.
        #expect(MetadataExtractor.mayHold("Story \u{0387} Site", " · "))
        #expect(!MetadataExtractor.mayHold("Story - Site", " · "))
    }

    /// `BlockFilter.normalize` as it was: a String's scalar view grown one scalar at a time.
    static func referenceNormalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isWordScalar = scalar.isASCII
                ? (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
                : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
            guard isWordScalar else {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return String(out)
    }

    @Test(arguments: [
        "Read more »", "  Share on Facebook | Twitter  ", "ÜBER UNS", "İstanbul", "Ünïcode — ÀB 12", "Σχόλια (12)",
        "Комментарии: 3", "コメント一覧", "½ off!", "ǅemal", "ß", "", "\u{301}e", "Ⅻ chapters",
    ])
    func blockKeysAsTheScalarDefinition(_ text: String) {
        #expect(BlockFilter.normalize(text) == Self.referenceNormalize(text), "\(text.debugDescription)")
    }

    /// The date tokenizer as it was: Unicode properties for every scalar.
    static func referenceTokens(_ raw: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var kind = ""
        var space = false
        var pendingSpace = false
        func flush() {
            guard !kind.isEmpty else { return }
            tokens.append("\(kind):\(current):\(space)")
            current = ""
            kind = ""
        }
        for scalar in raw.unicodeScalars {
            if scalar.value >= 0x30 && scalar.value <= 0x39 {
                if kind != "n" { flush(); space = pendingSpace; pendingSpace = false; kind = "n" }
                current.unicodeScalars.append(scalar)
            } else if scalar.properties.isAlphabetic {
                if kind != "w" { flush(); space = pendingSpace; pendingSpace = false; kind = "w" }
                current += String(scalar).lowercased()
            } else if scalar.properties.isWhitespace {
                flush()
                pendingSpace = true
            } else {
                flush()
                space = pendingSpace
                pendingSpace = false
                tokens.append("p:\(scalar):\(space)")
            }
        }
        flush()
        return tokens
    }

    @Test(arguments: [
        "Monday, March 3, 2025 at 10:15 PM", "3. März 2025, 14:05 Uhr", "le 3 février 2025 à 8h30", "2025年3月3日 10時",
        "3\tmarch\u{00A0}2025", "Updated: 2025-03-03T10:15:00Z", "ΙΑΝΟΥΆΡΙΟΣ 2025", "3 ИЮНЯ 2025 г.", "", "  ",
        "Posted\r\nJune\u{2009}4", "İ 5",
    ])
    func dateTokensAsThePropertyDefinition(_ raw: String) {
        let tokens = DateNormalizer.Tokenizer.tokens(of: raw).map { token -> String in
            let kind = switch token.kind {
            case .number: "n"
            case .word: "w"
            case .punctuation: "p"
            }
            return "\(kind):\(token.text):\(token.spaceBefore)"
        }
        #expect(tokens == Self.referenceTokens(raw), "\(raw.debugDescription)")
    }

    @Test func replacedErrorPhrasesAreTheOnesSearched() {
        var rules = PageKindRules.shared
        #expect(rules.isErrorTitle("Page not found"))
        rules.errorPhrases = ["gone fishing"]
        #expect(rules.isErrorTitle("Gone Fishing – Example"))
        #expect(!rules.isErrorTitle("Page not found"))
    }
}
