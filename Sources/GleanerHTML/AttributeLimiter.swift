#if canImport(Glibc)
import Glibc
#endif

/// A byte pre-scan that drops the attributes of a start tag past a limit before libxml2
/// parses the page, and cuts bogus comments (`<!` not followed by `--` or `DOCTYPE`, up to
/// the next `>`, as HTML's tokenizer reads them: Word's `<![if !supportLists]>…<![endif]>`)
/// that libxml2 would keep as text.
///
/// libxml2 2.9.14 compares each attribute of an element with every earlier one (duplicate
/// check), so one element with 100,000 attributes costs minutes inside the parser, where no
/// callback can stop it. The scan follows HTML's tokenizer closely enough for that purpose:
/// comments, `<!…>`/`<?…>` declarations and the raw text of script/style/textarea/title are
/// skipped, attribute values may be quoted or bare. It only ever rewrites a tag with more
/// attributes than the limit and cuts bogus comments; every other byte is kept, and when
/// there is neither (most pages) it returns nil and the caller parses the original bytes.
/// Works on ASCII-compatible encodings (UTF-8, windows-1252, ISO-8859-x, …).
///
/// With `emptyingDrawings`, it also cuts the inside of each inline `<svg>` drawing (up to
/// its matching `</svg>`), keeping the `svg` element and its attributes. Icons and logos
/// drawn inline are 4% of a news page's bytes and of its elements, and their path data
/// (`d="M12 2C6.48…"`) 12% of its attribute bytes, each read by libxml2 one character at
/// a time; `svg` is a non-content element, so nothing extraction reads is inside. When in
/// doubt (a self-closing or unclosed `svg`) it cuts nothing.
///
/// With `stashingValues` (UTF-8 input), it also lifts attribute values out of libxml2's
/// way: each value of plain ASCII (no `&`, so libxml2 would pass its bytes on unchanged;
/// see `isPlainASCII`, `isPlainBareValue`) at least `minimumStashedBytes` long is replaced
/// by a placeholder, DEL (0x7F) and the value's number in decimal, and `Prescan.values`
/// says where the value's bytes are in the input. libxml2 2.9 reads an attribute value one
/// character at a time, at about 115 instructions a character, and class lists, URLs and
/// data attributes are about 40 KB of a news page: over a third of libxml2's work.
/// `SAXTreeBuilder` puts the input's bytes back. The placeholder is ASCII, so it reads the
/// same whatever decoding libxml2 falls back to; an input that holds a DEL byte anywhere is
/// not stashed (a DEL in the tree then comes only from a placeholder), and a placeholder
/// that reaches the text (a tag this scan read as a tag and libxml2 did not) makes
/// `HTMLParser` parse the page again without stashing.
enum AttributeLimiter {
    /// What the pre-scan changed: the bytes to parse, and where the stashed values are in
    /// the input (value k is `values[k]`).
    struct Prescan {
        var bytes: [UInt8]
        var values: [Range<Int>]
        /// Start tags and their attributes the scan read: `SAXTreeBuilder` sizes its arrays
        /// from them.
        var startTags = 0
        var attributes = 0
        /// Runs of text between tags (a `<` not right after a `>`), blank ones included.
        var textRuns = 0
    }

    /// Values shorter than this stay in place: a placeholder is two to six bytes.
    static let minimumStashedBytes = 8
    static let placeholderMark: UInt8 = 0x7F

    /// The input with excess attributes and bogus comments (and, with `emptyingDrawings`,
    /// the inside of `svg` elements) removed, or nil when nothing had to change.
    static func limited(_ bytes: UnsafeRawBufferPointer, maximum: Int, emptyingDrawings: Bool = false) -> [UInt8]? {
        prescan(bytes, maximum: maximum, emptyingDrawings: emptyingDrawings, stashingValues: false)?.bytes
    }

