import Foundation
import GleanerModel

/// The calendar words `DateNormalizer` reads, per language, from `Rules/dates.json`.
///
/// Dates are written with words that belong to a language, not to a site (month and weekday
/// names, CJK 年/月/日 markers, "de" in "19 de octubre de 2012"), so they are data a user can
/// read and extend; the parser itself only knows the shapes (day-month-year, month-day-year,
/// year-month-day). Decoded once, into `DateRules.shared`.
public struct DateRules: Decodable, Sendable {
    public var sources: String
    /// Language → twelve entries, January first; each entry lists space-separated names.
    public var months: [String: [String]]
    /// Language → seven entries, Monday first; each entry lists space-separated names.
    public var weekdays: [String: [String]]
    /// Words allowed right after a day number ("11th", "1er", "1º").
    public var ordinalSuffixes: [String]
    /// Words allowed between day, month and year ("19 de octubre de 2012", "27th of May").
    public var connectors: [String]
    public var yearMarkers: [String]
    public var monthMarkers: [String]
    public var dayMarkers: [String]
    public var amWords: [String]
    public var pmWords: [String]
    /// Words that follow an hour ("14 Uhr", "14h05").
    public var hourWords: [String]
    /// Zone abbreviations with one fixed offset, in minutes east of UTC.
    public var zoneOffsets: [String: Int]
    /// Where extraction looks for dates printed as text near the headline.
    public struct VisibleText: Decodable, Sendable {
        public var maximumLength: Int
        public var nodesAfterHeadline: Int
        public var nodesBeforeHeadline: Int
        public var nodesWithoutHeadline: Int
        /// A date before the headline counts as this many times further away than one after it.
        public var beforePenalty: Int
    }
    public var visibleText: VisibleText
    /// A year before this is a placeholder (`0001-01-01`, the Unix epoch), never a story's date.
    public var earliestYear: Int
    /// A date further than this in the future is a placeholder too.
    public var futureToleranceHours: Int

    public static let shared: DateRules = RuleFile.decode(PackageResources.dates_json, as: DateRules.self, name: "dates.json")

    /// Month name → 1…12, every language merged (no name means two months anywhere).
    public var monthNumbers: [String: Int] {
        var map: [String: Int] = [:]
        for list in months.values {
            for (index, entry) in list.enumerated() {
                for name in entry.split(separator: " ") { map[String(name)] = index + 1 }
            }
        }
        return map
    }

    public var weekdayNames: Set<String> {
        Set(weekdays.values.flatMap { $0.flatMap { $0.split(separator: " ").map(String.init) } })
    }
}
