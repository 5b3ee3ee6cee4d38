/// Markup conventions that identify user comment sections and single comments.
/// Part of `ExtractionRules`; generic across CMSs, never keyed to a site.
public struct CommentRules: Sendable {
    public init() {}
}
