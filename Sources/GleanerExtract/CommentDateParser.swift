import GleanerNormalize

/// Comment-header dates ("October 29, 2012 at 12:41 pm", "12.03.2024, 10:15 Uhr",
/// "2012-10-27 11:34:58", "Jul 23 2012") read by the one date parser, `DateNormalizer`, so a
/// comment's date and the page's date agree on every form and language.
///
/// It returns the date with the local time as written (`2012-10-29T12:41:00`, or
/// `2012-10-29` without a time) and an offset only when the header shows one;
/// `CommentDateHarmonizer` later gives a local time the page's own offset. Relative dates
/// ("3 hours ago") give nil: they need the fetch time, which extraction doesn't have.
/// Placeholder years (before 1990, beyond tomorrow) give nil too.
struct CommentDateParser {
    /// A `datetime`/`content` attribute value (usually ISO 8601) or header text.
    func parseAttribute(_ value: String) -> String? { parse(value) }

    func parse(_ text: String) -> String? {
        guard let parsed = DateNormalizer.parse(text), DateNormalizer.isPlausible(parsed) else { return nil }
        return parsed.localTimestamp
    }
}
