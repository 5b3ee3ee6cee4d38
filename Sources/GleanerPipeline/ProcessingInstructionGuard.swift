/// Gives every processing instruction of a feed or sitemap a data part before
/// FoundationXML's `XMLParser` sees it.
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
/// libxml2 reads UTF-16 and UCS-4 (by byte-order mark or by the code units of `<?`) and
/// EBCDIC (by `<?xm` in EBCDIC) as well as ASCII-compatible encodings, so the scan works on
/// code units of the width and byte order libxml2 will detect, and writes the space in the
/// same encoding.
enum ProcessingInstructionGuard {
    /// How libxml2 will read the bytes: code-unit width, byte order, and the code units of
    /// the four characters the scan needs.
    struct Encoding: Equatable {
        var width = 1
        var bigEndian = true
        var lessThan: UInt32 = 0x3C
        var question: UInt32 = 0x3F
        var greaterThan: UInt32 = 0x3E
        var space: UInt32 = 0x20
        var blanks: Set<UInt32> = [0x20, 0x09, 0x0A, 0x0D]

        static let ascii = Encoding()
        static let utf16BE = Encoding(width: 2, bigEndian: true)
        static let utf16LE = Encoding(width: 2, bigEndian: false)
        static let ucs4BE = Encoding(width: 4, bigEndian: true)
        static let ucs4LE = Encoding(width: 4, bigEndian: false)
        static let ebcdic = Encoding(
            lessThan: 0x4C, question: 0x6F, greaterThan: 0x6E, space: 0x40, blanks: [0x40, 0x05, 0x25, 0x15, 0x0D])

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

    /// The bytes with a space before the `?>` of every processing instruction that has no
    /// data, or the bytes unchanged when there is none (every ordinary feed).
    static func guarded(_ bytes: [UInt8]) -> [UInt8] {
        let encoding = Encoding.detect(bytes)
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
        var insertions: [Int] = []  // code-unit indexes of the `?` of a data-less `?>`
        var i = 0
        while i + 1 < count {
            guard unit(i) == encoding.lessThan, unit(i + 1) == encoding.question else { i += 1; continue }
            var j = i + 2
            while j + 1 < count, !encoding.blanks.contains(unit(j)),
                !(unit(j) == encoding.question && unit(j + 1) == encoding.greaterThan)
            {
                j += 1
            }
            if j + 1 < count, unit(j) == encoding.question, unit(j + 1) == encoding.greaterThan {
                insertions.append(j)
                i = j + 2
            } else {
                i = j
            }
        }
        guard !insertions.isEmpty else { return bytes }
        var spaceBytes: [UInt8] = []
        for k in 0..<width {
            let shift = encoding.bigEndian ? (width - 1 - k) * 8 : k * 8
            spaceBytes.append(UInt8(truncatingIfNeeded: encoding.space >> UInt32(shift)))
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + insertions.count * width)
        var copied = 0
        for index in insertions {
            output.append(contentsOf: bytes[copied..<(index * width)])
            output.append(contentsOf: spaceBytes)
            copied = index * width
        }
        output.append(contentsOf: bytes[copied...])
        return output
    }
}
