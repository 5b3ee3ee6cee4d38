import ArgumentParser
import Gleaner

/// `--rules FILE` of `extract` and `scrape`: the shipped rule lists with a user's edits
/// (docs/rules.md), read once before the first page. A bad file is a usage error (exit 2).
enum RulesOption {
    static let help = ArgumentHelp(
        "A JSON rule file that adds to, removes from or replaces the shipped word lists and thresholds (docs/rules.md).",
        valueName: "FILE")

    static func extractor(rulesFile: String?) throws -> ArticleExtractor {
        guard let rulesFile else { return ArticleExtractor() }
        do {
            return ArticleExtractor(rules: try RuleOverrides(contentsOf: rulesFile).rules())
        } catch {
            throw ValidationError("--rules: \(error.message)")
        }
    }
}
