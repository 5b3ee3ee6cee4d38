import Foundation
import GleanerHTML
import GleanerModel
import GleanerNormalize

/// Turns the content subtree chosen by the body extractor into blocks in reading order.
///
/// Block-level elements open a new block; inline text accumulates into the block of the
/// innermost open block element. Skipped nodes (boilerplate found inside the content) and
/// excluded nodes (scripts, hidden) contribute nothing.
///
/// Blocks whose words are (almost) all link text are dropped: inside the article container
/// such lines are tool links ("Print | Recommend") or link lists to other articles, rarely
/// prose. Blocks without any word (a lone "|" or "·" left between removed furniture) go too.
///
/// Rich structure rides along without changing any block's `text`: links and emphasis are
/// recorded as ranges of the raw text and mapped through the same cleaning
/// (`TextCleaner.clean(_:mapping:)`); images become text-less `image` blocks after the block
/// they sit in; `<pre>` keeps a `verbatim` copy; the blocks of a data table are tagged so
/// they can be merged into one `table` block after filtering (`Built.merged`).
struct BlockBuilder {
    let analysis: PageAnalysis
    let rules: ExtractionRules
    /// Base for link and image URLs (page URL / `<base href>`).
    var base: URL? = nil

    /// Blocks of one or more containers before filtering, tagged with their data table.
    struct Built {
        var blocks: [Block] = []
        /// Per block: index into `tables`, or -1.
        var tableOf: [Int] = []
        var tables: [(caption: String?, rows: [TableRow])] = []

        /// The kept blocks (`indices`, ascending) with each data table's blocks merged into
        /// one `table` block whose `text` joins theirs with a blank line — exactly what the
        /// record's `text` held for them — so the plain text does not change.
        func merged(keeping indices: [Int]) -> [Block] {
            var result: [Block] = []
            result.reserveCapacity(indices.count)
            var k = 0
            while k < indices.count {
                let index = indices[k]
                let table = tableOf[index]
                guard table >= 0 else {
                    result.append(blocks[index])
                    k += 1
                    continue
                }
                var members: [Int] = []
                while k < indices.count, tableOf[indices[k]] == table {
                    members.append(indices[k])
                    k += 1
                }
                // A heading inside a table stays a heading (the record's `subheadings`); a
                // table the reader found no rows in (cells without text: images, spacers)
                // is no table block — an empty one renders as nothing or as an empty grid.
                if tables[table].rows.isEmpty || members.contains(where: { blocks[$0].type == .heading }) {
                    result += members.map { blocks[$0] }
                    continue
                }
                let texts = members.map { blocks[$0].text }.filter { !$0.isEmpty }
                let info = tables[table]
                result.append(Block(type: .table, text: texts.joined(separator: "\n\n"), rows: info.rows, caption: info.caption))
            }
            return result
        }

        var all: [Block] { merged(keeping: Array(blocks.indices)) }
    }

    /// - Parameters:
    ///   - root: the content container.
    ///   - skip: nodes whose subtrees are left out.
    func blocks(in root: Int, skipping skip: Set<Int>) -> [Block] {
        var built = Built()
        append(root, skipping: skip, to: &built)
        return built.all
    }

    private enum InlineKind {
        case link(String)
        case mark(InlineMark.Kind)
    }

