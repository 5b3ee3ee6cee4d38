import Testing
@testable import GleanerExtract
import GleanerModel

/// The allocation-free matchers must give the answers of the plain string code they replaced.
@Suite struct ByteMatcherTests {
    static let classValues = [
        "article-lead", "c-article__Standfirst", "lead", "leader", "misleading", "post_intro text",
        "Teaser teaser--big", "photo-caption", "entry-content", "StoryLead", "SUBTITLE", "x", "",
        "  spaced   words ", "ü-lead", "dek\tdeck", "byline__author", "authorName", "sub-title",
    ]

    @Test func needleGroupsReportEveryGroupPresent() {
        let set = ByteNeedleSet(groups: [["comment", "disqus"], ["share", "promo"], ["entry-content"]], foldingCase: true)
        #expect(set.groups(in: "entry-content promo") == 0b110)
        #expect(set.groups(in: "Comments-Area") == 0b001)
        #expect(set.groups(in: "ShareBar disqus_thread ENTRY-CONTENT") == 0b111)
        #expect(set.groups(in: "article body") == 0)
        #expect(set.occurs(in: "xpromo"))
        #expect(!set.occurs(in: "pro mo"))
    }

    @Test func needlesRespectCaseWhenNotFolding() {
        let set = ByteNeedleSet(["Lead", "b"])
        #expect(set.occurs(in: "myLead"))
        #expect(!set.occurs(in: "mylead"))
        #expect(set.occurs(in: "ab"))  // one-byte needle at the last position
        #expect(!ByteNeedleSet([String]()).occurs(in: "anything"))
    }

    /// The automaton against a plain substring search, on random needles and haystacks over
    /// a small alphabet (so needles overlap, share prefixes and are suffixes of each other).
    @Test func needleGroupsAgreeWithPlainSearch() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("abAB-_ c".utf8) + [0xC3, 0xBC]
        func word(_ range: ClosedRange<Int>) -> [UInt8] {
            (0..<Int.random(in: range, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        }
        func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
            guard needle.count <= haystack.count else { return false }
            return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        for round in 0..<400 {
            let folding = round % 2 == 0
            let groups = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                (0..<Int.random(in: 0...5, using: &generator)).map { _ in String(decoding: word(1...4), as: UTF8.self) }
            }
            let set = ByteNeedleSet(groups: groups, foldingCase: folding)
            for _ in 0..<20 {
                let haystack = word(0...24)
                let probe = folding ? haystack.map(\.asciiLowercased) : haystack
                var expected: UInt32 = 0
                for (index, words) in groups.enumerated() {
                    for word in words where !word.isEmpty {
                        let needle = folding ? Array(word.utf8).map(\.asciiLowercased) : Array(word.utf8)
                        if contains(probe, needle) { expected |= 1 << UInt32(index) }
                    }
                }
                #expect(set.groups(in: haystack) == expected, "\(groups) in \(haystack), folding \(folding)")
                #expect(set.occurs(in: haystack) == (expected != 0))
            }
        }
    }

    /// The byte split against the `Character` split it replaced, on random strings of
    /// separators, letters, CR LF, a combining mark and other non-ASCII scalars.
    @Test func asciiSplitGivesTheCharacterSplitsPieces() {
        var generator = SystemRandomNumberGenerator()
        let parts = [" ", "-", "_", "a", "B", "\t", "\n", "\r", "\r\n", "\u{301}", "é", "ü", "日", "1"]
        let separatorSets: [Set<UInt8>] = [[0x20], [0x2D, 0x5F], [0x20, 0x09, 0x0A], [0x20, 0x0A, 0x0D]]
        for _ in 0..<3000 {
            let string = (0..<Int.random(in: 0...12, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            let separators = separatorSets.randomElement(using: &generator)!
            for omitting in [true, false] {
                let expected = string.split(omittingEmptySubsequences: omitting) { character in
                    character.utf8.count == 1 && separators.contains(character.utf8.first!)
                }
                let split = string.splitASCII(omittingEmptySubsequences: omitting) { separators.contains($0) }
                #expect(split == expected, "\(Array(string.unicodeScalars)) on \(separators)")
            }
        }
    }

    /// Expected hits recorded from the String-based matcher this one replaced: whole words,
    /// `-`/`_` parts, substrings for camelCase, ASCII case ignored.
    @Test func classTokenMatcherFindsWordsPartsAndSubstrings() {
        let rules = MetadataRules()
        let cases: [(ClassTokenMatcher, [String])] = [
            (ClassTokenMatcher(tokens: rules.leadTokens, substrings: rules.leadSubstrings),
             ["article-lead", "c-article__Standfirst", "lead", "post_intro text", "Teaser teaser--big", "StoryLead",
              "SUBTITLE", "ü-lead", "dek\tdeck", "sub-title"]),
            (ClassTokenMatcher(tokens: rules.leadExcludedTokens), ["photo-caption", "byline__author"]),
            (ClassTokenMatcher(tokens: rules.bylineTokens), ["byline__author", "authorName"]),
        ]
        for (matcher, expected) in cases {
            #expect(Self.classValues.filter { matcher.matches($0) } == expected)
        }
        #expect(!ClassTokenMatcher(tokens: rules.leadTokens).matches("misleading leader"))
    }
}
