import Foundation
import Testing
@testable import GleanerExtract
import GleanerModel

/// Rule lists are data: the shipped JSON files decode into the rule structs, and a user's
/// rule file adds to, removes from or replaces any list and threshold.
struct RuleFileTests {
    @Test func shippedFilesDecodeEveryRule() {
        let rules = ExtractionRules.default
        #expect(rules.boilerplateElements.contains("nav"))
        #expect(rules.headingLevels["h2"] == 2)
        #expect(rules.metadata.leadLength == 20...1500)
        #expect(rules.comments.minimumRepeatedItems >= 2)
        #expect(rules.minimumParagraphLength > 0)
    }

    @Test func everyListSaysWhereItsEntriesComeFrom() throws {
        for (section, bytes) in [
            ("extraction", PackageResources.extraction_json), ("metadata", PackageResources.metadata_json),
            ("comments", PackageResources.comments_json),
        ] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            let sources = try #require(object["sources"] as? [String: String], "\(section) has no sources note")
            for (key, value) in object where value is [Any] || value is [String: Any] {
                guard key != "sources" else { continue }
                #expect(sources[key] != nil, "\(section).\(key) has no sources note")
            }
        }
    }

    @Test func addRemoveAndReplace() throws {
        let json = """
            {"extraction": {"boilerplateTokens": {"add": ["rail"], "remove": ["promo"]},
                            "minimumParagraphLength": 25,
                            "headingLevels": {"add": {"header-title": 1}}},
             "metadata": {"agencyCodes": ["xyz"]},
             "comments": {"itemNames": {"replace": ["postit"]}}}
            """
        let rules = try RuleOverrides(json: Data(json.utf8)).rules()
        #expect(rules.boilerplateTokens.contains("rail"))
        #expect(!rules.boilerplateTokens.contains("promo"))
        #expect(rules.boilerplateTokens.contains("nav"))
        #expect(rules.minimumParagraphLength == 25)
        #expect(rules.headingLevels["header-title"] == 1 && rules.headingLevels["h1"] == 1)
        #expect(rules.metadata.agencyCodes == ["xyz"])
        #expect(rules.comments.itemNames == ["postit"])
        // Untouched sections keep the shipped values.
        #expect(rules.comments.sectionNames == ExtractionRules.default.comments.sectionNames)
    }

    @Test func mistakesAreErrorsNotSilence() {
        for json in [
            #"{"extraction": {"boilerplateTokenz": {"add": ["x"]}}}"#,
            #"{"extract": {}}"#,
            #"{"extraction": {"minimumParagraphLength": "many"}}"#,
            #"{"extraction": {"minimumParagraphLength": {"add": [1]}}}"#,
            "[1, 2]",
        ] {
            #expect(throws: RuleFileError.self, "\(json)") { try RuleOverrides(json: Data(json.utf8)) }
        }
    }

    @Test func anAddedTokenChangesExtraction() throws {
        let sentence = "This sentence is part of the article body, and it is long enough to count as prose."
        let body = (1...4).map { "<p>Paragraph \($0). \(sentence) \(sentence)</p>" }.joined()
        let html = """
            <html><body><div class="story">\(body)
            <div class="zzrail"><p>A box this site puts below every story, with words that look like prose too.</p></div>
            </div></body></html>
            """
        let plain = try ArticleExtractor().extract(html: Array(html.utf8), source: "t")
        #expect(plain.text.contains("A box this site puts"))
        let overrides = try RuleOverrides(json: Data(#"{"extraction": {"boilerplateTokens": {"add": ["zzrail"]}}}"#.utf8))
        let tuned = try ArticleExtractor(rules: overrides.rules()).extract(html: Array(html.utf8), source: "t")
        #expect(!tuned.text.contains("A box this site puts"))
        #expect(tuned.text.contains("Paragraph 4."))
    }
}