    func append(_ root: Int, skipping skip: Set<Int>, to built: inout Built) {
        let tree = analysis.tree
        let rich = RichBlockRules.shared
        let tables = TableReader(analysis: analysis, rules: rich)
        let images = ImageReader(analysis: analysis, rules: rich, base: base)
        let isStrong = tree.nameMask(RichBlockRules.strongNames)
        let isEmphasis = tree.nameMask(RichBlockRules.emphasisNames)
        let isCode = tree.nameMask(RichBlockRules.codeNames)
        let anchorID = tree.nameID("a")
        let imageID = tree.nameID("img")
        let tableID = tree.nameID("table")
        var buffer = ""
        // Open block elements: (subtree end, kind, heading level, code language).
        var open: [(end: Int, kind: Block.Kind, level: Int?, language: String?)] = []
        var consecutiveBreaks = 0
        // Word characters in the running block, and how many of them are inside links.
        var wordCount = 0
        var linkWordCount = 0
        // Subtree end of the outermost open <a>; -1 when outside links.
        var linkEnd = -1
        // Open links/emphasis (UTF-8 offset into `buffer` where they start) and the closed
        // ones of the running block.
        var openInlines: [(end: Int, kind: InlineKind, start: Int)] = []
        var ranges: [(kind: InlineKind, start: Int, end: Int)] = []
        // Images met inside the running block: they follow it.
        var pendingImages: [Block] = []
        // Open data tables: (subtree end, index into built.tables).
        var tableStack: [(end: Int, id: Int)] = []

        func currentKind() -> (Block.Kind, Int?, String?) {
            guard let top = open.last else { return (.paragraph, nil, nil) }
            return (top.kind, top.level, top.language)
        }

        // Consuming: a new block is moved into the list, not copied (retaining its strings
        // and arrays) and then destroyed.
        func emit(_ block: consuming Block) {
            built.blocks.append(block)
            built.tableOf.append(tableStack.last?.id ?? -1)
        }

        func flush() {
            let (kind, level, language) = currentKind()
            let isVerbatim = kind == .preformatted || kind == .code
            var links: [InlineLink] = []
            var marks: [InlineMark] = []
            let text: String
            if isVerbatim {
                text = TextCleaner.cleanKeepingLines(buffer)
            } else {
                let length = buffer.utf8.count
                for inline in openInlines { ranges.append((inline.kind, inline.start, length)) }
                if ranges.isEmpty {
                    text = TextCleaner.clean(buffer)
                } else {
                    var positions: [(offset: Int, isStart: Bool)] = []
                    positions.reserveCapacity(ranges.count * 2)
                    for range in ranges {
                        positions.append((range.start, true))
                        positions.append((range.end, false))
                    }
                    let mapped = TextCleaner.clean(buffer, mapping: positions)
                    text = mapped.text
                    // Link texts are cut by the UTF-8 offsets of the scalars, found once:
                    // slicing the String by scalar offsets walks it from the start each time,
                    // which made a block with 900,000 links run for minutes (and rebuilding a
                    // text scalar by scalar cost ~300 instructions a scalar).
                    var scalarStarts: [Int] = []
                    for (k, range) in ranges.enumerated() {
                        let start = mapped.offsets[2 * k]
                        let end = mapped.offsets[2 * k + 1]
                        guard start < end else { continue }
                        switch range.kind {
                        case .link(let href):
                            if scalarStarts.isEmpty { scalarStarts = Self.scalarStarts(text) }
                            let scalarCount = scalarStarts.count - 1
                            let utf8 = text.utf8
                            let lower = utf8.index(utf8.startIndex, offsetBy: scalarStarts[min(start, scalarCount)])
                            let upper = utf8.index(utf8.startIndex, offsetBy: scalarStarts[min(end, scalarCount)])
                            let slice = String(decoding: utf8[lower..<upper], as: UTF8.self)
                            links.append(InlineLink(text: slice, href: href, start: start, end: end))
                        case .mark(let type):
                            marks.append(InlineMark(type: type, start: start, end: end))
                        }
                    }
                    links.sort { $0.start < $1.start }
                    marks.sort { $0.start < $1.start }
                }
            }
            let raw = buffer
            buffer = ""
            ranges.removeAll(keepingCapacity: true)
            for k in openInlines.indices { openInlines[k].start = 0 }
            let words = wordCount
            let linkWords = linkWordCount
            wordCount = 0
            linkWordCount = 0
            defer {
                for image in pendingImages { emit(image) }
                pendingImages.removeAll()
            }
            guard !text.isEmpty else { return }
            if !isVerbatim {
                if words == 0 { return }
                // Only short plain lines: a linked headline or a long linked paragraph may be
                // the article itself on a sparse page. A cell of a data table is data, linked
                // or not (a job title or a track name in its column): the table kept its
                // place beside the text, so a link-dense one was already left out.
                if kind == .paragraph, tableStack.isEmpty, text.utf8.count <= rules.boilerplateBlockMaximumLength,
                    Double(linkWords) >= rules.linkOnlyBlockShare * Double(words)
                {
                    return
                }
            }
            emit(Block(
                type: kind, text: text, level: kind == .heading ? level : nil, links: links, marks: marks,
                verbatim: isVerbatim ? Self.verbatim(raw) : nil, language: language))
        }

        // Fields are read in place (`tree[i]` yields): `let node = tree[i]` copied each node,
        // retaining and releasing its strings and attribute array. (The loop stays outside a
        // closure over the node buffer: captured, its many locals would be boxed and every
        // access checked for exclusivity.)
        let breakID = tree.nameID("br")
        var i = root
        let end = tree[root].subtreeEnd
        while i <= end {
            while let top = openInlines.last, top.end < i {
                ranges.append((top.kind, top.start, buffer.utf8.count))
                openInlines.removeLast()
            }
            while let top = open.last, top.end < i {
                flush()
                open.removeLast()
            }
            while let top = tableStack.last, top.end < i { tableStack.removeLast() }
            let kind = tree[i].kind
            let subtreeEnd = tree[i].subtreeEnd
            if analysis.excluded[i] || (i != root && skip.contains(i)) {
                // A left-out block (a headline) still separates the text around it.
                if kind == .element {
                    let name = tree[i].name
                    if rules.blockBoundaryElements.contains(name) || rules.blockKind(for: name, inside: nil) != nil {
                        flush()
                        consecutiveBreaks = 0
                    }
                }
                i = subtreeEnd + 1
                continue
            }
            if kind == .text {
                let text = tree[i].text
                buffer += text
                let words = Self.wordCharacters(in: text)
                wordCount += words
                if i <= linkEnd { linkWordCount += words }
                if text.utf8.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D) }) { consecutiveBreaks = 0 }
                i += 1
                continue
            }
            let nameID = tree[i].nameID
            let inVerbatim = open.last.map { $0.kind == .preformatted || $0.kind == .code } ?? false
            if nameID == anchorID, !PageAnalysis.isNamedTarget(attributes: tree[i].attributes) {
                // An `<a name>` target is no link (PageAnalysis.isNamedTarget).
                if i > linkEnd { linkEnd = subtreeEnd }
                if !inVerbatim, let href = tree[i].attributes.attributeNamed("href"),
                    let url = BlockLinkResolver.resolve(TextCleaner.clean(href), base: base)
                {
                    openInlines.append((subtreeEnd, .link(url), buffer.utf8.count))
                }
            } else if !inVerbatim, isStrong[Int(nameID)] || isEmphasis[Int(nameID)] || isCode[Int(nameID)] {
                let mark: InlineMark.Kind = isStrong[Int(nameID)] ? .strong : (isEmphasis[Int(nameID)] ? .em : .code)
                openInlines.append((subtreeEnd, .mark(mark), buffer.utf8.count))
            } else if nameID == imageID, let image = images.block(for: i) {
                pendingImages.append(image)
            }
            if nameID == breakID {
                consecutiveBreaks += 1
                if consecutiveBreaks >= 2 { flush() } else { buffer += "\n" }
                i += 1
                continue
            }
            let name = tree[i].name
            if let kind = rules.blockKind(for: name, inside: open.last?.kind) {
                flush()
                consecutiveBreaks = 0
                if kind.kind == .preformatted, let code = codeInfo(i, rules: rich) {
                    open.append((subtreeEnd, .code, nil, code.language))
                } else {
                    open.append((subtreeEnd, kind.kind, kind.level, nil))
                }
            } else if rules.blockBoundaryElements.contains(name) {
                flush()
                consecutiveBreaks = 0
                let inherited = currentKind()
                open.append((subtreeEnd, inherited.0, inherited.1, inherited.2))
                if nameID == tableID, tables.isDataTable(i) {
                    built.tables.append(tables.read(i))
                    tableStack.append((subtreeEnd, built.tables.count - 1))
                }
            } else if rules.inlineSeparatedElements.contains(name) {
                buffer += " "
            }
            i += 1
        }
        while let top = openInlines.popLast() { ranges.append((top.kind, top.start, buffer.utf8.count)) }
        while !open.isEmpty {
            flush()
            open.removeLast()
        }
        flush()
    }

    /// Whether a `<pre>` holds program code (a `<code>` inside, or a highlighter's class on
    /// it or its `<code>`), and the language a class names.
    private func codeInfo(_ pre: Int, rules rich: RichBlockRules) -> (isCode: Bool, language: String?)? {
        let tree = analysis.tree
        var isCode = false
        var language: String?
        var candidates = [pre]
        for child in tree.children(of: pre) where tree[child].isElement && tree[child].name == "code" {
            isCode = true
            candidates.append(child)
        }
        for index in candidates {
            guard let value = tree[index].attribute("class") else { continue }
            for token in value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                if rich.codeBlockClassTokens.contains(String(token)) || token.hasPrefix("brush:") { isCode = true }
                if language == nil, let prefix = rich.codeLanguageClassPrefixes.first(where: { token.hasPrefix($0) }) {
                    let name = token.dropFirst(prefix.count)
                    if !name.isEmpty {
                        language = String(name)
                        isCode = true
                    }
                }
            }
        }
        return isCode ? (true, language) : nil
    }

    /// A `<pre>`'s text as written: every space and tab kept, line breaks normalised to
    /// `\n`, non-breaking spaces made plain, invisible characters removed, the newline right
    /// after `<pre>` (which HTML ignores) and trailing blank lines dropped.
    static func verbatim(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in raw.unicodeScalars {
            let value = scalar.value
            if value == 0x0D {
                out.append("\n")
                previousCR = true
                continue
            }
            defer { previousCR = false }
            if value == 0x0A {
                if !previousCR { out.append("\n") }
                continue
            }
            if value == 0x09 {
                out.append(scalar)
                continue
            }
            if value < 0x20 || value == 0x7F || (value >= 0x80 && value < 0xA0) { continue }
            if TextCleaner.isInvisible(value) { continue }
            if TextCleaner.isUnicodeSpace(value) {
                out.append(" ")
                continue
            }
            out.append(scalar)
        }
        var text = String(out)
        while let last = text.unicodeScalars.last, last == " " || last == "\n" || last == "\t" { text.unicodeScalars.removeLast() }
        // Leading blank lines only (the first line's indentation stays).
        while let newline = text.firstIndex(of: "\n"), text[..<newline].allSatisfy({ $0 == " " || $0 == "\t" }) {
            text.removeSubrange(...newline)
        }
        return text
    }

    /// The UTF-8 offset of each Unicode scalar of `text`, then the text's UTF-8 length: the
    /// scalars `a..<b` are the bytes `result[a]..<result[b]`.
    static func scalarStarts(_ text: String) -> [Int] {
        let count = text.utf8.count
        // Written into the array's storage (at most one entry a byte, plus the end).
        return [Int](unsafeUninitializedCapacity: count + 1) { starts, written in
            var n = 0
            var offset = 0
            for byte in text.utf8 {
                if byte & 0xC0 != 0x80 {
                    starts[n] = offset
                    n += 1
                }
                offset += 1
            }
            starts[n] = offset
            written = n + 1
        }
    }

    /// Letters and digits in `text` (Unicode scalars); punctuation, symbols and spaces don't
    /// count, so "» <a>…</a>" and "<a>…</a> | <a>…</a>" are all link.
    ///
    /// Over the string's own bytes, decoding only non-ASCII scalars, with `ScalarFlags`'
    /// tables (built from the same stdlib properties) for the scripts and punctuation news
    /// text uses: iterating the scalar view was most of this function's 1% of a run.
    static func wordCharacters(in text: String) -> Int {
        ScalarFlags.table.withUnsafeBufferPointer { table in
            ScalarFlags.punctuation.withUnsafeBufferPointer { punctuation in
                if let count = text.utf8.withContiguousStorageIfAvailable({
                    wordCharacters(utf8: $0, table: table, punctuation: punctuation)
                }) {
                    return count
                }
                var count = 0
                for scalar in text.unicodeScalars where isWordScalar(scalar.value, table: table, punctuation: punctuation) {
                    count += 1
                }
                return count
            }
        }
    }

    /// `wordCharacters(in:)` over valid UTF-8.
    private static func wordCharacters(
        utf8 bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>, punctuation: UnsafeBufferPointer<UInt8>
    ) -> Int {
        var count = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte < 0x80 {
                let v = byte | 0x20
                if (v >= 0x61 && v <= 0x7A) || (byte >= 0x30 && byte <= 0x39) { count += 1 }
                i += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : (byte >= 0xE0 ? 3 : 2)
            var value = UInt32(byte) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            i += length
            if isWordScalar(value, table: table, punctuation: punctuation) { count += 1 }
        }
        return count
    }

    /// A letter or digit: ASCII by range, then the two tables, then the stdlib's lookup.
    @inline(__always)
    private static func isWordScalar(
        _ value: UInt32, table: UnsafeBufferPointer<UInt8>, punctuation: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        if value < 0x80 {
            let v = value | 0x20
            return (v >= 0x61 && v <= 0x7A) || (value >= 0x30 && value <= 0x39)
        }
        let wanted = ScalarFlags.alphabetic | ScalarFlags.numeric
        if value < ScalarFlags.limit { return table[Int(value)] & wanted != 0 }
        if value >= ScalarFlags.punctuationStart && value < ScalarFlags.punctuationEnd {
            return punctuation[Int(value - ScalarFlags.punctuationStart)] & wanted != 0
        }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
