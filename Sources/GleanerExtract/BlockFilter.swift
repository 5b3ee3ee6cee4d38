import GleanerModel

/// Drops short blocks that are page furniture by their wording ("Advertisement", "Share",
/// "Posted in …", "Related articles", photo credits), and cuts the body at a "Comments"
/// heading.
///
/// Such lines sit inside the article container without any telling markup, so only their
/// text gives them away. Only short blocks are tested, so running prose is never touched;
/// the work is per block, not per node.
struct BlockFilter {
    let rules: ExtractionRules

    func filter(_ blocks: [Block]) -> [Block] {
        keptIndices(blocks).map { blocks[$0] }
    }

    /// Indices of the blocks `filter` keeps, ascending.
    /// - Parameter tableOf: per block, the data table it is a cell of (-1 for none), as
    ///   `BlockBuilder.Built` tags them. A data table's cell is never a discussion heading:
    ///   "Comments" there is a column's name or a linked count, with rows of data after it.
    func keptIndices(_ blocks: [Block], tableOf: [Int]? = nil) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(blocks.count)
        var textBefore = 0
        for (index, block) in blocks.enumerated() {
            let key = normalizedKey(block)
            let inTable = tableOf.map { index < $0.count && $0[index] >= 0 } ?? false
            if let key, !inTable, textBefore >= rules.discussionMinimumTextBefore, isDiscussionHeading(block, key: key) { break }
            textBefore += block.text.utf8.count
            if let key, !block.isVerbatim, isBoilerplate(block, key: key) { continue }
            result.append(index)
        }
        return result
    }

    /// Blogs often put the discussion in the same container as the post, with nothing but a
    /// "Comments" / "3 Responses" / "TrackBack" heading to tell them apart: the blocks end
    /// there. The cut needs some article before it.
    func truncatedAtDiscussion(_ blocks: [Block]) -> [Block] {
        var textBefore = 0
        for (index, block) in blocks.enumerated() {
            if textBefore >= rules.discussionMinimumTextBefore, let key = normalizedKey(block), isDiscussionHeading(block, key: key) {
                return Array(blocks[..<index])
            }
            textBefore += block.text.utf8.count
        }
        return blocks
    }

    func isBoilerplate(_ block: Block) -> Bool {
        guard !block.isVerbatim, let key = normalizedKey(block) else { return false }
        return isBoilerplate(block, key: key)
    }

    /// The normalized text of a short block; nil for long ones, which are never furniture.
    private func normalizedKey(_ block: Block) -> String? {
        guard block.text.utf8.count <= rules.boilerplateBlockMaximumLength else { return nil }
        let key = Self.normalize(block.text)
        return key.isEmpty ? nil : key
    }

    private func isBoilerplate(_ block: Block, key: String) -> Bool {
        if rules.boilerplateBlockTexts.contains(key) { return true }
        if rules.boilerplateBlockPrefixes.contains(where: { key.hasPrefix($0) }) { return true }
        let lowered = block.text.lowercased()
        if rules.boilerplateBlockLabelPrefixes.contains(where: { lowered.hasPrefix($0) }) { return true }
        return rules.boilerplateBlockSuffixes.contains(where: { key.hasSuffix($0) })
    }

    private func isDiscussionHeading(_ block: Block, key: String) -> Bool {
        // "12 Comments", "Comments (12)": the count doesn't matter. ASCII keys without a
        // digit have no number to drop (no split: 0.26% of a run); other keys are split.
        let withoutNumbers: String
        if key.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x30 && $0 <= 0x39) }) {
            withoutNumbers = key
        } else {
            let words = key.splitASCII(separator: 0x20)
            withoutNumbers = words.contains(where: { $0.first?.isNumber == true })
                ? words.filter { !$0.allSatisfy(\.isNumber) }.joined(separator: " ") : key
        }
        // A label introducing what follows in running text or a table ("Discussion:" before
        // the points of meeting minutes, a "Comments:" column, "Comments--" in a mail) is no
        // heading of a discussion below; a heading element ("<h4>Comments:</h4>") still is.
        if block.type != .heading, let last = block.text.unicodeScalars.last(where: { !$0.properties.isWhitespace }),
            last == ":" || last == "-" || last == "\u{2013}" || last == "\u{2014}"
        {
            return false
        }
        if rules.discussionHeadings.contains(withoutNumbers) { return true }
        // A prefix ("thoughts on …", "comments on …") starts a heading only when the line is
        // no sentence: "Thoughts on the new season when I return." is the post's own text.
        guard rules.discussionHeadingPrefixes.contains(where: { withoutNumbers.hasPrefix($0) }) else { return false }
        return block.type == .heading || !Self.endsWithFullStop(block.text)
    }

    /// The text ends with a full stop ("." or the ideographic and full-width ones), not with
    /// a heading's question or exclamation mark ("12 responses to “Is it over?”").
    static func endsWithFullStop(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last(where: { !$0.properties.isWhitespace }) else { return false }
        return last == "." || last == "\u{3002}" || last == "\u{FF0E}"
    }

    /// Lower-cased words joined by single spaces: punctuation and symbols ("»", "|", ":")
    /// don't change what a line says. Works on scalars (no grapheme breaking).
    static func normalize(_ text: String) -> String {
        // UTF-8 bytes, then one String: appending to a String's scalar view was 380
        // instructions a scalar.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isWordScalar: Bool
            if scalar.isASCII {
                let v = scalar.value
                isWordScalar = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            } else {
                isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            guard isWordScalar else {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            if scalar.isASCII {
                let v = UInt8(scalar.value)
                out.append(v >= 0x41 && v <= 0x5A ? v | 0x20 : v)
            } else if scalar.properties.changesWhenLowercased {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    UTF8.encode(lower) { out.append($0) }
                }
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
