import GleanerModel

/// Drops short blocks that are page furniture by their wording: "Advertisement", "Share",
/// "Posted in …", "Related articles", photo credits.
///
/// Such lines sit inside the article container without any telling markup, so only their
/// text gives them away. Only short blocks are tested, so running prose is never touched;
/// the work is per block, not per node.
struct BlockFilter {
    let rules: ExtractionRules

    func filter(_ blocks: [Block]) -> [Block] {
        blocks.filter { !isBoilerplate($0) }
    }

    func isBoilerplate(_ block: Block) -> Bool {
        guard block.type != .preformatted, block.text.utf8.count <= rules.boilerplateBlockMaximumLength else { return false }
        let key = Self.normalize(block.text)
        if key.isEmpty { return false }
        if rules.boilerplateBlockTexts.contains(key) { return true }
        if rules.boilerplateBlockPrefixes.contains(where: { key.hasPrefix($0) }) { return true }
        let lowered = block.text.lowercased()
        if rules.boilerplateBlockLabelPrefixes.contains(where: { lowered.hasPrefix($0) }) { return true }
        return rules.boilerplateBlockSuffixes.contains(where: { key.hasSuffix($0) })
    }

    /// Lower-cased words joined by single spaces: punctuation and symbols ("»", "|", ":")
    /// don't change what a line says.
    static func normalize(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
