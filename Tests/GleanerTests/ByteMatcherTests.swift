import Testing
@testable import GleanerExtract

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
