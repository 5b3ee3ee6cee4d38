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
        // By index, the fields read in place: a copied `Block` retained its strings and
        // arrays (two copies per block).
        for index in blocks.indices {
            let key = normalizedKey(blocks[index].text)
            let inTable = tableOf.map { index < $0.count && $0[index] >= 0 } ?? false
            if let key, !inTable, textBefore >= rules.discussionMinimumTextBefore,
                isDiscussionHeading(text: blocks[index].text, type: blocks[index].type, key: key)
            {
                break
            }
            textBefore += blocks[index].text.utf8.count
            if let key, !blocks[index].isVerbatim, isBoilerplate(text: blocks[index].text, key: key) { continue }
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
            if textBefore >= rules.discussionMinimumTextBefore, let key = normalizedKey(block.text),
                isDiscussionHeading(text: block.text, type: block.type, key: key)
            {
                return Array(blocks[..<index])
            }
            textBefore += block.text.utf8.count
        }
        return blocks
    }

    func isBoilerplate(_ block: Block) -> Bool {
        guard !block.isVerbatim, let key = normalizedKey(block.text) else { return false }
        return isBoilerplate(text: block.text, key: key)
    }

    /// The normalized text of a short block; nil for long ones, which are never furniture.
    private func normalizedKey(_ text: String) -> String? {
        guard text.utf8.count <= rules.boilerplateBlockMaximumLength else { return nil }
        let key = Self.normalize(text)
        return key.isEmpty ? nil : key
    }

    private func isBoilerplate(text: String, key: String) -> Bool {
        if rules.boilerplateBlockTexts.contains(key) { return true }
        if PrefixTest.hasAnyPrefix(key, rules.boilerplateBlockPrefixes) { return true }
        let lowered = text.lowercased()
        if PrefixTest.hasAnyPrefix(lowered, rules.boilerplateBlockLabelPrefixes) { return true }
        return rules.boilerplateBlockSuffixes.contains(where: { key.hasSuffix($0) })
    }

    private func isDiscussionHeading(text: String, type: Block.Kind, key: String) -> Bool {
        // "12 Comments", "Comments (12)": the count doesn't matter. Keys without a word that
        // starts with a number have none to drop (no split: 0.26% of a run); others are split.
        let withoutNumbers: String
        if !Self.hasNumberWord(key) {
            withoutNumbers = key
        } else {
            let words = key.splitASCII(separator: 0x20)
            withoutNumbers = words.contains(where: { $0.first?.isNumber == true })
                ? words.filter { !$0.allSatisfy(\.isNumber) }.joined(separator: " ") : key
        }
        // A label introducing what follows in running text or a table ("Discussion:" before
        // the points of meeting minutes, a "Comments:" column, "Comments--" in a mail) is no
        // heading of a discussion below; a heading element ("<h4>Comments:</h4>") still is.
        if type != .heading, let last = text.unicodeScalars.last(where: { !$0.properties.isWhitespace }),
            last == ":" || last == "-" || last == "\u{2013}" || last == "\u{2014}"
        {
            return false
        }
        if rules.discussionHeadings.contains(withoutNumbers) { return true }
        // A prefix ("thoughts on …", "comments on …") starts a heading only when the line is
        // no sentence: "Thoughts on the new season when I return." is the post's own text.
        guard PrefixTest.hasAnyPrefix(withoutNumbers, rules.discussionHeadingPrefixes) else { return false }
        return type == .heading || !Self.endsWithFullStop(text)
    }

    /// Whether a word of `key` (words separated by single spaces) starts with a number, as
    /// `Character.isNumber` decides it (its first scalar has a numeric type: digits, but
    /// also "½" or "三"). One pass over the scalars instead of splitting every key.
    static func hasNumberWord(_ key: String) -> Bool {
        var atWordStart = true
        for scalar in key.unicodeScalars {
            if scalar.value == 0x20 {
                atWordStart = true
                continue
            }
            guard atWordStart else { continue }
            atWordStart = false
            if scalar.isASCII {
                if scalar.value >= 0x30 && scalar.value <= 0x39 { return true }
            } else if scalar.properties.numericType != nil {
                return true
            }
        }
        return false
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
