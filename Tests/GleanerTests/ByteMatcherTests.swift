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

    @Test func classTokenMatcherAgreesWithClassTokens() {
        let rules = MetadataRules()
        let cases: [(Set<String>, [String])] = [
            (rules.leadTokens, rules.leadSubstrings), (rules.leadExcludedTokens, []), (rules.bylineTokens, []),
        ]
        for (tokens, substrings) in cases {
            let matcher = ClassTokenMatcher(tokens: tokens, substrings: substrings)
            for value in Self.classValues {
                #expect(
                    matcher.matches(value) == ClassTokens.matches(value, tokens: tokens, substrings: substrings),
                    "\(value)")
            }
        }
        let lead = ClassTokenMatcher(tokens: rules.leadTokens, substrings: rules.leadSubstrings)
        #expect(lead.matches("c-article__lead"))
        #expect(lead.matches("Post_Intro text"))
        #expect(!lead.matches("misleading"))
    }
}
