import GleanerModel
import GleanerNormalize

/// Brings comment dates to the record's date convention (see `DateNormalizer`): a full
/// timestamp with offset, else the calendar date alone.
///
/// Comment lists show local times without a zone ("14. Mai 2023, 10:03"). The page's own
/// published date usually carries the site's offset; a comment on the same page is shown
/// in the same zone, so that offset is applied. Without one, the comment keeps only its
/// date, as articles do.
enum CommentDateHarmonizer {
    static func harmonize(_ comments: [Comment], pagePublished: String?) -> [Comment] {
        let pageOffset = pagePublished.flatMap(DateNormalizer.parse)?.offsetMinutes
        return comments.map { comment in
            guard let raw = comment.published, var parsed = DateNormalizer.parse(raw) else { return comment }
            var result = comment
            if parsed.hour != nil, parsed.offsetMinutes == nil, let pageOffset {
                parsed.offsetMinutes = pageOffset
            }
            result.published = parsed.iso8601
            return result
        }
    }
}
