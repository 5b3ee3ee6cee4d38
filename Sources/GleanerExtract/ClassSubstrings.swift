/// A list of `id`/`class` substrings compiled for `ClassTokens.hasSubstring`/`hasAncestor`:
/// one scan of a value answers for the whole list.
///
/// The ancestor walks test every `class`/`id` of up to 15 ancestors against a dozen
/// substrings; one `ClassTokens.containsASCII` call per pair was ~45,000 calls and ~20 M
/// instructions over the 181 scrapinghub pages. The answer is the same: a substring is
/// found when its bytes occur in the value with the value's ASCII letters lower-cased,
/// so a substring with an upper-case ASCII letter never matches (it is left out) and an
/// empty one always does.
struct ClassSubstrings: Sendable {
    private let needles: ByteNeedleSet
    private let hasEmpty: Bool

    init(_ substrings: [String]) {
        hasEmpty = substrings.contains { $0.isEmpty }
        needles = ByteNeedleSet(
            substrings.filter { !$0.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } }, foldingCase: true)
    }

    /// Some substring occurs in `value` (ASCII case of the value ignored).
    func occurs(in value: String) -> Bool {
        hasEmpty || needles.occurs(in: value)
    }
}