    /// `limited`, and with `stashingValues` attribute values replaced by placeholders.
    static func prescan(
        _ bytes: UnsafeRawBufferPointer, maximum: Int, emptyingDrawings: Bool, stashingValues: Bool
    ) -> Prescan? {
        guard maximum < Int.max || emptyingDrawings || stashingValues, bytes.count > 0 else { return nil }
        let stashing = stashingValues && index(of: placeholderMark, in: bytes, from: 0) == bytes.count
        /// Byte ranges to leave out, in order; a stashed value's range gets its placeholder.
        var cuts: [(range: Range<Int>, placeholder: Int32)] = []
        var values: [Range<Int>] = []
        func stash(_ value: Range<Int>) {
            cuts.append((value, Int32(values.count)))
            values.append(value)
        }
        // Bytes the drawing scans may read in all: a run of unclosed `<svg>` tags would
        // otherwise be scanned to the end once per tag.
        var drawingBudget = 2 * bytes.count
        var startTags = 0
        var attributeCount = 0
        var textRuns = 0
        var i = 0
        let n = bytes.count
        while i < n {
            // The next '<' by memchr: the byte loop was 3% of a whole `gleaner extract` run.
            i = index(of: 0x3C, in: bytes, from: i)
            guard i + 1 < n else { break }
            if i > 0, bytes[i - 1] != 0x3E { textRuns += 1 }
            let next = bytes[i + 1]
            if next == 0x21 || next == 0x3F {  // '!' or '?': comment or declaration
                if next == 0x21, i + 3 < n, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D {
                    i = skip(past: [0x2D, 0x2D, 0x3E], in: bytes, from: i + 4)  // "-->"
                } else {
                    let start = i
                    i = skip(past: [0x3E], in: bytes, from: i + 2)
                    // `<![if !supportLists]>`, `<![endif]>` (Word's HTML), `<!-note-!>`: a bogus
                    // comment in every browser, but text to libxml2. Cut it like a comment.
                    if next == 0x21, !isDoctype(bytes, at: start + 2) { cuts.append((start..<i, -1)) }
                }
                continue
            }
            guard isLetter(next) else { i += 1; continue }
            // Tag name.
            startTags += 1
            let tagStart = i
            var j = i + 1
            while j < n, !isSpace(bytes[j]), bytes[j] != 0x3E, bytes[j] != 0x2F { j += 1 }
            let nameEnd = j
            let rawText = rawTextEnd(name: UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<j]))
            var count = 0
            var cutStart = -1
            // Attributes.
            while j < n {
                while j < n, isSpace(bytes[j]) || bytes[j] == 0x2F { j += 1 }
                guard j < n, bytes[j] != 0x3E else { break }
                let attributeStart = j
                if bytes[j] == 0x3C { break }  // a new tag starts: libxml2 ends this one here too
                while j < n, !isSpace(bytes[j]), bytes[j] != 0x3D, bytes[j] != 0x3E { j += 1 }
                var k = j
                while k < n, isSpace(bytes[k]) { k += 1 }
                if k < n, bytes[k] == 0x3D {
                    k += 1
                    while k < n, isSpace(bytes[k]) { k += 1 }
                    if k < n, bytes[k] == 0x22 || bytes[k] == 0x27 {
                        // The closing quote by memchr: quoted values (URLs, class lists, data
                        // attributes) are most of a start tag's bytes.
                        let valueStart = k + 1
                        k = index(of: bytes[k], in: bytes, from: valueStart)
                        if stashing, k < n, count < maximum, k - valueStart >= minimumStashedBytes,
                            isPlainASCII(UnsafeRawBufferPointer(rebasing: bytes[valueStart..<k]))
                        {
                            stash(valueStart..<k)
                        }
                        if k < n { k += 1 }
                    } else {
                        let valueStart = k
                        while k < n, !isSpace(bytes[k]), bytes[k] != 0x3E { k += 1 }
                        // libxml2 ends a bare value at a blank or `>` only (not at a form feed).
                        if stashing, k < n, count < maximum, k - valueStart >= minimumStashedBytes, bytes[k] != 0x0C,
                            isPlainBareValue(UnsafeRawBufferPointer(rebasing: bytes[valueStart..<k]))
                        {
                            stash(valueStart..<k)
                        }
                    }
                    j = k
                }
                count += 1
                if count == maximum + 1 { cutStart = attributeStart }
            }
            attributeCount += min(count, maximum)
            if cutStart >= 0 { cuts.append((cutStart..<j, -1)) }
            i = j
            if emptyingDrawings, drawingBudget > 0, j < n, bytes[j] == 0x3E, bytes[j - 1] != 0x2F,
                isSVG(UnsafeRawBufferPointer(rebasing: bytes[(tagStart + 1)..<nameEnd]))
            {
                let drawing = drawingEnd(in: bytes, from: j + 1)
                drawingBudget -= drawing.scanned
                if let end = drawing.end {
                    if end > j + 1 { cuts.append(((j + 1)..<end, -1)) }
                    i = end
                    continue
                }
            }
            if let rawText, i < n {
                i = skipRawText(closing: rawText, in: bytes, from: i)
            }
        }
        guard !cuts.isEmpty else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(n)
        var position = 0
        for cut in cuts {
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<cut.range.lowerBound]))
            if cut.placeholder >= 0 { appendPlaceholder(Int(cut.placeholder), to: &output) }
            position = cut.range.upperBound
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<n]))
        return Prescan(bytes: output, values: values, startTags: startTags, attributes: attributeCount, textRuns: textRuns)
    }

    /// DEL and `number` in decimal.
    static func appendPlaceholder(_ number: Int, to output: inout [UInt8]) {
        output.append(placeholderMark)
        var divisor = 1
        while divisor <= number / 10 { divisor *= 10 }
        var rest = number
        while divisor > 0 {
            output.append(0x30 + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// The value number of a placeholder (a NUL-terminated C string from libxml2), or nil
    /// when `value` is not one.
    @inline(__always)
    static func placeholderNumber(_ value: UnsafePointer<UInt8>) -> Int? {
        guard value[0] == placeholderMark, value[1] >= 0x30, value[1] <= 0x39 else { return nil }
        var number = 0
        var k = 1
        while value[k] != 0 {
            guard value[k] >= 0x30, value[k] <= 0x39, k < 13 else { return nil }
            number = number * 10 + Int(value[k] - 0x30)
            k += 1
        }
        return number
    }

    /// Every byte is printable ASCII, a tab or a line feed, and none is `&` (which libxml2
    /// would decode). A carriage return is left to libxml2, which may fold CR LF.
    /// Eight bytes at a time: the values are a third of a page's bytes, and a byte loop
    /// cost more than the stashing saved.
    static func isPlainASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if mayHoldSpecialByte(word) {
                for k in i..<(i + 8) where !isPlain(bytes[k]) { return false }
            }
            i += 8
        }
        while i < n {
            if !isPlain(bytes[i]) { return false }
            i += 1
        }
        return true
    }

    @inline(__always) static func isPlain(_ byte: UInt8) -> Bool {
        (byte >= 0x20 || byte == 0x09 || byte == 0x0A) && byte <= 0x7E && byte != 0x26
    }

    /// True when some byte of `word` is below 0x20, at or above 0x7F, or `&` (may be a
    /// false positive; never a false negative).
    @inline(__always) static func mayHoldSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (word &- ones &* 0x20) & ~word & highs
        let ampersand = word ^ (ones &* 0x26)
        let isAmpersand = (ampersand &- ones) & ~ampersand & highs
        let plusOne = word &+ ones  // 0x7F becomes 0x80: its high bit, with the bytes already high
        return (word | plusOne) & highs != 0 || below20 | isAmpersand != 0
    }

    /// An unquoted value libxml2 reads as it is: printable ASCII without spaces, `&`,
    /// quotes, `<` or a backquote. (The caller checks that the value ends where libxml2 ends
    /// it: at a blank or `>`, not at a form feed.)
    static func isPlainBareValue(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte <= 0x20 || byte > 0x7E || byte == 0x26 || byte == 0x22 || byte == 0x27 || byte == 0x3C || byte == 0x60 {
            return false
        }
        return true
    }

    /// `svg` in any case.
    static func isSVG(_ name: UnsafeRawBufferPointer) -> Bool {
        name.count == 3 && name[0] | 0x20 == 0x73 && name[1] | 0x20 == 0x76 && name[2] | 0x20 == 0x67
    }

    /// Where the `svg` whose content starts at `start` ends: `end` is the index of its
    /// closing `</svg`, or nil when there is none or the content is one this scan cannot
    /// follow safely; `scanned` is how many bytes the scan read. Nested `svg` elements
    /// count; comments and the raw text of `script`/`style` are skipped, so a `</svg>` in
    /// them ends nothing. An end tag of an element not opened inside the drawing (a stray
    /// `</div>` after an `svg` left unclosed, which libxml2 ends there) gives nil.
    static func drawingEnd(in bytes: UnsafeRawBufferPointer, from start: Int) -> (end: Int?, scanned: Int) {
        let n = bytes.count
        var i = start
        func stop(_ end: Int?) -> (end: Int?, scanned: Int) { (end, min(n, i) - start + 1) }
        var depth = 1
        /// Names of the elements opened inside the drawing, lower-cased.
        var opened: [[UInt8]] = []
        func wasOpened(_ name: UnsafeRawBufferPointer) -> Bool {
            opened.contains { $0.count == name.count && zip($0, name).allSatisfy { $0 == $1 | 0x20 } }
        }
        while i < n {
            i = index(of: 0x3C, in: bytes, from: i)
            guard i + 4 < n else { return stop(nil) }
            let next = bytes[i + 1]
            if next == 0x21 || next == 0x3F {  // a comment, CDATA or declaration, up to its end
                if next == 0x21, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D {
                    i = skip(past: [0x2D, 0x2D, 0x3E], in: bytes, from: i + 4)
                } else {
                    i = skip(past: [0x3E], in: bytes, from: i + 2)
                }
                continue
            }
            let closing = next == 0x2F
            let nameStart = closing ? i + 2 : i + 1
            guard isLetter(bytes[nameStart]) else { i += 1; continue }
            var j = nameStart
            while j < n, !isSpace(bytes[j]), bytes[j] != 0x3E, bytes[j] != 0x2F { j += 1 }
            let name = UnsafeRawBufferPointer(rebasing: bytes[nameStart..<j])
            if isSVG(name) {
                if closing {
                    depth -= 1
                    if depth == 0 { return stop(i) }
                } else {
                    let close = index(of: 0x3E, in: bytes, from: j)
                    guard close < n else { return stop(nil) }
                    if bytes[close - 1] != 0x2F { depth += 1 }
                }
            } else if closing {
                guard wasOpened(name) else { return stop(nil) }
            } else {
                if !wasOpened(name) { opened.append(name.map { $0 | 0x20 }) }
                if let rawText = rawTextEnd(name: name) {
                    let close = index(of: 0x3E, in: bytes, from: j)
                    guard close < n else { return stop(nil) }
                    i = skipRawText(closing: rawText, in: bytes, from: close + 1)
                    continue
                }
            }
            i += 1
        }
        return stop(nil)
    }

    /// `DOCTYPE` (any case) at `index`: the one `<!…>` declaration libxml2 reads as markup.
    static func isDoctype(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let doctype: [UInt8] = Array("doctype".utf8)
        guard index + doctype.count <= bytes.count else { return false }
        for k in 0..<doctype.count where (bytes[index + k] | 0x20) != doctype[k] { return false }
        return true
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// Elements whose content is raw text up to their end tag.
    static let rawTextElements: [[UInt8]] = ["script", "style", "textarea", "title", "xmp", "plaintext"].map { Array($0.utf8) }

    static func rawTextEnd(name: UnsafeRawBufferPointer) -> [UInt8]? {
        rawTextElements.first { candidate in
            candidate.count == name.count && zip(candidate, name).allSatisfy { $0 == ($1 | 0x20) }
        }
    }

    /// The index just past `needle` at or after `start`, or the end.
    static func skip(past needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var i = start
        let n = bytes.count
        while i + needle.count <= n {
            i = index(of: needle[0], in: bytes, from: i)
            guard i + needle.count <= n else { break }
            var match = true
            for k in 1..<needle.count where bytes[i + k] != needle[k] { match = false; break }
            if match { return i + needle.count }
            i += 1
        }
        return n
    }

    /// The index of `</name` (any case) at or after `start`, or the end.
    static func skipRawText(closing name: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var i = start
        let n = bytes.count
        while i + 1 + name.count < n {
            i = index(of: 0x3C, in: bytes, from: i)
            guard i + 1 + name.count < n else { break }
            if bytes[i + 1] == 0x2F {
                var match = true
                for k in 0..<name.count where (bytes[i + 2 + k] | 0x20) != name[k] { match = false; break }
                if match { return i }
            }
            i += 1
        }
        return n
    }

    /// The index of the first `byte` at or after `start`, or `bytes.count` (memchr).
    @inline(__always)
    static func index(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return bytes.count }
        return base.distance(to: UnsafeRawPointer(found))
    }
}
