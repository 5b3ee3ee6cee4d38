/// Gives every processing instruction of a feed or sitemap a data part, and empties a
/// document type's internal subset, before FoundationXML's `XMLParser` sees the bytes.
///
/// For `<?target?>` — no space, no data — libxml2 hands its processing-instruction callback a
/// NULL data pointer, and FoundationXML's callback (`_NSXMLParserProcessingInstruction`)
/// passes it to `strlen`: the process dies on a NULL read, whatever the delegate does (the
/// `discovery` fuzzer found it, `Tests/GleanerPipelineTests/DiscoveryFuzzRegressionTests`).
/// With a space before `?>` libxml2 passes an empty string instead, so this inserts one
/// wherever a `<?` is followed by `?>` with no white space between them. Nothing a feed or
/// sitemap says lives in a processing instruction; the only other place the pattern can
/// occur is inside a comment or CDATA section, which then gains a space.
///
/// FoundationXML's declaration callbacks do the same with the NULL identifiers libxml2 passes
/// for `<!NOTATION n SYSTEM "x">` (no public id), `<!ENTITY e SYSTEM "x" NDATA n>` and
/// `<!ATTLIST r a CDATA #IMPLIED>` (no default). Feeds and sitemaps have no use for an
/// internal DTD subset, so its content (between `<!DOCTYPE … [` and `]`) becomes spaces; a
/// document that uses an entity declared there then fails as XML with a clear error instead
/// of killing the process.
///
/// libxml2 reads UTF-16 and UCS-4 (by byte-order mark or by the code units of `<?`) and
/// EBCDIC (by `<?xm` in EBCDIC) as well as ASCII-compatible encodings, so the scan works on
/// code units of the width and byte order libxml2 will detect, and writes the space in the
/// same encoding. EBCDIC documents are refused (nil): no feed is written in it, and its
/// brackets differ between code pages.
enum ProcessingInstructionGuard {
    /// How libxml2 will read the bytes: code-unit width and byte order (the characters the
    /// scan looks for are ASCII code points in every one of them), or EBCDIC.
    struct Encoding: Equatable {
        var width = 1
        var bigEndian = true
        var isEBCDIC = false

        static let ascii = Encoding()
        static let utf16BE = Encoding(width: 2, bigEndian: true)
        static let utf16LE = Encoding(width: 2, bigEndian: false)
        static let ucs4BE = Encoding(width: 4, bigEndian: true)
        static let ucs4LE = Encoding(width: 4, bigEndian: false)
        static let ebcdic = Encoding(isEBCDIC: true)

        /// libxml2's own detection (`xmlDetectCharEncoding`): the byte-order mark, or the
        /// code units of `<?` / `<?xm` at the start.
        static func detect(_ bytes: [UInt8]) -> Encoding {
            let head = Array(bytes.prefix(4)) + [UInt8](repeating: 0xAA, count: max(0, 4 - bytes.count))
            switch (head[0], head[1], head[2], head[3]) {
            case (0x00, 0x00, 0xFE, 0xFF), (0x00, 0x00, 0x00, 0x3C): return .ucs4BE
            case (0xFF, 0xFE, 0x00, 0x00), (0x3C, 0x00, 0x00, 0x00): return .ucs4LE
            case (0xFE, 0xFF, _, _), (0x00, 0x3C, 0x00, 0x3F): return .utf16BE
            case (0xFF, 0xFE, _, _), (0x3C, 0x00, 0x3F, 0x00): return .utf16LE
            case (0x4C, 0x6F, 0xA7, 0x94): return .ebcdic
            default: return .ascii
            }
        }
    }

    /// XML white space, which ends a processing instruction's target.
    private static let blanks: Set<UInt32> = [0x20, 0x09, 0x0A, 0x0D]

    /// The bytes with a space before the `?>` of every processing instruction that has no
    /// data and an internal DTD subset blanked, the bytes unchanged when there is neither
    /// (every ordinary feed), or nil for an EBCDIC document.
    static func guarded(_ bytes: [UInt8]) -> [UInt8]? {
        let encoding = Encoding.detect(bytes)
        if encoding.isEBCDIC { return nil }
        let width = encoding.width
        let count = bytes.count / width
        func unit(_ index: Int) -> UInt32 {
            var value: UInt32 = 0
            for k in 0..<width {
                let byte = UInt32(bytes[index * width + (encoding.bigEndian ? k : width - 1 - k)])
                value = value << 8 | byte
            }
            return value
        }
        func matches(_ text: String, at index: Int) -> Bool {
            var k = index
            for byte in text.utf8 {
                guard k < count, unit(k) == UInt32(byte) else { return false }
                k += 1
            }
            return true
        }
        var insertions: [Int] = []  // code-unit indexes of the `?` of a data-less `?>`
        var blanked: [Range<Int>] = []  // code-unit ranges of internal subsets
        var i = 0
        while i + 1 < count {
            if matches("<!DOCTYPE", at: i) {
                i = internalSubset(from: i + 9, count: count, unit: unit, matches: matches, into: &blanked)
                continue
            }
            guard matches("<?", at: i) else { i += 1; continue }
            var j = i + 2
            while j + 1 < count, !blanks.contains(unit(j)), !matches("?>", at: j) { j += 1 }
            if matches("?>", at: j) {
                insertions.append(j)
                i = j + 2
            } else {
                i = j
            }
        }
        guard !insertions.isEmpty || !blanked.isEmpty else { return bytes }
        var spaceBytes: [UInt8] = []
        for k in 0..<width {
            let shift = encoding.bigEndian ? (width - 1 - k) * 8 : k * 8
            spaceBytes.append(UInt8(truncatingIfNeeded: UInt32(0x20) >> UInt32(shift)))
        }
        var source = bytes
        for range in blanked {
            for index in range { source.replaceSubrange((index * width)..<((index + 1) * width), with: spaceBytes) }
        }
        var output: [UInt8] = []
        output.reserveCapacity(source.count + insertions.count * width)
        var copied = 0
        for index in insertions {
            output.append(contentsOf: source[copied..<(index * width)])
            output.append(contentsOf: spaceBytes)
            copied = index * width
        }
        output.append(contentsOf: source[copied...])
        return output
    }

    /// From just after `<!DOCTYPE`: the code units inside `[…]` go to `blanked`; returns where
    /// the scan goes on. Quoted strings and comments are skipped, so a `]` or `>` inside them
    /// ends nothing.
    private static func internalSubset(
        from start: Int, count: Int, unit: (Int) -> UInt32, matches: (String, Int) -> Bool,
        into blanked: inout [Range<Int>]
    ) -> Int {
        var j = start
        var quote: UInt32 = 0
        while j < count {
            let u = unit(j)
            if quote != 0 {
                if u == quote { quote = 0 }
            } else if u == 0x22 || u == 0x27 {
                quote = u
            } else if u == 0x3E {
                return j + 1  // no internal subset
            } else if u == 0x5B {
                break
            }
            j += 1
        }
        guard j < count else { return count }
        let subsetStart = j + 1
        var k = subsetStart
        quote = 0
        while k < count {
            let u = unit(k)
            if quote != 0 {
                if u == quote { quote = 0 }
            } else if matches("<!--", k) {
                k += 4
                while k < count, !matches("-->", k) { k += 1 }
                k += 3
                continue
            } else if u == 0x22 || u == 0x27 {
                quote = u
            } else if u == 0x5D {
                break
            }
            k += 1
        }
        let end = min(k, count)
        if subsetStart < end { blanked.append(subsetStart..<end) }
        return end
    }
}
