/// Splits author credits ("By Jane Doe and John Roe, Senior Correspondent", "Von Anna
/// Muster (dpa)") into people and a wire agency: what a pipeline's `authors` step does.
///
/// GleanerNormalize holds no name rules of its own. There is one person-name cleaner in
/// the project — the extractor's byline parser (`AuthorCredits` in GleanerExtract, with its
/// lead-ins, conjunctions, particles, agencies and role words in `metadata.json`) — so a
/// credit is read the same way whether it comes out of extraction or goes through the
/// pipeline step, and a user's `--rules` additions apply to both. The normalizer receives it
/// through this protocol because GleanerExtract depends on GleanerNormalize, not the reverse.
public protocol AuthorCreditParsing: Sendable {
    /// The people named in `credits`, in order and without duplicates, and the first wire
    /// agency credited, if any.
    func split(_ credits: [String]) -> (authors: [String], agency: String?)
}
