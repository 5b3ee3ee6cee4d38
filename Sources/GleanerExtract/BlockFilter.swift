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
        truncatedAtDiscussion(blocks).filter { !isBoilerplate($0) }
    }

    /// Cuts the blocks at a "Comments" / "3 Responses" / "TrackBack" heading: blogs often
    /// put the discussion in the same container as the post, with nothing but that heading
    /// to tell them apart. The cut needs some article before it.
    func truncatedAtDiscussion(_ blocks: [Block]) -> [Block] {
        var textBefore = 0
        for (index, block) in blocks.enumerated() {
            if textBefore >= rules.discussionMinimumTextBefore, isDiscussionHeading(block) {
                return Array(blocks[..<index])
            }
            textBefore += block.text.utf8.count
        }
        return blocks
    }

    func isDiscussionHeading(_ block: Block) -> Bool {
        guard block.text.utf8.count <= rules.boilerplateBlockMaximumLength else { return false }
        var key = Self.normalize(block.text)
        // "12 Comments", "Comments (12)": the count doesn't matter.
        key = key.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) }.joined(separator: " ")
        if rules.discussionHeadings.contains(key) { return true }
        return rules.discussionHeadingPrefixes.contains { key.hasPrefix($0) }
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
